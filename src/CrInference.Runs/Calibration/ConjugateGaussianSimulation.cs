using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Runs.Calibration;

/// <summary>
/// The data model behind <c>test/conjugate-gaussian</c>, for calibration: one observation per coordinate,
/// y_i ~ N(x_i, σ²), so that under normal priors N(m_i, s_i²) the posterior is normal with precision 1/s_i² + 1/σ²
/// (Bishop 2006, PRML §2.3.3). The test problem itself observes y_i = μ in every coordinate; here each replicate draws
/// its own y. Cheap enough (microseconds per call) for a full SBC in the test suite.
/// </summary>
/// <param name="space">The parameters x1 … xD with their priors.</param>
/// <param name="sigma">σ of the observations as simulated.</param>
/// <param name="fittedSigma">σ the posterior assumes; null: <paramref name="sigma"/>. A different value makes a deliberately
/// mis-specified likelihood (used to show that a calibration check fails when it should).</param>
public sealed class ConjugateGaussianSimulation(ParameterSpace space, double sigma, double? fittedSigma = null) : ISimulationTarget
{
    public ParameterSpace Space { get; } = space ?? throw new ArgumentNullException(nameof(space));

    public IPosterior? Condition(ReadOnlySpan<double> truthSampled, RandomKey dataKey, out string? failure)
    {
        var truth = new double[Space.Dimension];
        Space.ToPhysical(truthSampled, truth);
        var stream = dataKey.Open();
        var observed = new double[truth.Length];
        for (int i = 0; i < truth.Length; i++) observed[i] = truth[i] + sigma * stream.NextGaussian();
        failure = null;
        return new ObservedMeans(Space, observed, fittedSigma ?? sigma);
    }

    /// <summary>ln L = Σ_i ln N(y_i; x_i, σ²).</summary>
    private sealed class ObservedMeans(ParameterSpace space, double[] observed, double sigma) : IPosterior
    {
        public ParameterSpace Space => space;

        public IReadOnlyList<string> DerivedNames => [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            Span<double> x = stackalloc double[observed.Length];
            space.ToPhysical(sampled, x);
            double sum = 0;
            for (int i = 0; i < observed.Length; i++)
            {
                double t = (observed[i] - x[i]) / sigma;
                sum += t * t;
            }
            return -0.5 * sum - observed.Length * Math.Log(Math.Sqrt(2 * Math.PI) * sigma);
        }
    }
}
