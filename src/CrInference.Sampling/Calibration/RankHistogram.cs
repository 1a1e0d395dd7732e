using CrInference.Sampling.Comparison;
using MathNet.Numerics.Distributions;

namespace CrInference.Sampling.Calibration;

/// <summary>
/// The histogram of SBC ranks (0 … L) of one parameter over N replicates in B equal bins of (L + 1)/B ranks, with
/// the χ² test of uniformity, χ² = Σ_b (O_b − N/B)²/(N/B) against a χ² distribution with B − 1 degrees of freedom
/// (Talts et al. 2018, §4.1 use the same histogram; the χ² test is the usual one-number summary of it), and the
/// central 99 % band of one bin's count under uniformity, Binomial(N, 1/B) (the grey band of Talts et al.'s Fig. 2).
/// </summary>
/// <param name="Draws">L: ranks run 0 … L.</param>
/// <param name="Counts">Replicates per bin.</param>
/// <param name="ChiSquare">χ² of the counts against N/B each.</param>
/// <param name="PValue">P(χ²_{B−1} ≥ <paramref name="ChiSquare"/>): small when the ranks are not uniform.</param>
/// <param name="BandLow">Lower end of the 99 % band of one bin's count (its 0.5 % binomial quantile).</param>
/// <param name="BandHigh">Upper end of the 99 % band of one bin's count (its 99.5 % binomial quantile).</param>
public sealed record RankHistogram(int Draws, int[] Counts, double ChiSquare, double PValue, int BandLow, int BandHigh)
{
    /// <summary>Probability inside the band drawn around the expected count.</summary>
    public const double BandProbability = 0.99;

    /// <summary>B.</summary>
    public int Bins => Counts.Length;

    /// <summary>N.</summary>
    public int Replicates => Counts.Sum();

    /// <summary>N/B, the expected count per bin under uniformity.</summary>
    public double Expected => (double)Replicates / Bins;

    /// <summary>Histogram of <paramref name="ranks"/> (each in 0 … <paramref name="draws"/>) in <paramref name="bins"/> bins
    /// (null: <see cref="DefaultBins"/>); <paramref name="bins"/> must divide L + 1 so that every bin holds as many ranks.</summary>
    public static RankHistogram Of(IReadOnlyList<int> ranks, int draws, int? bins = null)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        if (ranks.Count == 0) throw new ArgumentException("no ranks");
        int b = bins ?? DefaultBins(ranks.Count, draws);
        if (b < 1 || (draws + 1) % b != 0) throw new ArgumentException($"{b} bins do not divide the {draws + 1} possible ranks evenly");
        int width = (draws + 1) / b;
        var counts = new int[b];
        foreach (int r in ranks)
        {
            if (r < 0 || r > draws) throw new ArgumentOutOfRangeException(nameof(ranks), r, $"a rank lies in 0 … {draws}");
            counts[r / width]++;
        }
        double expected = (double)ranks.Count / b;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        double p = b > 1 ? GoodnessOfFit.ChiSquareUpperTail(chiSquare, b - 1) : 1.0;
        var binomial = new Binomial(1.0 / b, ranks.Count);
        return new RankHistogram(draws, counts, chiSquare, p,
            Quantile(binomial, 0.5 * (1 - BandProbability)), Quantile(binomial, 0.5 * (1 + BandProbability)));
    }

    /// <summary>
    /// The bins when none are given: the largest of 20, 10, 5, 4, 2 that divides L + 1 and leaves at least 5 expected
    /// replicates per bin (the usual validity condition of the χ² approximation); 1 when none does.
    /// </summary>
    public static int DefaultBins(int replicates, int draws)
    {
        foreach (int b in new[] { 20, 10, 5, 4, 2 })
        {
            if ((draws + 1) % b == 0 && replicates >= 5 * b) return b;
        }
        return 1;
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ q.</summary>
    private static int Quantile(Binomial binomial, double q)
    {
        for (int k = 0; k <= binomial.N; k++)
        {
            if (binomial.CumulativeDistribution(k) >= q) return k;
        }
        return binomial.N;
    }
}
