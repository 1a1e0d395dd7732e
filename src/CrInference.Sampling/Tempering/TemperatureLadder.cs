using System.Collections.Immutable;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// Inverse-temperature ladders β_0 = 1 &gt; β_1 &gt; … &gt; β_{K−1} = β_min: the geometric default, the
/// automatic β_min, and the adaptive update of Vousden, Farr &amp; Mandel (2016). The defaults are
/// argued on <see cref="TemperingSettings"/>.
/// </summary>
public static class TemperatureLadder
{
    /// <summary>Target of the automatic β_min: β_min · sd_π(ln L).</summary>
    public const double AutomaticSpread = 0.1;

    /// <summary>Largest automatic β_min.</summary>
    public const double MaximumAutomaticBetaMin = 1e-3;

    /// <summary>Smallest automatic β_min.</summary>
    public const double MinimumAutomaticBetaMin = 1e-12;

    /// <summary>β_k = β_min^{k/(K−1)}: uniform in ln β, with β_0 = 1 and β_{K−1} = β_min exactly.</summary>
    public static ImmutableArray<double> Geometric(int temperatures, double betaMin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(temperatures, 2);
        if (!(betaMin > 0 && betaMin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(betaMin), betaMin, "beta-min must lie in (0, 1)");
        }
        var betas = new double[temperatures];
        double logMin = Math.Log(betaMin);
        betas[0] = 1.0;
        for (int k = 1; k < temperatures - 1; k++)
        {
            betas[k] = Math.Exp(logMin * k / (temperatures - 1));
        }
        betas[^1] = betaMin;
        return [.. betas];
    }

    /// <summary>
    /// clamp(<see cref="AutomaticSpread"/> / sd(ln L), 1e-12, 1e-3) over the finite values of
    /// <paramref name="priorLogLikelihoods"/> (draws from the prior); the upper clamp when they do not vary.
    /// </summary>
    public static double AutomaticBetaMin(ReadOnlySpan<double> priorLogLikelihoods)
    {
        int n = 0;
        double mean = 0, sumSquares = 0;
        foreach (double x in priorLogLikelihoods)
        {
            if (!double.IsFinite(x)) continue;
            n++;
            double delta = x - mean;
            mean += delta / n;
            sumSquares += delta * (x - mean);
        }
        double sd = n > 1 ? Math.Sqrt(sumSquares / (n - 1)) : 0.0;
        if (!(sd > 0)) return MaximumAutomaticBetaMin;
        return Math.Clamp(AutomaticSpread / sd, MinimumAutomaticBetaMin, MaximumAutomaticBetaMin);
    }

    /// <summary>
    /// One adaptive update (Vousden et al. 2016, eqs. 11–13; ptemcee's <c>_get_ladder_adjustment</c>):
    /// with T_i = 1/β_i and S_i = ln(T_{i+1} − T_i), S_i += κ(A_i − A_{i+1}) for i = 0 … K−3, where A_i is
    /// the swap acceptance of the pair (i, i+1) and κ = t₀ / (ν(t + t₀)); β_0 and β_{K−1} stay fixed.
    /// Returns <paramref name="betas"/> unchanged where the update would break the strict order (it cannot
    /// for small κ, but a ladder must never cross).
    /// </summary>
    /// <param name="betas">Current ladder, β_0 = 1 first.</param>
    /// <param name="acceptance">A_i for the K − 1 adjacent pairs.</param>
    /// <param name="step">t, steps since the start of the run.</param>
    /// <param name="adaptationTime">ν.</param>
    /// <param name="adaptationLag">t₀.</param>
    /// <param name="updated">Output ladder, length K (may alias <paramref name="betas"/>).</param>
    public static void Adapt(ReadOnlySpan<double> betas, ReadOnlySpan<double> acceptance, long step, double adaptationTime, double adaptationLag, Span<double> updated)
    {
        int k = betas.Length;
        if (acceptance.Length != k - 1 || updated.Length != k)
        {
            throw new ArgumentException($"ladder of {k} temperatures needs {k - 1} pair acceptances and {k} outputs");
        }
        if (k < 3)
        {
            betas.CopyTo(updated);
            return;
        }
        double kappa = adaptationLag / (step + adaptationLag) / adaptationTime;
        Span<double> next = k <= 64 ? stackalloc double[k] : new double[k];
        next[0] = betas[0];
        next[k - 1] = betas[k - 1];
        double temperature = 1.0 / betas[0];
        bool ordered = true;
        for (int i = 0; i < k - 2; i++)
        {
            double gap = (1.0 / betas[i + 1] - 1.0 / betas[i]) * Math.Exp(kappa * (acceptance[i] - acceptance[i + 1]));
            temperature += gap;
            next[i + 1] = 1.0 / temperature;
            ordered &= next[i + 1] < next[i] && next[i + 1] > 0;
        }
        ordered &= next[k - 1] < next[k - 2];
        (ordered ? next : betas).CopyTo(updated);
    }
}
