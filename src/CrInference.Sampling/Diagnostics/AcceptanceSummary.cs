using System.Collections.Immutable;
using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// Acceptance fractions of an ensemble chain: per walker, over the whole ensemble, and the median over
/// walkers. Goodman &amp; Weare (2010) and Foreman-Mackey et al. (2013, §4) suggest 0.2–0.5 as healthy.
/// </summary>
public sealed record AcceptanceSummary(ImmutableArray<double> PerWalker, double Overall, double Median)
{
    /// <summary>Acceptance fractions from step-major flags (<c>accepted[t·walkers + w]</c>).</summary>
    public static AcceptanceSummary Compute(ReadOnlySpan<bool> accepted, int walkers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        if (accepted.Length % walkers != 0)
        {
            throw new ArgumentException($"{accepted.Length} acceptance flags are not whole steps of {walkers} walkers");
        }
        int steps = accepted.Length / walkers;
        var counts = new long[walkers];
        long total = 0;
        for (int t = 0; t < steps; t++)
        {
            var row = accepted.Slice(t * walkers, walkers);
            for (int w = 0; w < walkers; w++)
            {
                if (row[w])
                {
                    counts[w]++;
                    total++;
                }
            }
        }
        var perWalker = new double[walkers];
        for (int w = 0; w < walkers; w++)
        {
            perWalker[w] = steps == 0 ? double.NaN : (double)counts[w] / steps;
        }
        double overall = steps == 0 ? double.NaN : (double)total / ((long)steps * walkers);
        var sorted = (double[])perWalker.Clone();
        Array.Sort(sorted);
        return new AcceptanceSummary([.. perWalker], overall, SortedArrayStatistics.Median(sorted));
    }
}
