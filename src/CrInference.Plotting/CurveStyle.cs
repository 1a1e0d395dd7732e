namespace CrInference.Plotting;

/// <summary>Line pattern of a curve.</summary>
public enum CurveStyle
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Dashed line.</summary>
    Dashed,

    /// <summary>Dotted line.</summary>
    Dotted,

    /// <summary>Dash-dot line.</summary>
    DashDot,
}
