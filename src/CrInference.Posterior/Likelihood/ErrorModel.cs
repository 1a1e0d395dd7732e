using CrInference.Data;

namespace CrInference.Posterior.Likelihood;

/// <summary>How measurement errors enter the Gaussian likelihood (open choice D.32, docs/CONVENTIONS.md).</summary>
public enum ErrorTreatment
{
    /// <summary>Independent points, σ² = σ_stat² + σ_sys² (the paper's setting).</summary>
    StatPlusSys,

    /// <summary>Statistical errors independent; systematic errors of an AMS-02 table correlated between its points with
    /// a Gaussian kernel in log₁₀ of the axis value, ρ_ij = exp[−(Δlog₁₀x)²/(2ℓ²)] (<see cref="CovarianceAssembly"/>).</summary>
    CorrelatedSystematics,
}

/// <summary>
/// Error treatment and, for correlated systematics, the correlation length ℓ in decades of the axis
/// (ℓ_ln = ln 10 × ℓ in natural-log units; +∞ = fully correlated). Correlations apply to AMS-02 tables only; Voyager 1 keeps its
/// published independent errors (D.32). Every treatment gives a statistical error printed as 0 the floor
/// <see cref="CovarianceAssembly.StatisticalError"/>.
/// </summary>
public sealed record ErrorModel(ErrorTreatment Treatment, double CorrelationLengthDecades = ErrorModel.DefaultCorrelationLengthDecades)
{
    /// <summary>
    /// The default correlation length ℓ (decades of the axis) of the AMS-02 systematics. An assumption, not a published
    /// number: AMS-02 publishes no correlation lengths; D.32 in docs/CONVENTIONS.md compares it with the one public
    /// AMS-02 covariance and motivates <see cref="SensitivityLengthsDecades"/>.
    /// </summary>
    public const double DefaultCorrelationLengthDecades = 0.3;

    /// <summary>Correlation lengths (decades) of the sensitivity study of D.32: a tenth of a decade, the default, a full
    /// decade. <see cref="double.PositiveInfinity"/> is also accepted (ρ = 1: systematics fully correlated within a table).</summary>
    public static IReadOnlyList<double> SensitivityLengthsDecades { get; } = [0.1, DefaultCorrelationLengthDecades, 1.0];

    /// <summary>Independent stat ⊕ sys errors: the paper's setting, and the treatment when a prior file names none.</summary>
    public static ErrorModel Default { get; } = new(ErrorTreatment.StatPlusSys);

    /// <summary>Correlated systematics with the default length <see cref="DefaultCorrelationLengthDecades"/>.</summary>
    public static ErrorModel Correlated { get; } = new(ErrorTreatment.CorrelatedSystematics);

    /// <summary>True when the systematic errors of <paramref name="dataset"/> are correlated under this model
    /// (correlated treatment and an AMS-02 table).</summary>
    public bool CorrelatesSystematicsOf(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Treatment == ErrorTreatment.CorrelatedSystematics && dataset.Period.Instrument == DataTakingPeriod.Ams02Instrument;
    }

    /// <summary>One-line description for manifests and summaries.</summary>
    public string Describe(Dataset dataset) => CorrelatesSystematicsOf(dataset)
        ? FormattableString.Invariant($"stat (independent, zero-stat floor) + sys correlated with a Gaussian kernel in log10 x, length {CorrelationLengthDecades} decades{(dataset.SysComponentNames.IsEmpty ? "" : $", per component ({string.Join(", ", dataset.SysComponentNames)})")}")
        : "stat (zero-stat floor) and sys added in quadrature, independent points";
}
