using System.Collections.Concurrent;
using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Tempering;
using CrInference.Sampling.Tests.Nested;

namespace CrInference.Sampling.Tests.Tempering;

/// <summary>The problems of the tempering tests and one default-settings run of each, shared by the
/// tests of a process (a run takes about a second).</summary>
internal static class TemperingTestSupport
{
    private static readonly ConcurrentDictionary<string, Lazy<TemperingResult>> Runs = new();

    /// <summary>N(x; 0.5, 0.2²) per coordinate under N(0, 1) priors (closed-form ln Z and ⟨ln L⟩_β).</summary>
    public static ConjugateGaussianProblem Conjugate(int dimension) =>
        new(TestProblemCatalog.Space(dimension, () => NormalPrior.FromMeanAndSigma(0, 1)), mean: 0.5, sigma: 0.2);

    /// <summary>The correlated (ρ = 0.5) unit Gaussian in U[−10, 10]³: ln Z = −3 ln 20 = −8.98720.</summary>
    public static GaussianProblem Box3d() =>
        new(TestProblemCatalog.Space(3, () => UniformPrior.FromBounds(-10, 10)), correlation: 0.5);

    public static IPosterior Problem(string label) => label switch
    {
        "conjugate/2" => Conjugate(2),
        "conjugate/5" => Conjugate(5),
        "gaussian-box/3" => Box3d(),
        "half-plane/2" => new HalfPlanePosterior(),
        _ => throw new ArgumentException(label),
    };

    /// <summary>Exact ln Z of <see cref="Problem"/> (the half plane: Z = 1/400, the whole Gaussian lies in x1 &lt; 0).</summary>
    public static double ExactLogEvidence(string label) => label switch
    {
        "half-plane/2" => -Math.Log(400),
        _ => ((ITestProblem)Problem(label)).ExactLogEvidence!.Value,
    };

    /// <summary>A default-settings run of <paramref name="label"/> with the test seed (cached).</summary>
    public static TemperingResult DefaultRun(string label) =>
        Runs.GetOrAdd(label, l => new Lazy<TemperingResult>(() => ParallelTempering.Run(Problem(l), new TemperingSettings(), NestedTestSupport.Key))).Value;
}
