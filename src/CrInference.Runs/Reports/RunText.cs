using System.Globalization;
using CrInference.Core.Priors;

namespace CrInference.Runs.Reports;

/// <summary>How runs write numbers, units, priors and durations in summaries, reports and messages (invariant culture).</summary>
public static class RunText
{
    /// <summary>A prior in words, e.g. <c>log-uniform [0.0001, 0.01]</c>.</summary>
    public static string Prior(IPrior1D prior) => prior switch
    {
        LogUniformPrior p => Invariant($"log-uniform [{Format(p.Lower)}, {Format(p.Upper)}]"),
        UniformPrior p => Invariant($"uniform [{Format(p.Lower)}, {Format(p.Upper)}]"),
        NormalPrior p when double.IsInfinity(p.Lower) && double.IsInfinity(p.Upper) => Invariant($"normal({Format(p.Mean)}, {Format(p.Sigma)})"),
        NormalPrior p => Invariant($"normal({Format(p.Mean)}, {Format(p.Sigma)}) on [{Format(p.Lower)}, {Format(p.Upper)}]"),
        _ => prior.Kind,
    };

    /// <summary>A unit for a table cell ("–" when dimensionless).</summary>
    public static string Unit(string unit) => unit.Length == 0 ? "–" : unit;

    /// <summary>Four significant digits, invariant; non-finite values as .NET writes them.</summary>
    public static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration as 1h02m, 3m05s or 12s.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");

    /// <summary>An interpolated string formatted with the invariant culture.</summary>
    public static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}
