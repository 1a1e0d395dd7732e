using System.Globalization;
using System.Text;

namespace CrInference.Plotting;

/// <summary>
/// Formats a <see cref="MarginalSummary"/> as <c>med⁺ˣ₋ᵧ</c> (the plain-text form of
/// <c>med^{+x}_{−y}</c>) with two significant digits on the smaller error, as corner.py does;
/// values of magnitude ≥ 10⁴ or &lt; 10⁻³ get a common power of ten: <c>(2.31⁺⁰·¹²₋₀.₁₀)×10²⁸</c>.
/// The superscript decimal point is a middle dot, as Unicode has no superscript full stop.
/// </summary>
internal static class SummaryText
{
    private const string Digits = "0123456789";
    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private const string SubscriptDigits = "₀₁₂₃₄₅₆₇₈₉";

    public static string Format(MarginalSummary summary)
    {
        double plus = summary.PlusError;
        double minus = summary.MinusError;
        double median = summary.Median;
        double magnitude = Math.Abs(median);
        int exponent = 0;
        if (magnitude >= 1e4 || (magnitude < 1e-3 && magnitude > 0))
        {
            exponent = (int)Math.Floor(Math.Log10(magnitude));
        }

        double scale = Math.Pow(10, exponent);
        double m = median / scale;
        double p = plus / scale;
        double n = minus / scale;
        if (!(Math.Max(p, n) > 0))
        {
            // A constant column: no interval to show.
            return median.ToString("G6", CultureInfo.InvariantCulture).Replace('-', '−');
        }

        double smaller = Math.Min(p, n);
        if (!(smaller > 0))
        {
            smaller = Math.Max(p, n);
        }

        int decimals = smaller > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(smaller)), 0, 8) : 3;
        string core = Number(m, decimals).Replace('-', '−') + Script(Number(p, decimals), superscript: true, sign: '+')
            + Script(Number(n, decimals), superscript: false, sign: '-');
        return exponent == 0 ? core : $"({core})×{AxisTicks.Decade(exponent)}";
    }

    private static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Script(string number, bool superscript, char sign)
    {
        var text = new StringBuilder();
        text.Append(superscript ? (sign == '+' ? '⁺' : '⁻') : (sign == '+' ? '₊' : '₋'));
        foreach (char c in number.TrimStart('-'))
        {
            int digit = Digits.IndexOf(c, StringComparison.Ordinal);
            text.Append(digit >= 0 ? (superscript ? SuperscriptDigits[digit] : SubscriptDigits[digit]) : (superscript ? '·' : '.'));
        }

        return text.ToString();
    }
}
