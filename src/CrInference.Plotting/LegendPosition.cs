namespace CrInference.Plotting;

/// <summary>Corner of the axes that holds the legend, or no legend.</summary>
public enum LegendPosition
{
    /// <summary>Upper right corner.</summary>
    UpperRight,

    /// <summary>Upper left corner.</summary>
    UpperLeft,

    /// <summary>Lower right corner.</summary>
    LowerRight,

    /// <summary>Lower left corner.</summary>
    LowerLeft,

    /// <summary>No legend.</summary>
    None,
}
