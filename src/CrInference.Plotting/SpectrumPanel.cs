namespace CrInference.Plotting;

/// <summary>
/// One data-versus-model panel of a <see cref="SpectrumPlot"/>: a main axis (log x; log or linear
/// y) with the data, the model median and bands and any extra curves, over a residual axis
/// showing (data − model median)/σ.
/// </summary>
/// <param name="Title">Panel title (LaTeX-ish syntax allowed, see <see cref="LabelText"/>).</param>
/// <param name="XLabel">x-axis label, e.g. <c>R [GV]</c>.</param>
/// <param name="YLabel">y-axis label, e.g. <c>R^{2.7} J [m^-2 s^-1 sr^-1 GV^{1.7}]</c>.</param>
public sealed record SpectrumPanel(string Title, string XLabel, string YLabel)
{
    /// <summary>Measured data sets, drawn as points with error bars.</summary>
    public IReadOnlyList<SpectrumData> Data { get; init; } = [];

    /// <summary>Posterior-predictive median and bands; null for none (then no residual axis).</summary>
    public ModelBand? Model { get; init; }

    /// <summary>Extra named curves (model components, other fits), drawn dashed or dotted as set.</summary>
    public IReadOnlyList<CurveSeries> Curves { get; init; } = [];

    /// <summary>Logarithmic y axis (default true).</summary>
    public bool LogY { get; init; } = true;

    /// <summary>Where the legend goes inside the main axis.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.UpperRight;
}
