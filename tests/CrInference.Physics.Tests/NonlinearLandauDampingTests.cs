using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Physics.Plasma;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests;

public sealed class NonlinearLandauDampingTests
{
    // Arbitrary unit changes: new length unit = 7.3 cm, mass unit = 2.9 g, time unit = 0.37 s. A quantity of
    // dimension g^a cm^b s^c has numeric value q × 2.9^−a 7.3^−b 0.37^−c in the new units.
    private const double L = 7.3, M = 2.9, T = 0.37;

    private static double Scale(double q, double a, double b, double c) => q * Math.Pow(M, -a) * Math.Pow(L, -b) * Math.Pow(T, -c);

    private static readonly PlasmaState Hot = PlasmaState.FromMicrogauss(3e-3, 3e6, 1);

    [Fact]
    public void Coefficient_UnderUnitRescaling_HasDimensionOfKappaTimesGradientToTheHalf()
    {
        // κ = X |∂f/∂z|^{−1/2} must be cm² s⁻¹ with f in cm⁻³ (g cm s⁻¹)⁻³ (EQUATIONS.md §1.0), so
        // X = g^{−3/2} cm^{−3/2} s^{1/2}. Evaluating eq. 11 with all inputs re-expressed in other units must
        // give X re-expressed with exactly these exponents — a check of the formula's homogeneity.
        double vp = 2.9e10, vth = 1.6e7, omega = 9.6e-3, b = 1e-6, m = PhysicalConstants.ProtonMassG, vA = 4e6, p = 5.3e-13;
        double x = NonlinearLandauDamping.Coefficient(vp, vth, omega, b, m, vA, p);
        double xScaled = NonlinearLandauDamping.Coefficient(
            Scale(vp, 0, 1, -1), Scale(vth, 0, 1, -1), Scale(omega, 0, 0, -1), Scale(b, 0.5, -0.5, -1),
            Scale(m, 1, 0, 0), Scale(vA, 0, 1, -1), Scale(p, 1, 1, -1));
        Assert.Equal(1.0, xScaled / Scale(x, -1.5, -1.5, 0.5), 1e-12);

        // a = X²/(Q v_A) is a length (Q in cm⁻² s⁻¹ (g cm s⁻¹)⁻³ = g⁻³ cm⁻⁵ s²).
        double q = 1e20;
        double a = NonlinearLandauDamping.Length(x, q, vA);
        double aScaled = NonlinearLandauDamping.Length(xScaled, Scale(q, -3, -5, 2), Scale(vA, 0, 1, -1));
        Assert.Equal(1.0, aScaled / Scale(a, 0, 1, 0), 1e-12);
    }

    [Fact]
    public void SinkRates_UnderUnitRescaling_HaveDimensionOfQ()
    {
        // S of eqs. 4–5 (Skilling balance, B.11) and of eq. 22 must carry the units of Q: g⁻³ cm⁻⁵ s².
        double n = 1e-3, vA = 7e6, gamma = 1e-11, omega = 9.6e-3, p = 5.3e-14, lCm = 1.5e21, b = 1e-6, m = PhysicalConstants.ProtonMassG;
        double s = LinearDamping.SkillingSinkRate(4.3, n, vA, gamma, omega, p);
        double sScaled = LinearDamping.SkillingSinkRate(4.3, Scale(n, 0, -3, 0), Scale(vA, 0, 1, -1), Scale(gamma, 0, 0, -1),
            Scale(omega, 0, 0, -1), Scale(p, 1, 1, -1));
        Assert.Equal(1.0, sScaled / Scale(s, -3, -5, 2), 1e-12);

        double s22 = LinearDamping.TurbulentSinkRate(p, lCm, b, b, m, omega);
        double s22Scaled = LinearDamping.TurbulentSinkRate(Scale(p, 1, 1, -1), Scale(lCm, 0, 1, 0), Scale(b, 0.5, -0.5, -1),
            Scale(b, 0.5, -0.5, -1), Scale(m, 1, 0, 0), Scale(omega, 0, 0, -1));
        Assert.Equal(1.0, s22Scaled / Scale(s22, -3, -5, 2), 1e-12);
    }

    [Fact]
    public void Length_HotIsm_MatchesEquationsTable()
    {
        // EQUATIONS.md §3: a = 0.12, 0.65, 3.2, 13.5, 65, 270, 1290 kpc at 1, 3, 10, 30, 100, 300, 1000 GV
        // (eq. 11, v_th = √(kT/m_p), T = 3e6 K, B = 1 μG, n = 3e-3 cm⁻³; SN 1/100 yr, 1e50 erg, γ = 4.3).
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        var cases = new[] { (1.0, 0.12), (3.0, 0.65), (10.0, 3.2), (30.0, 13.5), (100.0, 65.0), (300.0, 270.0), (1000.0, 1290.0) };
        foreach (var (r, expectedKpc) in cases)
        {
            double x = NonlinearLandauDamping.CoefficientAtRigidity(Hot, r);
            double a = NonlinearLandauDamping.Length(x, q.Rate(r), Hot.AlfvenSpeed) / PhysicalConstants.KiloparsecCm;
            Assert.InRange(a / expectedKpc, 0.95, 1.05);
        }
    }

    [Fact]
    public void HaloDensity_ClosedForm_EqualsEquation14AndSolvesEquation12()
    {
        // Eq. 14: f = Q/v_A + X²/(v_A²(z − r − X²/(Q v_A))); eq. 12: v_A f + X (−∂f/∂z)^{1/2} = Q.
        double q = 3.0, vA = 2.0, x = 5.0, r = 10.0;
        double a = NonlinearLandauDamping.Length(x, q, vA);
        foreach (double z in new[] { 0.0, 2.5, 7.0, 9.5 })
        {
            double eq14 = q / vA + x * x / (vA * vA * (z - r - x * x / (q * vA)));
            double closed = q / vA * NonlinearLandauDamping.HaloDensityOverStreaming(a, r, z);
            Assert.Equal(eq14, closed, 1e-12);
            double h = 1e-5;
            double slope = q / vA * (NonlinearLandauDamping.HaloDensityOverStreaming(a, r, z + h) - NonlinearLandauDamping.HaloDensityOverStreaming(a, r, z - h)) / (2 * h);
            Assert.Equal(q, vA * closed + x * Math.Sqrt(-slope), 1e-8);
        }
        Assert.Equal(0.0, NonlinearLandauDamping.HaloDensityOverStreaming(a, r, r));
    }

    [Fact]
    public void HaloDensity_Asymptotes_StreamingForSmallXAndQSquaredOverXSquaredForLargeX()
    {
        // KQ22 §2.1.2: f → Q/v_A for X² ≪ Q v_A r and f → (r − z) Q²/X² for X² ≫ Q v_A r.
        double q = 2.0, vA = 3.0, r = 10.0, z = 4.0;
        double small = 1e-4;
        Assert.Equal(1.0, NonlinearLandauDamping.HaloDensityOverStreaming(NonlinearLandauDamping.Length(small, q, vA), r, z), 1e-8);
        double large = 1e4;
        double f = q / vA * NonlinearLandauDamping.HaloDensityOverStreaming(NonlinearLandauDamping.Length(large, q, vA), r, z);
        Assert.Equal(1.0, f / ((r - z) * q * q / (large * large)), 1e-6);
    }

    [Fact]
    public void HaloBoronFactor_EqualsEquation30AndIsAccurateForLargeA()
    {
        // Eq. 30: [(r − z + a)^s − a^s]/(r − z + a)^s.
        foreach (var (a, s) in new[] { (0.3, 1.0), (5.0, 1.7), (40.0, 1.01) })
        {
            double r = 10, z = 0.5;
            double eq30 = (Math.Pow(r - z + a, s) - Math.Pow(a, s)) / Math.Pow(r - z + a, s);
            Assert.Equal(eq30, NonlinearLandauDamping.HaloBoronFactor(a, r, z, s), 1e-12);
        }
        // a ≫ r: 1 − (a/(r + a))^s → s r/a (the naive form loses every digit at a/r = 1e18).
        Assert.Equal(1.0, NonlinearLandauDamping.HaloBoronFactor(1e19, 10, 0, 1.0) / 1e-18, 1e-9);
    }

    private static Models.Prediction PredictNlld(double[] grid, string losses = "ionisation")
    {
        var model = new NlldModel();
        var (input, error) = model.Resolve(new Dictionary<string, double>(), new Dictionary<string, string> { ["losses"] = losses, ["physics"] = "kq22" });
        Assert.Null(error);
        var result = model.Predict(input!, grid);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    [Fact]
    public void NlldModel_HighRigidityLogSlope_IsMinusTwoGammaPlusThree()
    {
        // KQ22 eq. 14 asymptote: f_p ∝ Q²/X² ∝ p^{−2γ_inj+3} (−5.6 for γ = 4.3). J = v p² f dp/dR ⇒ slope(f) = slope(J) − 2.
        var p = PredictNlld([3e4, 1e5]);
        double slopeJ = Math.Log(p.ProtonFlux![1] / p.ProtonFlux[0]) / Math.Log(1e5 / 3e4);
        Assert.Equal(-2 * 4.3 + 3, slopeJ - 2, 0.02);
    }

    [Fact]
    public void NlldModel_LowAndHighRigidity_ReachTheAsymptotes()
    {
        var hotVa = Hot.AlfvenSpeed;
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double r = 10 * PhysicalConstants.KiloparsecCm;
        var p = PredictNlld([0.3, 1e5], "none");

        // Low R: a = 0.01 kpc ≪ r, f → Q/v_A within a/r ≈ 1e-3.
        double streaming = MeasuredFlux.ProtonFluxPerRigidity(0.3, q.Rate(0.3) / hotVa);
        Assert.Equal(1.0, p.ProtonFlux![0] / streaming, 2e-3);

        // High R: a ≈ 5e5 kpc ≫ r, f → r Q²/X² within r/a ≈ 2e-5.
        double x = NonlinearLandauDamping.CoefficientAtRigidity(Hot, 1e5);
        double nlld = MeasuredFlux.ProtonFluxPerRigidity(1e5, r * q.Rate(1e5) * q.Rate(1e5) / (x * x));
        Assert.Equal(1.0, p.ProtonFlux[1] / nlld, 1e-4);
    }

    [Theory]
    [InlineData(10.0, 0.76, 0.005)]
    [InlineData(100.0, 0.13, 0.005)]
    [InlineData(1000.0, 0.008, 0.0005)]
    public void NlldModel_HaloSuppression_IsTheEquationsTableValue(double rigidityGV, double suppression, double printedHalfDigit)
    {
        // EQUATIONS.md §3 (Fig. 5 hot plasma: n = 3e-3 cm⁻³, T = 3e6 K, B = 1 μG, r = 10 kpc): f_p(0) = (Q/v_A) r/(r + a)
        // with r/(r + a) = 0.76, 0.13, 0.008 at 10, 100, 1000 GV. Without losses the model's flux over the streaming
        // flux Q/v_A is that factor; the table prints two significant digits.
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        var p = PredictNlld([rigidityGV], "none");
        double streaming = MeasuredFlux.ProtonFluxPerRigidity(rigidityGV, q.Rate(rigidityGV) / Hot.AlfvenSpeed);
        Assert.Equal(suppression, p.ProtonFlux![0] / streaming, printedHalfDigit);
    }

    [Fact]
    public void NlldModel_BoronToCarbon_IsEquation30AtZeroTimesSpeedRatio()
    {
        var p = PredictNlld([30.0]);
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double r = 10 * PhysicalConstants.KiloparsecCm;
        double x = NonlinearLandauDamping.CoefficientAtRigidity(Hot, 30);
        double a = x * x / (q.Rate(30) * Hot.AlfvenSpeed);
        double s = Kinematic.BetaAtRigidity(30, Nucleus.Proton) / Kinematic.BetaAtRigidity(30, Nucleus.Boron11);
        double hOverTau = 200 * PhysicalConstants.ParsecCm * 1.25 * 61e-27 * Kinematic.SpeedCmPerS(30, Nucleus.Carbon12);
        double fBOverFC = hOverTau / Hot.AlfvenSpeed * (Math.Pow(r + a, s) - Math.Pow(a, s)) / Math.Pow(r + a, s);
        double vBOverVC = Kinematic.BetaAtRigidity(30, Nucleus.Boron11) / Kinematic.BetaAtRigidity(30, Nucleus.Carbon12);
        Assert.Equal(1.0, p.BoronToCarbon![0] / (vBOverVC * fBOverFC), 1e-10);
    }
}
