using CrInference.Core;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// <c>test/gaussian-shell</c>: two Gaussian shells (Feroz, Hobson &amp; Bridges 2009, MNRAS 398,
/// 1601, §7.2 eqs 32–33), L(x) = circ(x; c₁) + circ(x; c₂) with
/// circ(x; c) = exp[−(|x − c| − r)² / (2w²)] / √(2πw²), r = 2, w = 0.1, centres c = (∓3.5, 0, …, 0),
/// prior U[−6, 6]^D. Each shell integrates to S_{D−1} E[ρ^{D−1}] with S_{D−1} = 2π^{D/2}/Γ(D/2) the
/// area of the unit sphere and ρ ~ N(r, w²), so for a box that holds both (non-overlapping) shells
/// ln Z = ln[2 S_{D−1} E[ρ^{D−1}]] − Σ ln(max − min) (to 3e-7): −1.7456 for D = 2 and −5.6736 for D = 5, the
/// analytic values of Feroz et al. (2009) table 2 (−1.75, −5.67).
/// </summary>
public sealed class GaussianShellProblem : ITestProblem
{
    private readonly double _logNormaliser;

    public GaussianShellProblem(ParameterSpace space, double radius = 2.0, double width = 0.1, double centre = 3.5)
    {
        ArgumentNullException.ThrowIfNull(space);
        TestProblemMath.RequireDimension(space, 1, Name);
        if (!(radius > 0) || double.IsInfinity(radius)) throw new ArgumentException($"radius must be finite and > 0 (got {radius})", "radius");
        if (!(width > 0) || double.IsInfinity(width)) throw new ArgumentException($"width must be finite and > 0 (got {width})", "width");
        if (!(centre >= 0) || double.IsInfinity(centre)) throw new ArgumentException($"centre must be finite and >= 0 (got {centre})", "centre");
        Space = space;
        Radius = radius;
        Width = width;
        Centre = centre;
        _logNormaliser = -0.5 * Math.Log(2 * Math.PI * width * width);
        ExactLogEvidence = ComputeLogEvidence();
    }

    public string Name => "test/gaussian-shell";

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames => [];

    public double Radius { get; }

    public double Width { get; }

    /// <summary>Distance of the shell centres from the origin along x1.</summary>
    public double Centre { get; }

    public double? ExactLogEvidence { get; }

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int d = Space.Dimension;
        Span<double> x = stackalloc double[d];
        Space.ToPhysical(sampled, x);
        double rest = 0;
        for (int i = 1; i < d; i++) rest += x[i] * x[i];
        double toFirst = Math.Sqrt((x[0] + Centre) * (x[0] + Centre) + rest);
        double toSecond = Math.Sqrt((x[0] - Centre) * (x[0] - Centre) + rest);
        return TestProblemMath.LogAddExp(Shell(toFirst), Shell(toSecond));
    }

    private double Shell(double distance)
    {
        double t = (distance - Radius) / Width;
        return _logNormaliser - 0.5 * t * t;
    }

    private double? ComputeLogEvidence()
    {
        var box = TestProblemMath.UniformBounds(Space);
        if (box is null) return null;
        var (min, max) = box.Value;
        // The closed form needs each shell inside the box, the shells apart and ρ > 0, each with a
        // 5w margin: the shell mass beyond it is below the one-sided 5σ tail, 2.9e-7, which bounds
        // the relative error of Z (U[−6, 6] leaves exactly 5w beyond the default shells).
        double reach = Radius + 5 * Width;
        if (Radius < 5 * Width || Centre < reach) return null;
        if (min[0] > -Centre - reach || max[0] < Centre + reach) return null;
        for (int i = 1; i < min.Length; i++)
        {
            if (min[i] > -reach || max[i] < reach) return null;
        }
        int d = Space.Dimension;
        double logSphere = Math.Log(2) + 0.5 * d * Math.Log(Math.PI) - TestProblemMath.LogGammaHalf(d);
        return Math.Log(2) + logSphere + Math.Log(NormalMoment(d - 1, Radius, Width)) + TestProblemMath.LogBoxDensity(box.Value);
    }

    /// <summary>E[ρ^k] for ρ ~ N(μ, s²): Σ_{j even} C(k, j) μ^{k−j} s^j (j − 1)!!.</summary>
    private static double NormalMoment(int k, double mean, double sigma)
    {
        double sum = 0;
        double binomial = 1;
        double doubleFactorial = 1;
        for (int j = 0; j <= k; j++)
        {
            if (j > 0) binomial = binomial * (k - j + 1) / j;
            if (j % 2 == 0)
            {
                if (j > 0) doubleFactorial *= j - 1;
                sum += binomial * Math.Pow(mean, k - j) * Math.Pow(sigma, j) * doubleFactorial;
            }
        }
        return sum;
    }
}
