namespace CrInference.Plotting;

/// <summary>Options of <see cref="SpectrumPlot.Render"/>.</summary>
public sealed record SpectrumPlotOptions
{
    /// <summary>Optional figure title above the panels.</summary>
    public string? Title { get; init; }

    /// <summary>Panels per row; default all panels in one row up to three.</summary>
    public int? Columns { get; init; }

    /// <summary>Width of one panel in pixels.</summary>
    public int PanelWidth { get; init; } = 560;

    /// <summary>Height of the main axis of a panel in pixels.</summary>
    public int MainHeight { get; init; } = 400;

    /// <summary>Height of the residual axis under it in pixels.</summary>
    public int ResidualHeight { get; init; } = 140;
}
