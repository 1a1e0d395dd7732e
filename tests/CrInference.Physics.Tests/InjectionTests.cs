using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests;

public sealed class InjectionTests
{
    /// <summary>Independent quadrature: composite Simpson in ln p with many points (not the production rule).</summary>
    private static double Simpson(Func<double, double> integrandInLogP, double pLow, double pHigh, int intervals = 200_000)
    {
        double a = Math.Log(pLow), b = Math.Log(pHigh), h = (b - a) / intervals;
        double sum = integrandInLogP(a) + integrandInLogP(b);
        for (int i = 1; i < intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * integrandInLogP(a + i * h);
        return sum * h / 3;
    }

    [Theory]
    [InlineData(3.8)]
    [InlineData(4.0)]
    [InlineData(4.3)]
    [InlineData(4.7)]
    public void FromSupernovae_BackIntegratedInjectedPower_EqualsSupernovaPowerPerArea(double gamma)
    {
        // Open choice A.1: 2 ∫ 4π p² Q(p) T(p) dp over [1e-4, 1e6] GeV/c = Ṅ E / (π (10 kpc)²).
        var q = Injection.FromSupernovae(0.01, 1e50, gamma);
        double unit = PhysicalConstants.GramCmPerSPerGeVOverC;
        double integral = Simpson(u =>
        {
            double pGeV = Math.Exp(u);
            double pCgs = pGeV * unit;
            double tErg = Kinematic.KineticEnergyGeV(pGeV, Nucleus.Proton) * PhysicalConstants.ErgPerGeV;
            return 2 * 4 * Math.PI * pCgs * pCgs * q.Rate(pGeV) * tErg * pCgs; // dp = p d ln p
        }, Injection.MinimumMomentumGeV, Injection.MaximumMomentumGeV);
        double radius = 10 * PhysicalConstants.KiloparsecCm;
        double expected = 0.01 / PhysicalConstants.YearS * 1e50 / (Math.PI * radius * radius);
        Assert.Equal(1.0, integral / expected, 1e-9);
    }

    [Fact]
    public void EnergyIntegral_Gamma4p3_DiffersFromUnboundedBy1p57Percent()
    {
        // Documented in docs/CONVENTIONS.md (A.1): I_[0,∞)(4.3)/I_[1e-4,1e6](4.3) − 1 = 1.57 %, i.e. the
        // finite bounds raise Q₀ by 1.57 %. The tails are checked against an independent quadrature.
        double bounded = Injection.EnergyIntegral(4.3);
        double unbounded = Injection.EnergyIntegralUnbounded(4.3);
        double m = PhysicalConstants.ProtonRestEnergyGeV;
        double low = Simpson(u => { double p = Math.Exp(u); return Math.Pow(p, 3 - 4.3) * Kinematic.KineticEnergyGeV(p, Nucleus.Proton); }, 1e-16, 1e-4)
            + Math.Pow(1e-16, 0.7) / (0.7 * 2 * m);
        double high = Simpson(u => { double p = Math.Exp(u); return Math.Pow(p, 3 - 4.3) * Kinematic.KineticEnergyGeV(p, Nucleus.Proton); }, 1e6, 1e20)
            + Math.Pow(1e20, -0.3) / 0.3;
        Assert.Equal(1.0, unbounded / (bounded + low + high), 1e-8);
        Assert.Equal(0.0157, unbounded / bounded - 1, 0.0005);
    }

    [Fact]
    public void EnergyIntegral_ProductionRule_MatchesIndependentQuadrature()
    {
        foreach (double gamma in new[] { 3.5, 4.0, 4.3, 5.0, 5.5 })
        {
            double reference = Simpson(u => { double p = Math.Exp(u); return Math.Pow(p, 3 - gamma) * Kinematic.KineticEnergyGeV(p, Nucleus.Proton); },
                Injection.MinimumMomentumGeV, Injection.MaximumMomentumGeV);
            Assert.Equal(1.0, Injection.EnergyIntegral(gamma) / reference, 1e-10);
        }
    }

    [Fact]
    public void Rate_IsPowerLawAndLinearInPower()
    {
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        Assert.Equal(Math.Pow(10, -4.3), q.Rate(10) / q.Rate(1), 12);
        var doubled = Injection.FromSupernovae(0.02, 1e50, 4.3);
        Assert.Equal(2.0, doubled.Normalisation / q.Normalisation, 12);
        Assert.Equal(q.Normalisation, q.Rate(Injection.ReferenceMomentumGeV));
    }
}
