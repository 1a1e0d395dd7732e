namespace CrInference.Posterior.Likelihood;

/// <summary>How measurement errors enter the Gaussian likelihood (open choice D.32).</summary>
public enum ErrorTreatment
{
    /// <summary>Independent points, σ² = σ_stat² + σ_sys² (default).</summary>
    StatPlusSys,

    /// <summary>Statistical errors independent; systematic errors correlated between points with a
    /// Gaussian kernel in log₁₀ of the axis value, ρ_ij = exp[−(Δlog₁₀x)²/(2ℓ²)].</summary>
    CorrelatedSystematics,
}

/// <summary>Error treatment and, for correlated systematics, the correlation length ℓ in decades.</summary>
public sealed record ErrorModel(ErrorTreatment Treatment, double CorrelationLengthDecades = 0.3)
{
    public static ErrorModel Default { get; } = new(ErrorTreatment.StatPlusSys);
}
