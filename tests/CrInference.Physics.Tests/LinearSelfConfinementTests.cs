using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Physics.Plasma;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests;

public sealed class LinearSelfConfinementTests
{
    private static readonly PlasmaState Figure1 = PlasmaState.FromMicrogauss(1e-3, 1e4, 1);

    private static Prediction Predict(double[] grid, string a = "0.5", string losses = "none")
    {
        var model = new LinearSelfConfinementModel();
        var (input, error) = model.Resolve(new Dictionary<string, double>(),
            new Dictionary<string, string> { ["damping_a"] = a, ["losses"] = losses, ["physics"] = "kq22" });
        Assert.Null(error);
        var result = model.Predict(input!, grid);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    private static double Sink(double pGeV, double a) =>
        LinearDamping.SkillingSinkRate(4.3, Figure1.DensityCm3, Figure1.AlfvenSpeed,
            LinearDamping.DampingRatePerS(1e-11, a, pGeV), Figure1.ProtonGyrofrequency, Kinematic.MomentumCgs(pGeV));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void SkillingSink_ScalesAsPToMinusThreeMinusA(double a)
    {
        // KQ22 §2.1.1: S ∝ p^{−3−a} for Γ ∝ k^a.
        Assert.Equal(Math.Pow(2, -3 - a), Sink(2, a) / Sink(1, a), 12);
    }

    [Fact]
    public void SkillingBalance_WithFarmerGoldreichDamping_IsAlphaMinusThreeTimesEquation22()
    {
        // Independent cross-check of B.11: Γ = v_A (k/L)^{1/2} with k = 1/r_L = eB/(pc) (Farmer & Goldreich 2004) in
        // S = (α − 3) n_i v_A Γ/(π² Ω₀ p³) gives (α − 3) p^{−3.5} L^{−0.5} B²/(4π³ (m_p Ω₀)^{0.5}), i.e. KQ22 eq. 22 × (α − 3).
        var plasma = PlasmaState.FromMicrogauss(5e-3, 1e6, 1);
        double lCm = 500 * PhysicalConstants.ParsecCm;
        foreach (double pGeV in new[] { 1.0, 30.0, 2000.0 })
        {
            double p = Kinematic.MomentumCgs(pGeV);
            double k = PhysicalConstants.ElementaryChargeEsu * plasma.FieldG / (p * PhysicalConstants.SpeedOfLightCmPerS);
            double damping = plasma.AlfvenSpeed * Math.Sqrt(k / lCm);
            double skilling = LinearDamping.SkillingSinkRate(4.3, plasma.DensityCm3, plasma.AlfvenSpeed, damping, plasma.ProtonGyrofrequency, p);
            double eq22 = LinearDamping.TurbulentSinkRateForProtons(pGeV, lCm, plasma.FieldG);
            Assert.Equal(4.3 - 3, skilling / eq22, 1e-10);
        }
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.75", 0.75)]
    public void Cutoff_IsWhereInjectionEqualsSink(string option, double a)
    {
        // Eq. 6: Q(p_c) = S(p_c).
        double pc = Predict([1.0], option).Components["cutoff_GV"][0];
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        Assert.Equal(1.0, q.Rate(pc) / Sink(pc, a), 1e-9);
    }

    [Fact]
    public void Figure1_BelowCutoffStreamsAtAlfvenSpeed_AboveEscapesAtC()
    {
        double pc = Predict([1.0]).Components["cutoff_GV"][0];
        var p = Predict([pc / 100, pc * 0.999, pc * 2]);
        double vA = Figure1.AlfvenSpeed / 1e5;
        // Well below p_c: S/Q = (p/p_c)^{γ−3−a} = 0.01^{0.8} ≈ 0.025, so v_st,eff = v_A Q/(Q − S) ≈ 1.026 v_A (eq. 8)
        // and f ≈ Q/v_A (eq. 7).
        Assert.Equal(1 / (1 - Math.Pow(0.01, 0.8)), p.Components["v_st_eff_km_s"][0] / vA, 1e-9);
        Assert.InRange(p.Components["v_st_eff_km_s"][0] / vA, 1.0, 1.03);
        Assert.InRange(p.Components["f_over_Q_vA"][0], 0.97, 1.0);
        // Just below p_c, f = (Q − S)/v_A is tiny but still above Q/c; above p_c, f = Q/c and v_st,eff = c.
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double c = PhysicalConstants.SpeedOfLightCmPerS;
        Assert.Equal(c / 1e5, p.Components["v_st_eff_km_s"][2], 1e-6);
        Assert.Equal(1.0, p.ProtonFlux![2] / MeasuredFlux.ProtonFluxPerRigidity(pc * 2, q.Rate(pc * 2) / c), 1e-12);
        // The drop across the cut-off is sharp: f(p_c/100)/f(2 p_c) far exceeds the injection ratio.
        Assert.True(p.ProtonFlux[0] / p.ProtonFlux[2] > 1e3 * Math.Pow(200, 4.3 - 2));
    }

    [Fact]
    public void Figure1_CutoffRigidity_IsHundredsOfGV()
    {
        // Derived value under B.11 (not stated in KQ22): p_c = (Q₀/S₁)^{1/(γ−3.5)} ≈ 241 GeV/c.
        double pc = Predict([1.0]).Components["cutoff_GV"][0];
        Assert.InRange(pc, 200, 300);
    }
}
