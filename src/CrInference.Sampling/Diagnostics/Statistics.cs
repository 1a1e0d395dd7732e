namespace CrInference.Sampling.Diagnostics;

/// <summary>Small order statistics shared by the diagnostics. Quantiles interpolate linearly between
/// order statistics (Hyndman &amp; Fan 1996, type 7; numpy's default).</summary>
internal static class Statistics
{
    public static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, 0.5);
    }

    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        double h = (sorted.Length - 1) * probability;
        int lower = (int)Math.Floor(h);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
