using CrInference.Core.Random;

namespace CrInference.Sampling.Calibration;

/// <summary>
/// Where a true parameter value falls in its posterior, for simulation-based calibration (SBC; Talts et al. 2018,
/// arXiv:1804.06788): the rank of the truth among L posterior draws, the posterior CDF at the truth, and whether the
/// truth lies in a central credible interval. If the posterior is exact and the truth is drawn from the prior, the
/// rank is uniform on 0 … L and the CDF uniform on [0, 1] (Talts et al., Theorem 1), so a central p-interval
/// contains the truth with probability p.
/// </summary>
public static class CalibrationRanks
{
    /// <summary>
    /// The rank of <paramref name="truth"/> among <paramref name="draws"/>: the number of draws below it, plus, where
    /// draws equal it (a parameter stuck at a value, a truth at a prior bound), a uniform integer in 0 … (number of
    /// equal draws) from <paramref name="ties"/> so that ties do not pile ranks up at one end.
    /// </summary>
    public static int Rank(ReadOnlySpan<double> draws, double truth, ref RandomStream ties)
    {
        int below = 0, equal = 0;
        foreach (double x in draws)
        {
            if (x < truth) below++;
            else if (x == truth) equal++;
        }
        return equal == 0 ? below : below + ties.NextInt(equal + 1);
    }

    /// <summary>
    /// The posterior CDF at <paramref name="truth"/> from weighted draws: Σ w_i [x_i &lt; t] + ½ Σ w_i [x_i = t], over
    /// Σ w_i. Empty <paramref name="weights"/> means equal weights. Nested sampling's dead points enter with their
    /// posterior weights (no resampling).
    /// </summary>
    public static double CdfAt(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double truth)
    {
        if (values.IsEmpty) throw new ArgumentException("no draws");
        if (!weights.IsEmpty && weights.Length != values.Length) throw new ArgumentException($"{weights.Length} weights for {values.Length} draws");
        double below = 0, total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            total += w;
            if (values[i] < truth) below += w;
            else if (values[i] == truth) below += 0.5 * w;
        }
        if (!(total > 0)) throw new ArgumentException("the weights sum to zero");
        return below / total;
    }

    /// <summary>
    /// A posterior CDF value as a rank among <paramref name="draws"/> draws: min(L, ⌊u (L + 1)⌋), uniform on 0 … L when
    /// u is uniform on [0, 1]. Used for weighted samples (nested sampling), where no L equal-weight draws exist.
    /// </summary>
    public static int RankFromCdf(double cdf, int draws)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        if (!(cdf >= 0 && cdf <= 1)) throw new ArgumentOutOfRangeException(nameof(cdf), cdf, "a CDF value lies in [0, 1]");
        return Math.Min(draws, (int)Math.Floor(cdf * (draws + 1)));
    }

    /// <summary>Whether the truth whose posterior CDF is <paramref name="cdf"/> lies in the central credible interval of
    /// probability <paramref name="probability"/>: (1 − p)/2 ≤ u ≤ (1 + p)/2, i.e. between its quantiles. The bounds are
    /// inclusive to 1e-12, so that a CDF of exactly k/n at a quantile (0.025 = 40/1600) counts as inside whatever the
    /// rounding of (1 − p)/2.</summary>
    public static bool InCentralInterval(double cdf, double probability)
    {
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability lies in (0, 1)");
        const double tolerance = 1e-12;
        return cdf >= 0.5 * (1 - probability) - tolerance && cdf <= 0.5 * (1 + probability) + tolerance;
    }
}
