using CrInference.Core;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// An analytic posterior for validating samplers: a likelihood over the physical values of the
/// parameters x1 … xD of <see cref="IPosterior.Space"/> (whose priors the caller chooses), with the
/// exact ln Z where it is known for those priors. No derived values.
/// </summary>
public interface ITestProblem : IPosterior
{
    /// <summary>Catalog name, as written after <c>model:</c> in a prior file (e.g. <c>test/gaussian</c>).</summary>
    string Name { get; }

    /// <summary>Exact ln Z = ln ∫ L π for the space's priors; null where no closed form or quadrature applies.</summary>
    double? ExactLogEvidence { get; }
}
