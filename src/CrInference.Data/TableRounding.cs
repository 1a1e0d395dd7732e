namespace CrInference.Data;

/// <summary>
/// How a source table printed its numbers, which sets the size of an error printed as zero.
/// </summary>
/// <remarks>
/// The AMS-02 proton and B/C tables print each row as (v.vvv ± s.sss ± y.yyy) × 10ⁿ: value, statistical and
/// systematic error share one power of ten n = ⌊log₁₀ value⌋ and three decimals of the mantissa, so all three are
/// multiples of 10^(n−3) (data/README.md: a statistical error shown as 0.000 × 10ⁿ is below the rounding). This is
/// read off the bundled files, which re-print the source values in shortest round-trip form: every value,
/// statistical and systematic error of the four tables marked <see cref="SharedExponentThreeDecimals"/> (278 rows)
/// is an integer multiple of 10^(n−3), n taken from the row's value (test
/// <c>TableRoundingTests.AmsTables_EveryNumberIsOnTheGridOfItsRow</c>). The carbon (SSDC) and Voyager tables print
/// each number with its own significant digits and have no zero error.
/// </remarks>
public enum TableRounding
{
    /// <summary>No shared rounding step is known; <see cref="DataPoint.LastPrintedDigit"/> is 0.</summary>
    Unknown,

    /// <summary>(v.vvv ± s.sss ± y.yyy) × 10ⁿ with n = ⌊log₁₀ value⌋: last printed digit 10^(n−3).</summary>
    SharedExponentThreeDecimals,
}

/// <summary>The printed-digit arithmetic of <see cref="TableRounding"/>.</summary>
public static class PrintedDigits
{
    /// <summary>The last printed digit of a row whose value is <paramref name="value"/> (> 0) under
    /// <paramref name="rounding"/>; 0 for <see cref="TableRounding.Unknown"/>.</summary>
    public static double LastDigit(double value, TableRounding rounding)
    {
        if (rounding == TableRounding.Unknown) return 0;
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a printed value must be finite and > 0");
        }
        return Math.Pow(10, Decade(value) - 3);
    }

    /// <summary>n = ⌊log₁₀ x⌋ for x > 0, exact at powers of ten (10ⁿ ≤ x &lt; 10ⁿ⁺¹ is checked, not assumed from
    /// the rounded logarithm).</summary>
    public static int Decade(double x)
    {
        int n = (int)Math.Floor(Math.Log10(x));
        if (Math.Pow(10, n) > x) n--;
        else if (Math.Pow(10, n + 1) <= x) n++;
        return n;
    }

    /// <summary>True when <paramref name="number"/> is an integer multiple of <paramref name="digit"/> to the
    /// precision of a shortest round-trip re-print (relative 1e-9).</summary>
    public static bool IsMultipleOf(double number, double digit)
    {
        double steps = number / digit;
        return Math.Abs(steps - Math.Round(steps)) <= 1e-9 * Math.Max(1, Math.Abs(steps));
    }
}
