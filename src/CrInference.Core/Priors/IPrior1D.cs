namespace CrInference.Core.Priors;

/// <summary>
/// A one-dimensional prior. It has two coordinates: the <em>physical</em> value x (what the
/// prior file and the chain columns hold) and the <em>sampled</em> coordinate y in which
/// samplers move (y = ln x for a log-uniform prior, y = x otherwise). Nested sampling uses
/// the unit-interval map; MCMC uses the log density in y.
/// </summary>
public interface IPrior1D
{
    /// <summary>Short kind name as written in prior files: uniform, log-uniform, normal, truncated-normal, fixed.</summary>
    string Kind { get; }

    /// <summary>Lower end of the support in physical units (may be −∞).</summary>
    double Lower { get; }

    /// <summary>Upper end of the support in physical units (may be +∞).</summary>
    double Upper { get; }

    /// <summary>Natural log of the prior density of the physical value x; −∞ outside the support.</summary>
    double LogDensity(double x);

    /// <summary>Natural log of the prior density of the sampled coordinate y (includes the Jacobian dx/dy).</summary>
    double LogDensitySampled(double y);

    /// <summary>Inverse CDF: maps u ∈ (0, 1) to a physical value distributed as the prior.</summary>
    double FromUnitInterval(double u);

    /// <summary>Physical value to sampled coordinate.</summary>
    double ToSampled(double x);

    /// <summary>Sampled coordinate to physical value.</summary>
    double FromSampled(double y);

    /// <summary>Width of the prior in the sampled coordinate: upper − lower for bounded priors,
    /// the central 68.27 % interval for unbounded ones (normal).</summary>
    double SampledWidth { get; }

    /// <summary>Parameters of the prior for manifests, e.g. {"min": 0.1, "max": 1}.</summary>
    IReadOnlyDictionary<string, double> Describe();
}
