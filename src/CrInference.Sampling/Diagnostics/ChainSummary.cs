using System.Collections.Immutable;
using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Diagnostics;

/// <summary>Marginal summary of one parameter: moments, quantiles (type 7), autocorrelation time and
/// effective sample size (walkers × steps / τ).</summary>
public sealed record ParameterSummary(
    string Name,
    double Mean,
    double StandardDeviation,
    double Median,
    double Quantile16,
    double Quantile84,
    AutocorrelationEstimate Tau,
    double EffectiveSampleSize);

/// <summary>
/// Summary of an ensemble chain (after the caller has dropped the burn-in): per-parameter
/// <see cref="ParameterSummary"/>, acceptance (<see cref="AcceptanceSummary"/>) and stuck walkers
/// (<see cref="StuckWalkerReport"/>, with τ_max from the parameters). Values are in the coordinates of
/// the chain passed in (sampled coordinates for the sampler's blocks; convert first for physical ones).
/// </summary>
public sealed record ChainSummary(
    int Steps,
    int Walkers,
    ImmutableArray<ParameterSummary> Parameters,
    AcceptanceSummary Acceptance,
    StuckWalkerReport StuckWalkers)
{
    /// <summary>Largest τ over the parameters (+∞ if any parameter never moved).</summary>
    public double TauMax => Parameters.IsEmpty ? double.NaN : Parameters.Max(p => p.Tau.Tau);

    /// <summary>Smallest effective sample size over the parameters.</summary>
    public double MinimumEffectiveSampleSize => Parameters.IsEmpty ? double.NaN : Parameters.Min(p => p.EffectiveSampleSize);

    /// <summary>True when every τ estimate is reliable (chain ≥ 50 τ).</summary>
    public bool IsReliable => Parameters.All(p => p.Tau.IsReliable);

    /// <summary>Summarises a step-major chain (<c>chain[(t·walkers + w)·dimension + i]</c>) and its acceptance flags.</summary>
    /// <param name="chain">Positions, step × walker × component.</param>
    /// <param name="accepted">Acceptance flags, step × walker (same steps as <paramref name="chain"/>).</param>
    /// <param name="walkers">Number of walkers.</param>
    /// <param name="dimension">Number of parameters.</param>
    /// <param name="names">Parameter names (null: p0, p1, …).</param>
    /// <param name="logPosterior">Step-major log posteriors of the same rows, for the lagging-walker rule of
    /// <see cref="StuckWalkerReport"/> (empty to skip it).</param>
    public static ChainSummary Compute(ReadOnlySpan<double> chain, ReadOnlySpan<bool> accepted, int walkers, int dimension, IReadOnlyList<string>? names = null,
        ReadOnlySpan<double> logPosterior = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (names is not null && names.Count != dimension)
        {
            throw new ArgumentException($"{names.Count} names for {dimension} parameters", nameof(names));
        }
        long rows = chain.Length / dimension;
        int steps = (int)(rows / walkers);
        if (chain.Length != (long)steps * walkers * dimension || accepted.Length != (long)steps * walkers)
        {
            throw new ArgumentException(
                $"chain of {chain.Length} values and {accepted.Length} acceptance flags do not describe the same steps of {walkers} walkers × {dimension} parameters");
        }
        var taus = Autocorrelation.IntegratedTimes(chain, walkers, dimension);
        var parameters = ImmutableArray.CreateBuilder<ParameterSummary>(dimension);
        var values = new double[rows];
        double tauMax = 0;
        for (int p = 0; p < dimension; p++)
        {
            double sum = 0;
            for (long r = 0; r < rows; r++)
            {
                double x = chain[(int)(r * dimension + p)];
                values[r] = x;
                sum += x;
            }
            double mean = sum / rows;
            double squares = 0;
            for (long r = 0; r < rows; r++)
            {
                double dx = values[r] - mean;
                squares += dx * dx;
            }
            Array.Sort(values);
            tauMax = Math.Max(tauMax, taus[p].Tau);
            parameters.Add(new ParameterSummary(
                names?[p] ?? FormattableString.Invariant($"p{p}"),
                mean,
                rows > 1 ? Math.Sqrt(squares / (rows - 1)) : double.NaN,
                SortedArrayStatistics.QuantileCustom(values, 0.5, QuantileDefinition.R7),
                SortedArrayStatistics.QuantileCustom(values, 0.16, QuantileDefinition.R7),
                SortedArrayStatistics.QuantileCustom(values, 0.84, QuantileDefinition.R7),
                taus[p],
                EffectiveSampleSize.FromTau(walkers, steps, taus[p].Tau)));
        }
        return new ChainSummary(
            steps,
            walkers,
            parameters.MoveToImmutable(),
            AcceptanceSummary.Compute(accepted, walkers),
            StuckWalkerReport.Detect(accepted, walkers, tauMax, logPosterior, dimension));
    }
}
