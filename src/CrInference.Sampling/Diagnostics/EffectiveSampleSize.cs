using System.Collections.Immutable;

namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// Effective sample size of an ensemble chain, N_eff = walkers × steps / τ (Foreman-Mackey et al. 2013,
/// §3; Sokal 1997): the number of independent draws with the same Monte-Carlo variance of a mean.
/// It treats walkers as independent chains, as emcee does.
/// </summary>
public static class EffectiveSampleSize
{
    /// <summary>walkers × steps / τ; 0 for τ = +∞; NaN for τ ≤ 0 or NaN (an anti-correlated or broken estimate).</summary>
    public static double FromTau(int walkers, long steps, double tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(walkers);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (double.IsPositiveInfinity(tau))
        {
            return 0.0;
        }
        if (!(tau > 0))
        {
            return double.NaN;
        }
        return (double)walkers * steps / tau;
    }

    /// <summary>N_eff of every parameter of a step-major chain, from <see cref="Autocorrelation.IntegratedTimes"/>.</summary>
    public static ImmutableArray<double> PerParameter(ReadOnlySpan<double> chain, int walkers, int dimension)
    {
        var taus = Autocorrelation.IntegratedTimes(chain, walkers, dimension);
        long steps = chain.Length / ((long)walkers * dimension);
        var result = new double[dimension];
        for (int p = 0; p < dimension; p++)
        {
            result[p] = FromTau(walkers, steps, taus[p].Tau);
        }
        return [.. result];
    }
}
