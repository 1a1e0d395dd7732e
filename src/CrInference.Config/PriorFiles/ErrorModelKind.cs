namespace CrInference.Config.PriorFiles;

/// <summary>How data uncertainties enter the likelihood (<c>likelihood.errors</c>).</summary>
public enum ErrorModelKind
{
    /// <summary><c>stat+sys</c>: independent Gaussian per point, σ² = σ_stat² + σ_sys².</summary>
    StatPlusSys,

    /// <summary><c>correlated</c>: systematics correlated between points with a Gaussian kernel in log10 R.</summary>
    Correlated,
}
