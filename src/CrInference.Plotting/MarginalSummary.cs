namespace CrInference.Plotting;

/// <summary>
/// One-dimensional summary of a (weighted) marginal: the 16 %, 50 % and 84 % quantiles, so
/// that <c>median − Lower</c> and <c>Upper − median</c> are the usual ±1σ-equivalent errors.
/// </summary>
/// <param name="Lower">16 % quantile.</param>
/// <param name="Median">50 % quantile.</param>
/// <param name="Upper">84 % quantile.</param>
public readonly record struct MarginalSummary(double Lower, double Median, double Upper)
{
    /// <summary><c>Upper − Median</c>.</summary>
    public double PlusError => Upper - Median;

    /// <summary><c>Median − Lower</c>.</summary>
    public double MinusError => Median - Lower;
}
