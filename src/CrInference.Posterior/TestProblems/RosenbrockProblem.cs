using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// <c>test/rosenbrock</c>: the curved Rosenbrock valley, ln L = −f(x)/T with
/// f = Σ_{i=1}^{D−1} [(1 − x_i)² + 100 (x_{i+1} − x_i²)²] (Rosenbrock 1960) and temperature T
/// (default 20, so ln L = −[(1 − x)² + 100 (y − x²)²]/20 in 2-D; T = 1 is the standard form). Not
/// normalised. For D = 2 and uniform priors the evidence is a one-dimensional quadrature: the
/// y integral is exact, ∫ e^{−s²(y − x²)²} dy = √π/(2s) [erfc(s(y_min − x²)) − erfc(s(y_max − x²))]
/// with s = √(100/T), and the x integral uses composite Simpson with 20 000 intervals.
/// </summary>
public sealed class RosenbrockProblem : ITestProblem
{
    private const int SimpsonIntervals = 20_000;

    public RosenbrockProblem(ParameterSpace space, double temperature = 20.0)
    {
        ArgumentNullException.ThrowIfNull(space);
        TestProblemMath.RequireDimension(space, 2, Name);
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentException($"temperature must be finite and > 0 (got {temperature})", "temperature");
        Space = space;
        Temperature = temperature;
        ExactLogEvidence = ComputeLogEvidence();
    }

    public string Name => "test/rosenbrock";

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    public double Temperature { get; }

    public double? ExactLogEvidence { get; }

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int d = Space.Dimension;
        Span<double> x = stackalloc double[d];
        Space.ToPhysical(sampled, x);
        double f = 0;
        for (int i = 0; i < d - 1; i++)
        {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
        }
        return -f / Temperature;
    }

    private double? ComputeLogEvidence()
    {
        if (Space.Dimension != 2) return null;
        var box = TestProblemMath.UniformBounds(Space);
        if (box is null) return null;
        var (min, max) = box.Value;
        double s = Math.Sqrt(100 / Temperature);
        double h = (max[0] - min[0]) / SimpsonIntervals;
        double sum = 0;
        for (int i = 0; i <= SimpsonIntervals; i++)
        {
            double x = min[0] + i * h;
            double weight = i == 0 || i == SimpsonIntervals ? 1 : i % 2 == 1 ? 4 : 2;
            double inner = Math.Sqrt(Math.PI) / (2 * s)
                * (StandardNormal.Erfc(s * (min[1] - x * x)) - StandardNormal.Erfc(s * (max[1] - x * x)));
            sum += weight * Math.Exp(-(1 - x) * (1 - x) / Temperature) * inner;
        }
        return Math.Log(sum * h / 3) + TestProblemMath.LogBoxDensity(box.Value);
    }
}
