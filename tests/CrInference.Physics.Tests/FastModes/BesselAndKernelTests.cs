using CrInference.Physics.FastModes;

namespace CrInference.Physics.Tests.FastModes;

public sealed class BesselAndKernelTests
{
    // Reference values: Abramowitz & Stegun Table 9.1 / DLMF 10.2 (J0, J1 to 15 digits) and the first zeros
    // j_{0,1} = 2.404825557695773, j_{1,1} = 3.831705970207512 (DLMF Table 10.21.1).
    [Theory]
    [InlineData(0.5, 0.938469807240812964, 0.242268457674873886)]
    [InlineData(1.0, 0.765197686557966552, 0.440050585744933516)]
    [InlineData(5.0, -0.177596771314338304, -0.327579137591465222)]
    [InlineData(10.0, -0.245935764451348335, 0.0434727461688614367)]
    [InlineData(30.0, -0.0863679835810403, -0.118751062616623)]
    public void Bessel_MatchesTabulatedValues(double w, double j0, double j1)
    {
        Assert.Equal(j0, Bessel.J0(w), 1e-11);
        Assert.Equal(j1, Bessel.J1(w), 1e-11);
    }

    [Fact]
    public void Bessel_ZerosAndDerivativeIdentity()
    {
        Assert.Equal(0, Bessel.J0(2.404825557695773), 1e-12);
        Assert.Equal(0, Bessel.J1(3.831705970207512), 1e-12);
        // J1' = (J0 − J2)/2 with J2 = 2J1/w − J0 (recurrence), and J1'(0) = 1/2.
        foreach (double w in new[] { 1e-6, 0.3, 2.0, 7.5, 11.9, 12.1, 40.0 })
        {
            double j2 = 2 * Bessel.J1(w) / w - Bessel.J0(w);
            Assert.Equal(0.5 * (Bessel.J0(w) - j2), Bessel.J1Prime(w), 1e-11);
        }
        Assert.Equal(0.5, Bessel.J1Prime(0), 1e-15);
    }

    [Fact]
    public void GaussLegendre_IsExactForPolynomialsOfDegree2nMinus1()
    {
        // ∫_0^2 x^15 dx = 2^16/16 = 4096 with 8 nodes.
        Assert.Equal(4096, GaussLegendre.Integrate(x => Math.Pow(x, 15), 0, 2, 8), 1e-9);
    }

    [Fact]
    public void GaussLegendre_RuleIsMathNetsSortedAscending()
    {
        foreach (int n in new[] { 4, 8, 12, 20, 36 })
        {
            var (x, w) = GaussLegendre.Rule(n);
            var rule = new MathNet.Numerics.Integration.GaussLegendreRule(-1, 1, n);
            var order = Enumerable.Range(0, n).OrderBy(i => rule.Abscissas[i]).ToArray();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(rule.Abscissas[order[i]], x[i]);
                Assert.Equal(rule.Weights[order[i]], w[i]);
                if (i > 0) Assert.True(x[i] > x[i - 1]);
            }
        }
    }

    [Fact]
    public void Bessel_AgreesWithMathNetOverTheTableRange()
    {
        // The hand-written J0, J1 are kept for speed (bench numerics); they must agree with MathNet's (AMOS) to 1e-11.
        for (double w = 1e-3; w < 200; w *= 1.07)
        {
            Assert.Equal(MathNet.Numerics.SpecialFunctions.BesselJ(0, w), Bessel.J0(w), 1e-11);
            Assert.Equal(MathNet.Numerics.SpecialFunctions.BesselJ(1, w), Bessel.J1(w), 1e-11);
        }
    }

    [Theory]
    [InlineData(0.3, 1.2)]
    [InlineData(20.0, 1.5)]
    public void AdaptiveQuadrature_AgreesWithMathNetGaussKronrod(double sigma, double theta0)
    {
        // The Q kernel (oscillatory Bessel integrand) by our globally adaptive G10/K21 and by MathNet's recursive rule.
        static double F(double s, double t) { double c = Math.Cos(t); double j = Bessel.J1Prime(s * Math.Tan(t)); return Math.Sin(t) * c * c * Math.Sqrt(c) * j * j; }
        double ours = AdaptiveQuadrature.Integrate(t => F(sigma, t), 0, theta0, 1e-11, 0, 20000);
        double library = MathNet.Numerics.Integration.GaussKronrodRule.Integrate(t => F(sigma, t), 0, theta0, out _, out _, 1e-11, 15, 21);
        Assert.Equal(1.0, ours / library, 1e-9);
    }

    [Fact]
    public void AdaptiveQuadrature_HandlesAnEndpointSingularity()
    {
        // ∫_0^1 x^{-1/2} dx = 2.
        Assert.Equal(2, AdaptiveQuadrature.Integrate(x => 1 / Math.Sqrt(x), 0, 1, 1e-10), 1e-8);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(2.7)]
    [InlineData(15)]
    [InlineData(45)]
    [InlineData(150)]
    [InlineData(3000)]
    public void TtdKernel_MatchesAdaptiveIntegral(double t)
    {
        // H(t) = ∫_0^t s^{-5/2} J1(s)^2 ds by adaptive quadrature (independent of the table).
        double exact = AdaptiveQuadrature.Integrate(s => { double j = Bessel.J1(s); return j * j / (s * s * Math.Sqrt(s)); }, 0, t, 1e-12, 0, 20000);
        Assert.Equal(1.0, TtdKernel.Get().Value(t) / exact, 2e-8);
    }

    [Theory]
    [InlineData(1e-7, 1e5)]
    [InlineData(3e-4, 2e4)]
    [InlineData(1e-3, 1e9)]
    public void TtdKernel_WindowIsTheA2InnerIntegral(double a, double xMax)
    {
        // ∫_1^{x_max} x^{-5/2} J1(xa)^2 dx = a^{3/2}[H(x_max a) − H(a)] (substitution t = xa), integrated in ln x.
        double direct = AdaptiveQuadrature.Integrate(l => { double x = Math.Exp(l); double j = Bessel.J1(x * a); return j * j / (x * Math.Sqrt(x)); },
            0, Math.Log(xMax), 1e-12, 0, 20000, [-Math.Log(a)]);
        Assert.Equal(1.0, TtdKernel.Get().Window(a, xMax) / direct, 1e-7);
    }

    [Fact]
    public void TtdKernel_InfinityMatchesIntegralWithAnalyticTail()
    {
        // ∫_0^2000 numerically plus (2/5)/(π t^{5/2}) beyond (the oscillating remainder is < 1e-12 there).
        double head = AdaptiveQuadrature.Integrate(s => { double j = Bessel.J1(s); return j * j / (s * s * Math.Sqrt(s)); }, 0, 2000, 1e-13, 0, 200000);
        double total = head + 0.4 / (Math.PI * Math.Pow(2000, 2.5));
        Assert.Equal(1.0, TtdKernel.Get().Infinity / total, 1e-9);
    }

    [Theory]
    [InlineData(1e-3, 0.02)]
    [InlineData(0.05, 0.3)]
    [InlineData(0.7, 1.0)]
    [InlineData(3.0, 0.05)]
    [InlineData(3.0, 1.2)]
    [InlineData(20.0, 0.6)]
    [InlineData(80.0, 1.45)]
    public void GyroKernel_MatchesAdaptiveIntegral(double sigma, double theta0)
    {
        // 2e-6 while the cone-edge Bessel argument w = σ tan θ₀ is small; where Q steps with the Bessel
        // oscillation (w ≳ 5) the cubic interpolation in ln θ₀ is good to ~1e-3 — errors of alternating sign that
        // average out in the resonance integral (κ changes < 1e-6 when the table steps are halved).
        double exact = GyroKernel.QExact(sigma, theta0);
        double w = sigma * Math.Tan(theta0);
        Assert.Equal(1.0, GyroKernel.Get().Q(sigma, theta0) / exact, w < 3 ? 2e-6 : 1e-3);
    }

    [Theory]
    [InlineData(0.19)]
    [InlineData(2.0)]
    [InlineData(25.0)]
    public void CollisionlessWindowTable_MatchesExactWindowAverage(double beta)
    {
        var table = new CollisionlessWindowTable(beta);
        foreach (var (theta, delta) in new[] { (0.0, 0.01), (0.02, 0.05), (0.3, 0.1), (0.5, 0.3), (1.0, 0.2), (1.45, 0.1), (1.5, 0.4), (0.2, 1.5), (1.56, 0.01) })
        {
            // Relative 1e-6, or 1e-6 of the angle-mean rate where h is far below it (narrow windows at |cos θ| ≲ (m_e/m_iβ)^{1/2},
            // modes that are always viscously damped first).
            double exact = DampingRates.CollisionlessWindowExact(theta, delta, beta);
            double floor = 1e-6 * table.Total / (0.5 * Math.PI);
            Assert.InRange(table.WindowAverage(theta, delta) - exact, -(1e-6 * exact + floor), 1e-6 * exact + floor);
        }
    }

    [Fact]
    public void ViscousWindow_MatchesDirectAverageOfSinSquared()
    {
        foreach (var (theta, delta) in new[] { (0.0, 1e-3), (1e-4, 1e-4), (0.3, 0.2), (1.2, 1.5), (1.5707, 0.7) })
        {
            double direct = AdaptiveQuadrature.Integrate(t => Math.Sin(t) * Math.Sin(t), theta - delta, theta + delta, 1e-13) / (2 * delta);
            Assert.Equal(1.0, DampingRates.ViscousWindow(theta, delta) / direct, 1e-10);
        }
    }
}
