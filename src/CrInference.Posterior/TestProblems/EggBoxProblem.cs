using CrInference.Core;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// <c>test/egg-box</c>: ln L = [2 + cos(x/2) cos(y/2)]⁵ (Feroz, Hobson &amp; Bridges 2009 §7.3,
/// eq. 34), 18 equal modes on the prior U[0, 10π]², ln Z = 235.856 (quadrature; the paper quotes
/// 235.88). The exact value is computed for uniform priors whose bounds are multiples of 2π: then
/// a = x/2 and b = y/2 cover whole cells [kπ, (k+1)π], on each of which the integrand has the same
/// integral I = ∫₀^π∫₀^π exp[(2 + cos a cos b)⁵] da db (cos changes sign between neighbouring cells,
/// undone by a ↦ π − a), so Z = 4 n_x n_y I / (w_x w_y) = I / π². I is a periodic integral of an even
/// function of a and b, for which the trapezoid rule converges exponentially; 1024 intervals per axis
/// resolve the modes (width ≈ 1/√405 ≈ 0.05 rad) to round-off.
/// </summary>
public sealed class EggBoxProblem : ITestProblem
{
    private const int QuadratureIntervals = 1024;

    public EggBoxProblem(ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Dimension != 2) throw new ArgumentException($"{Name} is two-dimensional (got {space.Dimension} parameters)", "dimension");
        Space = space;
        ExactLogEvidence = ComputeLogEvidence();
    }

    public string Name => "test/egg-box";

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    public double? ExactLogEvidence { get; }

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        Span<double> x = stackalloc double[2];
        Space.ToPhysical(sampled, x);
        double t = 2 + Math.Cos(x[0] / 2) * Math.Cos(x[1] / 2);
        return t * t * t * t * t;
    }

    /// <summary>ln I/π², the evidence for any uniform box made of whole 2π cells.</summary>
    public static double LogEvidenceOfWholeCells()
    {
        const double peak = 243.0;
        int n = QuadratureIntervals;
        double h = Math.PI / n;
        var cosines = new double[n + 1];
        for (int i = 0; i <= n; i++) cosines[i] = Math.Cos(i * h);
        double sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double wi = i == 0 || i == n ? 0.5 : 1.0;
            for (int j = 0; j <= n; j++)
            {
                double wj = j == 0 || j == n ? 0.5 : 1.0;
                double t = 2 + cosines[i] * cosines[j];
                sum += wi * wj * Math.Exp(t * t * t * t * t - peak);
            }
        }
        return peak + Math.Log(sum * h * h) - 2 * Math.Log(Math.PI);
    }

    private double? ComputeLogEvidence()
    {
        var box = TestProblemMath.UniformBounds(Space);
        if (box is null) return null;
        var (min, max) = box.Value;
        for (int i = 0; i < 2; i++)
        {
            if (!IsWholeCell(min[i]) || !IsWholeCell(max[i])) return null;
        }
        return LogEvidenceOfWholeCells();
    }

    private static bool IsWholeCell(double bound)
    {
        double cells = bound / (2 * Math.PI);
        return Math.Abs(cells - Math.Round(cells)) < 1e-9;
    }
}
