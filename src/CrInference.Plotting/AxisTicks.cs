using System.Globalization;

namespace CrInference.Plotting;

/// <summary>
/// Hand-made tick positions and labels, so that panels sharing an axis get identical ticks and
/// small panels get few, non-overlapping labels. Linear ticks use steps of 1, 2, 2.5 or 5 × 10ᵏ;
/// logarithmic axes are drawn in log₁₀ coordinates with labels 10ⁿ.
/// </summary>
internal sealed record AxisTicks(double[] Major, string[] Labels, double[] Minor)
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>
    /// About <paramref name="target"/> ticks inside [min, max] with uniformly formatted labels;
    /// major ticks closer than <paramref name="inset"/> × (max − min) to either end are left out, so
    /// labels of neighbouring panels in a grid cannot run into each other.
    /// </summary>
    public static AxisTicks Linear(double min, double max, int target, double inset = 0)
    {
        double span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return new AxisTicks([min], [Format(min, 1)], []);
        }

        // Of the "nice" steps around span/target, take the one whose tick count is closest to the
        // target (the smaller count on a tie, so labels stay apart).
        double raw = span / Math.Max(target, 1);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double[] multipliers = [1.0, 2.0, 2.5, 5.0, 10.0];
        int[] subdivisions = [5, 4, 5, 5, 5];
        int choice = 0;
        int bestDistance = int.MaxValue;
        for (int c = 0; c < multipliers.Length; c++)
        {
            double candidate = multipliers[c] * magnitude;
            int count = (int)(Math.Floor((max / candidate) + 1e-9) - Math.Ceiling((min / candidate) - 1e-9)) + 1;
            int distance = Math.Abs(count - target);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                choice = c;
            }
        }

        double step = multipliers[choice] * magnitude;
        double first = Math.Ceiling((min - (1e-9 * span)) / step) * step;
        var major = new List<double>();
        for (double v = first; v <= max + (1e-9 * span); v += step)
        {
            if (v >= min + (inset * span) && v <= max - (inset * span))
            {
                major.Add(Math.Abs(v) < step * 1e-9 ? 0.0 : v);
            }
        }

        var minor = new List<double>();
        double minorStep = step / subdivisions[choice];
        for (double v = Math.Ceiling(min / minorStep) * minorStep; v <= max; v += minorStep)
        {
            minor.Add(v);
        }

        string[] labels = FormatAll(major, step);
        return new AxisTicks([.. major], labels, [.. minor]);
    }

    /// <summary>
    /// Ticks for an axis drawn in log₁₀ units between <paramref name="minLog10"/> and
    /// <paramref name="maxLog10"/>: labelled decades (every second or fifth decade on long axes),
    /// minor ticks at 2…9 × 10ⁿ, and labelled 2 and 5 × 10ⁿ when the axis spans under two decades
    /// (then written as plain numbers such as 0.05 or 2000 where they are short).
    /// </summary>
    public static AxisTicks Log(double minLog10, double maxLog10)
    {
        int lo = (int)Math.Floor(minLog10);
        int hi = (int)Math.Ceiling(maxLog10);
        int span = hi - lo;
        int every = span > 14 ? 5 : span > 7 ? 2 : 1;
        var major = new List<double>();
        var labels = new List<string>();
        var minor = new List<double>();
        bool labelMultiples = maxLog10 - minLog10 < 2;
        for (int d = lo; d <= hi; d++)
        {
            if (d >= minLog10 - 1e-9 && d <= maxLog10 + 1e-9)
            {
                if (d % every == 0)
                {
                    major.Add(d);
                    labels.Add(labelMultiples ? Multiple(1, d) : Decade(d));
                }
                else
                {
                    minor.Add(d);
                }
            }

            for (int m = 2; m <= 9; m++)
            {
                double v = d + Math.Log10(m);
                if (v < minLog10 || v > maxLog10)
                {
                    continue;
                }

                if (labelMultiples && m is 2 or 5)
                {
                    major.Add(v);
                    labels.Add(Multiple(m, d));
                }
                else if (every == 1)
                {
                    minor.Add(v);
                }
            }
        }

        return new AxisTicks([.. major], [.. labels], [.. minor]);
    }

    /// <summary>10ⁿ with a Unicode superscript exponent.</summary>
    public static string Decade(int exponent)
    {
        string digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        var text = new System.Text.StringBuilder("10");
        if (exponent < 0)
        {
            text.Append('⁻');
        }

        foreach (char c in digits)
        {
            text.Append(Superscripts[c - '0']);
        }

        return text.ToString();
    }

    /// <summary>Formats a number with a Unicode minus sign.</summary>
    public static string Format(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>m × 10ᵈ as a plain number between 10⁻³ and 10⁵ (0.05, 2000), else as m×10ᵈ.</summary>
    private static string Multiple(int m, int d) =>
        d is >= -3 and <= 4
            ? (m * Math.Pow(10, d)).ToString("0.####", CultureInfo.InvariantCulture)
            : m == 1 ? Decade(d) : $"{m}×{Decade(d)}";

    private static string[] FormatAll(List<double> values, double step)
    {
        double largest = values.Count == 0 ? 0 : values.Max(Math.Abs);
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        int extra = Math.Abs(mantissa - 2.5) < 1e-9 ? 1 : 0;
        if (largest >= 1e5 || largest < 1e-3 && largest > 0)
        {
            int exponent = (int)Math.Floor(Math.Log10(largest));
            int decimals = Math.Max(0, exponent - (int)Math.Floor(Math.Log10(step)) + extra);
            double scale = Math.Pow(10, exponent);
            return [.. values.Select(v => v == 0 ? "0" : Format(v / scale, decimals) + "e" + exponent.ToString(CultureInfo.InvariantCulture).Replace('-', '−'))];
        }

        int fixedDecimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9) + extra);
        return [.. values.Select(v => Format(v, fixedDecimals))];
    }
}
