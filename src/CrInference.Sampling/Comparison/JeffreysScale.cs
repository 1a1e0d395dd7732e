namespace CrInference.Sampling.Comparison;

/// <summary>Strength of evidence on the Jeffreys scale as given by Trotta (2008).</summary>
public enum EvidenceStrength
{
    /// <summary>|ln B| &lt; 1 (odds below about 3:1).</summary>
    Inconclusive,

    /// <summary>1 ≤ |ln B| &lt; 2.5 (odds about 3:1 to 12:1).</summary>
    Weak,

    /// <summary>2.5 ≤ |ln B| &lt; 5 (odds about 12:1 to 150:1).</summary>
    Moderate,

    /// <summary>|ln B| ≥ 5 (odds above about 150:1).</summary>
    Strong,
}

/// <summary>
/// Words for a log Bayes factor Δ ln Z = ln Z₁ − ln Z₂ on the Jeffreys scale with the thresholds of
/// Trotta (2008, Contemp. Phys. 49, 71, table 1): |Δ ln Z| &lt; 1 inconclusive, &lt; 2.5 weak, &lt; 5 moderate,
/// otherwise strong (lower ends inclusive). Kass &amp; Raftery (1995) use 2 ln B thresholds 2, 6, 10, i.e.
/// ln B = 1, 3, 5 — not these. Only |Δ ln Z| is classified; its sign says which model is favoured, and the
/// errors on ln Z are not taken into account (quote them next to it).
/// </summary>
public static class JeffreysScale
{
    public const double WeakThreshold = 1.0;
    public const double ModerateThreshold = 2.5;
    public const double StrongThreshold = 5.0;

    /// <summary>The class of |<paramref name="logBayesFactor"/>|; NaN throws.</summary>
    public static EvidenceStrength Classify(double logBayesFactor)
    {
        if (double.IsNaN(logBayesFactor)) throw new ArgumentOutOfRangeException(nameof(logBayesFactor), logBayesFactor, "the log Bayes factor is NaN");
        double size = Math.Abs(logBayesFactor);
        return size < WeakThreshold ? EvidenceStrength.Inconclusive
            : size < ModerateThreshold ? EvidenceStrength.Weak
            : size < StrongThreshold ? EvidenceStrength.Moderate
            : EvidenceStrength.Strong;
    }

    /// <summary>"inconclusive", "weak", "moderate" or "strong".</summary>
    public static string Wording(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Inconclusive => "inconclusive",
        EvidenceStrength.Weak => "weak",
        EvidenceStrength.Moderate => "moderate",
        EvidenceStrength.Strong => "strong",
        _ => throw new ArgumentOutOfRangeException(nameof(strength), strength, null),
    };

    /// <summary>The wording of |<paramref name="logBayesFactor"/>|, e.g. "moderate".</summary>
    public static string Describe(double logBayesFactor) => Wording(Classify(logBayesFactor));
}
