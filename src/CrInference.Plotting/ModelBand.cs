namespace CrInference.Plotting;

/// <summary>
/// Posterior-predictive model of a <see cref="SpectrumPanel"/> on a grid of abscissae: the median
/// and the central 68 % and 95 % bands, all in the panel's units.
/// </summary>
/// <param name="X">Model abscissae, increasing.</param>
/// <param name="Median">Posterior-predictive median at each abscissa.</param>
/// <param name="Lower68">16 % quantile.</param>
/// <param name="Upper68">84 % quantile.</param>
/// <param name="Lower95">2.5 % quantile.</param>
/// <param name="Upper95">97.5 % quantile.</param>
public sealed record ModelBand(double[] X, double[] Median, double[] Lower68, double[] Upper68, double[] Lower95, double[] Upper95)
{
    /// <summary>Legend text of the median line (the bands are labelled "68 %" and "95 %").</summary>
    public string Label { get; init; } = "model median";
}
