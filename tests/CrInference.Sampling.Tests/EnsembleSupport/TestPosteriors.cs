using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Sampling.Tests.EnsembleSupport;

/// <summary>Uniform priors on [lower, upper] for every parameter; a parameter space helper for the test targets.</summary>
internal static class Spaces
{
    public static ParameterSpace Uniform(int dimension, double lower, double upper) =>
        new(Enumerable.Range(0, dimension).Select(i => new ParameterSpec($"x{i}", $"x_{i}", "", UniformPrior.FromBounds(lower, upper))));

    public static ParameterSpace Uniform(params (double Lower, double Upper)[] bounds) =>
        new(bounds.Select((b, i) => new ParameterSpec($"x{i}", $"x_{i}", "", UniformPrior.FromBounds(b.Lower, b.Upper))));
}

/// <summary>
/// Stub target for exact kernel tests: uniform priors on [−100, 100]^d, ln L = <see cref="Slope"/>·x₀, one
/// derived value 2·x₀, and a thread-safe count of likelihood calls.
/// </summary>
internal sealed class LinearPosterior(int dimension, double slope = 1.0) : IPosterior
{
    private int _calls;

    public ParameterSpace Space { get; } = Spaces.Uniform(dimension, -100, 100);

    public IReadOnlyList<string> DerivedNames { get; } = ["twice_x0"];

    public double Slope { get; } = slope;

    public int Calls => Volatile.Read(ref _calls);

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        Interlocked.Increment(ref _calls);
        derived[0] = 2.0 * sampled[0];
        return Slope * sampled[0];
    }
}

/// <summary>A target whose likelihood is −∞ wherever <see cref="Allowed"/> says so (0 elsewhere), with uniform priors.</summary>
internal sealed class MaskedFlatPosterior(ParameterSpace space, Func<double[], bool> allowed) : IPosterior
{
    public ParameterSpace Space { get; } = space;

    public IReadOnlyList<string> DerivedNames { get; } = [];

    public Func<double[], bool> Allowed { get; } = allowed;

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived) =>
        Allowed(sampled.ToArray()) ? 0.0 : double.NegativeInfinity;
}

/// <summary>
/// Correlated Gaussian N(μ, Σ) with Σ = D S R S D: D = diag(σ), S = diag(±1), R_ij = ρ^|i−j| (an AR(1)
/// correlation matrix). Its inverse is tridiagonal in closed form: R⁻¹ = (1 − ρ²)⁻¹ · tridiag(−ρ; 1, 1+ρ², …, 1+ρ², 1; −ρ),
/// so the precision needs no numerical inversion. Uniform priors on μ ± 20σ (truncation below 1e-80).
/// Derived values: the two Gaussian terms x₀² and x₁² (exercise the derived path).
/// </summary>
internal sealed class CorrelatedGaussianPosterior : IPosterior
{
    private readonly double[] _precision;

    public CorrelatedGaussianPosterior(double[] mean, double[] sigma, int[] signs, double rho)
    {
        Mean = mean;
        Sigma = sigma;
        Signs = signs;
        Rho = rho;
        int d = mean.Length;
        Space = Spaces.Uniform(Enumerable.Range(0, d).Select(i => (mean[i] - 20 * sigma[i], mean[i] + 20 * sigma[i])).ToArray());
        _precision = new double[d * d];
        double scale = 1.0 / (1.0 - rho * rho);
        for (int i = 0; i < d; i++)
        {
            double diagonal = (i == 0 || i == d - 1) ? 1.0 : 1.0 + rho * rho;
            _precision[i * d + i] = scale * diagonal / (sigma[i] * sigma[i]);
            if (i + 1 < d)
            {
                double off = -scale * rho * signs[i] * signs[i + 1] / (sigma[i] * sigma[i + 1]);
                _precision[i * d + i + 1] = off;
                _precision[(i + 1) * d + i] = off;
            }
        }
    }

    /// <summary>The 5-D target of the statistical tests: means, sds and signs chosen to be unequal.</summary>
    public static CorrelatedGaussianPosterior FiveDimensional() =>
        new([1.0, -2.0, 0.5, 3.0, 0.0], [1.0, 2.0, 0.5, 3.0, 1.5], [1, -1, 1, 1, -1], 0.8);

    public double[] Mean { get; }

    public double[] Sigma { get; }

    public int[] Signs { get; }

    public double Rho { get; }

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames { get; } = ["x0_squared", "x1_squared"];

    /// <summary>Exact correlation of components i and j: s_i s_j ρ^|i−j|.</summary>
    public double Correlation(int i, int j) => Signs[i] * Signs[j] * Math.Pow(Rho, Math.Abs(i - j));

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int d = Mean.Length;
        double quadratic = 0;
        for (int i = 0; i < d; i++)
        {
            double di = sampled[i] - Mean[i];
            for (int j = 0; j < d; j++)
            {
                quadratic += di * _precision[i * d + j] * (sampled[j] - Mean[j]);
            }
        }
        derived[0] = sampled[0] * sampled[0];
        derived[1] = sampled[1] * sampled[1];
        return -0.5 * quadratic;
    }
}

/// <summary>
/// The 2-D Rosenbrock density p(x, y) ∝ exp(−[(1 − x)² + 100(y − x²)²]/20) (emcee's and Goodman &amp; Weare's
/// test problem). Exactly: x ~ N(1, 10) and y | x ~ N(x², 0.1). Priors uniform x ∈ [−30, 30] (9σ from the
/// mean: truncation ~1e-19) and y ∈ [−50, 1000] (covers x² + 40σ_y for |x| ≤ 30).
/// </summary>
internal sealed class RosenbrockPosterior : IPosterior
{
    public ParameterSpace Space { get; } = Spaces.Uniform((-30, 30), (-50, 1000));

    public IReadOnlyList<string> DerivedNames { get; } = [];

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        double x = sampled[0], y = sampled[1];
        double a = 1 - x, b = y - x * x;
        return -(a * a + 100 * b * b) / 20.0;
    }
}

/// <summary>
/// Wraps a target and spins for at least <paramref name="spinMicroseconds"/> (default 20 µs) of wall time per likelihood
/// call (the value is unchanged), so that a half-ensemble of 16 walkers (≥ 320 µs; of 8 walkers with 40 µs) is always above
/// the kernel's 200 µs parallel threshold; records which threads evaluated it.
/// </summary>
internal sealed class SlowPosterior(IPosterior inner, bool awaitSecondThread = false, int spinMicroseconds = 20) : IPosterior
{
    /// <summary>Calls after which the kernel has timed one serial half-ensemble (of at most 16 walkers) and switched to parallel.</summary>
    private const int SerialHalfCalls = 16;

    private readonly long _spinTicks = System.Diagnostics.Stopwatch.Frequency * spinMicroseconds / 1_000_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> _threads = new();
    private readonly ManualResetEventSlim _secondThread = new(false);
    private int _calls;

    public ParameterSpace Space => inner.Space;

    public IReadOnlyList<string> DerivedNames => inner.DerivedNames;

    /// <summary>Distinct managed threads that called the likelihood.</summary>
    public int ThreadsSeen => _threads.Count;

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        _threads.TryAdd(Environment.CurrentManagedThreadId, true);
        if (_threads.Count > 1) _secondThread.Set();
        // With awaitSecondThread, the first call after the kernel's serial start (one timed half-ensemble) waits,
        // once and at most 10 s, for a call on another thread: on a saturated machine the pool may otherwise run a
        // whole half-ensemble on the calling thread although the kernel handed it out in parallel; a blocked caller
        // makes the pool inject a worker. A kernel that evaluates serially still sees one thread.
        if (Interlocked.Increment(ref _calls) == SerialHalfCalls + 1 && awaitSecondThread)
        {
            _secondThread.Wait(TimeSpan.FromSeconds(10));
        }
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + _spinTicks;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(8);
        }
        return inner.LogLikelihood(sampled, derived);
    }
}

/// <summary>Wraps a target and throws <see cref="InvalidOperationException"/>("model failed") on the given likelihood call.</summary>
internal sealed class ThrowingPosterior(IPosterior inner, int failOnCall) : IPosterior
{
    private int _calls;

    public ParameterSpace Space => inner.Space;

    public IReadOnlyList<string> DerivedNames => inner.DerivedNames;

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived) =>
        Interlocked.Increment(ref _calls) == failOnCall
            ? throw new InvalidOperationException("model failed")
            : inner.LogLikelihood(sampled, derived);
}
