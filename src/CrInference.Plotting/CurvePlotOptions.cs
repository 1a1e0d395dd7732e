namespace CrInference.Plotting;

/// <summary>Options of <see cref="CurvePlot.Render"/>.</summary>
public sealed record CurvePlotOptions
{
    /// <summary>Title above the axes (LaTeX-ish syntax allowed, see <see cref="LabelText"/>).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>x-axis label (LaTeX-ish syntax allowed).</summary>
    public string XLabel { get; init; } = string.Empty;

    /// <summary>y-axis label (LaTeX-ish syntax allowed).</summary>
    public string YLabel { get; init; } = string.Empty;

    /// <summary>Logarithmic x axis (default true).</summary>
    public bool LogX { get; init; } = true;

    /// <summary>Logarithmic y axis (default true).</summary>
    public bool LogY { get; init; } = true;

    /// <summary>Optional x-axis limits in data units; null to fit the curves.</summary>
    public (double Min, double Max)? XLimits { get; init; }

    /// <summary>Optional y-axis limits in data units; null to fit the curves.</summary>
    public (double Min, double Max)? YLimits { get; init; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 800;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 600;

    /// <summary>Where the legend goes inside the axes.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.UpperRight;
}
