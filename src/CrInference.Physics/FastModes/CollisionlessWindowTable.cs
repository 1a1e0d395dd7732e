namespace CrInference.Physics.FastModes;

/// <summary>
/// Fast window average ⟨h⟩ of the A6 angle factor over (θ − δ, θ + δ) for one β: windows inside
/// |θ′| ≤ 0.1 rad use the exact window moments of a degree-4 polynomial in θ² fitted to h/θ² at
/// Chebyshev points (h is even and analytic there; relative error ≲ 1e-9); wider windows use
/// differences of the antiderivative A(θ) = ∫₀^θ h, tabulated once per plasma on a grid
/// in ϕ = π/2 − θ that is uniform for ϕ ≥ 0.5 and logarithmic below, down to 0.1 × the width
/// (m_e/(m_iβ))^{1/2} of the sharp peak of h near θ = π/2. Each grid panel is integrated with
/// 8-point Gauss–Legendre; A is interpolated by cubic Hermite with the exact derivative h.
/// Checked against <see cref="DampingRates.CollisionlessWindowExact"/> in the tests.
/// </summary>
public sealed class CollisionlessWindowTable
{
    private const double SmallLimit = 0.1;
    private const double UniformStart = 0.5;
    private readonly double _beta;
    private readonly double _phiMin, _logStep, _uniformStep;
    private readonly int _logCount;
    private readonly double[] _phi, _a, _h;
    private readonly double _total;
    private readonly double[] _poly = new double[5];

    /// <summary>Builds the table for plasma β; <paramref name="refinement"/> ≥ 1 divides the grid steps.</summary>
    public CollisionlessWindowTable(double beta, int refinement = 1)
    {
        _beta = beta;
        double peakWidth = Math.Sqrt(FastModePlasma.ElectronProtonMassRatio / beta);
        _phiMin = Math.Min(0.1 * peakWidth, 0.05);
        _logStep = 0.05 / refinement;
        _logCount = Math.Max(1, (int)Math.Ceiling(Math.Log(UniformStart / _phiMin) / _logStep));
        _logStep = Math.Log(UniformStart / _phiMin) / _logCount;
        int uniformCount = (int)Math.Ceiling((0.5 * Math.PI - UniformStart) / (0.02 / refinement));
        _uniformStep = (0.5 * Math.PI - UniformStart) / uniformCount;
        int n = _logCount + uniformCount + 1;
        _phi = new double[n];
        for (int i = 0; i <= _logCount; i++) _phi[i] = _phiMin * Math.Exp(i * _logStep);
        _phi[_logCount] = UniformStart;
        for (int j = 1; j <= uniformCount; j++) _phi[_logCount + j] = UniformStart + j * _uniformStep;
        _phi[n - 1] = 0.5 * Math.PI;
        // Cumulative integral of h over ϕ from 0 (θ = π/2) upward; B(ϕ) = ∫_{π/2−ϕ}^{π/2} h dθ.
        var b = new double[n];
        _h = new double[n];
        double acc = GaussLegendre.Integrate(p => DampingRates.Collisionless(0.5 * Math.PI - p, beta), 0, _phi[0], 8);
        b[0] = acc;
        _h[0] = DampingRates.Collisionless(0.5 * Math.PI - _phi[0], beta);
        for (int i = 1; i < n; i++)
        {
            acc += GaussLegendre.Integrate(p => DampingRates.Collisionless(0.5 * Math.PI - p, beta), _phi[i - 1], _phi[i], 8);
            b[i] = acc;
            _h[i] = DampingRates.Collisionless(0.5 * Math.PI - _phi[i], beta);
        }
        _total = acc;
        _a = b;
        // h(θ)/θ² as a polynomial in z = θ² on [0, 0.01] (Chebyshev nodes, Newton form converted to monomials).
        int m = _poly.Length;
        var z = new double[m];
        var f = new double[m];
        for (int k = 0; k < m; k++)
        {
            z[k] = 0.5 * SmallLimit * SmallLimit * (1 + Math.Cos(Math.PI * (k + 0.5) / m));
            double t = Math.Sqrt(z[k]);
            f[k] = DampingRates.Collisionless(t, beta) / z[k];
        }
        for (int j = 1; j < m; j++)
            for (int k = m - 1; k >= j; k--)
                f[k] = (f[k] - f[k - 1]) / (z[k] - z[k - j]);
        var c = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            for (int j = m - 1; j > 0; j--) c[j] = c[j - 1] - z[k] * c[j];
            c[0] = -z[k] * c[0];
            c[0] += f[k];
        }
        Array.Copy(c, _poly, m);
    }

    /// <summary>A(π/2) = ∫₀^{π/2} h dθ.</summary>
    public double Total => _total;

    /// <summary>⟨h⟩ over (θ − δ, θ + δ) for θ ∈ [0, π/2], δ ∈ (0, π/2].</summary>
    public double WindowAverage(double theta, double delta)
    {
        if (theta + delta <= SmallLimit) return SmallWindow(theta, delta);
        if (delta < 1e-9) return DampingRates.Collisionless(theta, _beta);
        return (Extended(theta + delta) - Extended(theta - delta)) / (2 * delta);
    }

    // ⟨h⟩ = Σ_k c_k ⟨θ′^{2k+2}⟩ with the exact uniform-window moments M_n = [(θ+δ)^{n+1} − (θ−δ)^{n+1}]/(2δ(n+1)).
    private double SmallWindow(double theta, double delta)
    {
        double t2 = theta * theta, d2 = delta * delta;
        double m2 = t2 + d2 / 3;
        double m4 = t2 * t2 + 2 * t2 * d2 + d2 * d2 / 5;
        double m6 = t2 * t2 * t2 + 5 * t2 * t2 * d2 + 3 * t2 * d2 * d2 + d2 * d2 * d2 / 7;
        double m8 = t2 * t2 * t2 * t2 + 28.0 / 3 * t2 * t2 * t2 * d2 + 14 * t2 * t2 * d2 * d2 + 4 * t2 * d2 * d2 * d2 + d2 * d2 * d2 * d2 / 9;
        double m10 = t2 * t2 * t2 * t2 * t2 + 15 * t2 * t2 * t2 * t2 * d2 + 42 * t2 * t2 * t2 * d2 * d2 + 30 * t2 * t2 * d2 * d2 * d2
                   + 5 * t2 * d2 * d2 * d2 * d2 + d2 * d2 * d2 * d2 * d2 / 11;
        var c = _poly;
        return c[0] * m2 + c[1] * m4 + c[2] * m6 + c[3] * m8 + c[4] * m10;
    }

    /// <summary>∫₀^θ h for θ ∈ [−π/2, π] using h(−θ) = h(θ) and h(π − θ) = h(θ).</summary>
    private double Extended(double theta)
    {
        if (theta < 0) return -Antiderivative(-theta);
        if (theta > 0.5 * Math.PI) return 2 * _total - Antiderivative(Math.PI - theta);
        return Antiderivative(theta);
    }

    private double Antiderivative(double theta)
    {
        double phi = 0.5 * Math.PI - theta;
        if (phi <= _phiMin)
        {
            // Below the table h ≈ 0; integrate the sliver directly for completeness.
            return _total - (phi <= 0 ? 0 : GaussLegendre.Integrate(p => DampingRates.Collisionless(0.5 * Math.PI - p, _beta), 0, phi, 8));
        }
        int i;
        if (phi < UniformStart)
            i = Math.Min(_logCount - 1, (int)(Math.Log(phi / _phiMin) / _logStep));
        else
            i = Math.Min(_phi.Length - 2, _logCount + (int)((phi - UniformStart) / _uniformStep));
        double p0 = _phi[i], p1 = _phi[i + 1], hh = p1 - p0;
        double t = (phi - p0) / hh;
        // B(ϕ) with dB/dϕ = h(π/2 − ϕ).
        double t2 = t * t, t3 = t2 * t;
        double b = (2 * t3 - 3 * t2 + 1) * _a[i] + (t3 - 2 * t2 + t) * hh * _h[i]
                 + (-2 * t3 + 3 * t2) * _a[i + 1] + (t3 - t2) * hh * _h[i + 1];
        return _total - b;
    }
}
