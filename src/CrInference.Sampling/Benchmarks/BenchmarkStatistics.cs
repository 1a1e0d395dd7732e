using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Benchmarks;

/// <summary>The median the benchmarks report (of repeated timings): the middle order statistic, or the mean of the two
/// middle ones for an even count (MathNet.Numerics <c>SortedArrayStatistics.Median</c>).</summary>
public static class BenchmarkStatistics
{
    /// <summary>Median of <paramref name="values"/> (NaN when empty).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return SortedArrayStatistics.Median(sorted);
    }
}
