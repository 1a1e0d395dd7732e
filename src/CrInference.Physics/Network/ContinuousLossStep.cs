using CrInference.Physics.Numerics;
using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;

namespace CrInference.Physics.Network;

/// <summary>
/// One downward step of <see cref="ContinuousLossSolver"/> between x₀ = ln R₀ and x₁ = x₀ + Δ: with the escape rate k = 1/ε and
/// q = R S ε power laws in R between the nodes (k = k₀ e^{ν t}, q = q₀ e^{μ t}, t = x − x₀; q linear in t when a node value is
/// 0), the escape depth is T = ∫₀^Δ k dt = k₀ (e^{νΔ} − 1)/ν exactly and the source term is ∫₀^T q(t(τ)) e^{−τ} dτ with
/// t(τ) = ln(1 + ν τ/k₀)/ν. The integral is taken by Gauss–Legendre rules (4 nodes for T ≤ 2, 2 × 6 for T ≤ 20), by 5-node
/// Gauss–Laguerre for larger T (the weight e^{−τ} makes the rest of the step irrelevant), and, where escape is very fast
/// (T &gt; 200, or T &gt; 20 with |x|, |a| &lt; 0.01), by its expansion q₀[1 + x + x(x − a) + x(x − a)(x − 2a)], x = μ/k₀,
/// a = ν/k₀ (the moments of e^{−τ}).
/// </summary>
public readonly record struct ContinuousLossStep
{
    // MathNet's rules return copies of their arrays: read them once.
    private static readonly double[] PanelAbscissas = new GaussLegendreRule(0.0, 1.0, 6).Abscissas;
    private static readonly double[] PanelWeights = new GaussLegendreRule(0.0, 1.0, 6).Weights;
    private static readonly double[] ShortAbscissas = new GaussLegendreRule(0.0, 1.0, 4).Abscissas;
    private static readonly double[] ShortWeights = new GaussLegendreRule(0.0, 1.0, 4).Weights;
    private static readonly (double[] Nodes, double[] Weights) Laguerre = GaussLaguerre(5);

    // Largest |μ/k₀| and |ν/k₀| at which a step with 20 < T ≤ 200 takes the moment expansion instead of Gauss–Laguerre.
    private const double ExpansionMaxRatio = 0.01;

    public ContinuousLossStep(double width, double rateLower, double rateUpper, double driveLower, double driveUpper)
    {
        Width = width;
        RateLower = rateLower;
        RateSlope = Math.Log(rateUpper / rateLower) / width;
        DriveLower = driveLower;
        DriveUpper = driveUpper;
        DriveSlope = driveLower > 0 && driveUpper > 0 ? Math.Log(driveUpper / driveLower) / width : double.NaN;
        Depth = Math.Abs(RateSlope * width) < 1e-9 ? rateLower * width * (1 + 0.5 * RateSlope * width) : rateLower * StableMath.ExpM1(RateSlope * width) / RateSlope;
    }

    /// <summary>Δ = ln(R₁/R₀).</summary>
    public double Width { get; }

    /// <summary>k₀ = 1/ε at the lower node.</summary>
    public double RateLower { get; }

    /// <summary>ν = d ln k/dx over the step.</summary>
    public double RateSlope { get; }

    /// <summary>q₀ = R S ε at the lower node.</summary>
    public double DriveLower { get; }

    /// <summary>q₁ at the upper node.</summary>
    public double DriveUpper { get; }

    /// <summary>μ = d ln q/dx over the step (NaN when a node value is 0: q is then linear).</summary>
    public double DriveSlope { get; }

    /// <summary>T = ∫ k dx over the step.</summary>
    public double Depth { get; }

    /// <summary>∫₀^T q(t(τ)) e^{−τ} dτ.</summary>
    public double Integral()
    {
        bool exponential = !double.IsNaN(DriveSlope);
        if (exponential && Depth > 20)
        {
            // The moment expansion errs by about the next term, x(x − a)(x − 2a)(x − 3a) relative (≤ 3e-7 for |x|, |a| < 0.01),
            // plus e^{−T} < 2e-9 for the weight beyond the step; for T > 200, k₀ ≥ 200/Δ makes x and a small anyway.
            double x = DriveSlope / RateLower;
            double a = RateSlope / RateLower;
            if (Depth > 200 || (Math.Abs(x) < ExpansionMaxRatio && Math.Abs(a) < ExpansionMaxRatio))
            {
                return DriveLower * (1 + x + x * (x - a) + x * (x - a) * (x - 2 * a));
            }
        }
        double sum = 0;
        if (Depth > 20)
        {
            for (int i = 0; i < Laguerre.Nodes.Length; i++) sum += Laguerre.Weights[i] * Drive(Laguerre.Nodes[i], exponential);
            return sum;
        }
        if (Depth <= 2)
        {
            for (int k = 0; k < ShortAbscissas.Length; k++)
            {
                double tau = Depth * ShortAbscissas[k];
                sum += ShortWeights[k] * DecayedDrive(tau, exponential);
            }
            return sum * Depth;
        }
        double half = 0.5 * Depth;
        for (int panel = 0; panel < 2; panel++)
        {
            for (int k = 0; k < PanelAbscissas.Length; k++)
            {
                double tau = half * (panel + PanelAbscissas[k]);
                sum += PanelWeights[k] * DecayedDrive(tau, exponential);
            }
        }
        return sum * half;
    }

    /// <summary>q at escape depth τ from the lower node.</summary>
    private double Drive(double tau, bool exponential)
    {
        double t = Position(tau);
        return exponential
            ? DriveLower * Math.Exp(DriveSlope * t)
            : DriveLower + (DriveUpper - DriveLower) * t / Width;
    }

    /// <summary>q e^{−τ} at escape depth τ (one exponential where q is one).</summary>
    private double DecayedDrive(double tau, bool exponential)
    {
        double t = Position(tau);
        return exponential
            ? DriveLower * Math.Exp(DriveSlope * t - tau)
            : (DriveLower + (DriveUpper - DriveLower) * t / Width) * Math.Exp(-tau);
    }

    /// <summary>t = x − x₀ at escape depth τ: ln(1 + ν τ/k₀)/ν.</summary>
    private double Position(double tau) =>
        Math.Abs(RateSlope) < 1e-12 ? tau / RateLower : StableMath.Log1P(RateSlope * tau / RateLower) / RateSlope;

    /// <summary>Gauss–Laguerre nodes and weights (weight e^{−τ} on [0, ∞)) by the Golub–Welsch eigenvalue method: the Jacobi matrix of
    /// the Laguerre polynomials has diagonal 2i + 1 and off-diagonal i + 1; weights are the squared first eigenvector components.</summary>
    private static (double[] Nodes, double[] Weights) GaussLaguerre(int n)
    {
        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            jacobi[i, i] = 2 * i + 1;
            if (i + 1 < n) jacobi[i, i + 1] = jacobi[i + 1, i] = i + 1;
        }
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = evd.EigenValues[i].Real;
            double v = evd.EigenVectors[0, i];
            weights[i] = v * v;
        }
        return (nodes, weights);
    }
}
