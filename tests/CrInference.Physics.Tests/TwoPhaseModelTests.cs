using CrInference.Physics.Transport;
using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;

namespace CrInference.Physics.Tests;

public sealed class TwoPhaseModelTests
{
    private static Prediction Predict(IForwardModel model, double[] grid, Dictionary<string, double>? overrides = null, string losses = "ionisation")
    {
        // The closed-form checks below use the power-law κ stand-in as an analytic handle on κ_turb.
        var options = new Dictionary<string, string> { ["losses"] = losses, ["physics"] = "kq22" };
        if (model.Options.Any(o => o.Name == TurbulentDiffusionCatalog.OptionName)) options[TurbulentDiffusionCatalog.OptionName] = "power-law";
        var (input, error) = model.Resolve(overrides ?? new Dictionary<string, double>(), options);
        Assert.Null(error);
        var result = model.Predict(input!, grid);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    private static readonly double HotAlfvenSpeed = 1e-6 / Math.Sqrt(4 * Math.PI * 3e-3 * PhysicalConstants.ProtonMassG);

    [Fact]
    public void Plateau_AtVEqualsC_IsEquationsTableValue()
    {
        // EQUATIONS.md §3: h/(v_A τ_spall) = 0.354 at v = c for v_A(hot) = 39.8 km/s, n = 1.25 cm⁻³, σ = 61 mb, h = 200 pc.
        // The model's low-R B/C is the halo term (v_B/v_C) h n σ v_C/v_A (κ0 = 1e33: the warm term is 1.2e-5 of it; at
        // 0.5 GV the NLLD correction (a/(r − z_W))^s ≈ 1e-5), so the model divided by v_B/c is the plateau at v = c.
        const double r = 0.5;
        var p = Predict(new TwoPhaseModel(), [r], new Dictionary<string, double> { ["kappa0_cm2_s"] = 1e33 });
        double boronOverLight = MeasuredFlux.BoronToCarbonSpeedRatio(r) * Kinematic.SpeedCmPerS(r, Nucleus.Carbon12) / PhysicalConstants.SpeedOfLightCmPerS;
        Assert.Equal(0.354, p.BoronToCarbon![0] / boronOverLight, 0.0006);
    }

    [Fact]
    public void BoronToCarbon_LowRigidity_EqualsHotIsmPlateau()
    {
        // KQ22 §4.2: at low R the B/C is set by Alfvénic escape from the hot ISM, (v_B/v_C) h/(v_A τ_spall(R)).
        // With the power-law κ at 1e33 cm²/s the warm term (z_W v_A/κ)(v_p/v_B) is 1.2e-5 of the halo term;
        // at 0.5 GV (a/(r − z_W))^s ≈ 1e-5.
        var p = Predict(new TwoPhaseModel(), [0.5], new Dictionary<string, double> { ["kappa0_cm2_s"] = 1e33 });
        double r = 0.5;
        double hOverTau = 200 * PhysicalConstants.ParsecCm * 1.25 * 61e-27 * Kinematic.SpeedCmPerS(r, Nucleus.Carbon12);
        double plateau = MeasuredFlux.BoronToCarbonSpeedRatio(r) * hOverTau / HotAlfvenSpeed;
        Assert.Equal(1.0, p.BoronToCarbon![0] / plateau, 1e-3);
        Assert.Equal(1.0, p.Components["bc_halo"][0] / plateau, 1e-4);
    }

    [Fact]
    public void Components_AddUpToTotals()
    {
        double[] grid = [0.5, 3, 30, 300, 3000];
        var p = Predict(new TwoPhaseModel(), grid);
        for (int i = 0; i < grid.Length; i++)
        {
            Assert.Equal(1.0, (p.Components["proton_flux_warm"][i] + p.Components["proton_flux_halo"][i]) / p.ProtonFlux![i], 1e-12);
            Assert.Equal(1.0, (p.Components["bc_warm"][i] + p.Components["bc_halo"][i]) / p.BoronToCarbon![i], 1e-12);
        }
    }

    [Fact]
    public void HighRigidity_BoronToCarbon_TendsToWarmTerm()
    {
        // Eq. 32: at high R the warm ISM sets B/C ≈ (h/τ_spall) z_W/κ = 1.41e6 cm/s × 0.5 kpc / 3e28 cm²/s ≈ 0.0725.
        var p = Predict(new TwoPhaseModel(), [1e5]);
        double expected = 200 * PhysicalConstants.ParsecCm * 1.25 * 61e-27 * PhysicalConstants.SpeedOfLightCmPerS
            * 0.5 * PhysicalConstants.KiloparsecCm / 3e28;
        Assert.Equal(expected, p.BoronToCarbon![0], 1e-4);
        Assert.Equal(0.0725, p.BoronToCarbon[0], 0.001);
    }

    [Fact]
    public void NoWarmLayer_TwoPhaseReducesToHaloOnlyAndNlld()
    {
        // z_W → 0: eqs. 29–33 become eqs. 14/16 and 30 at z = 0 (z_W ≥ h: a thin disk of the same tiny h in every model).
        double[] grid = [1, 10, 100, 1000];
        var thinDisk = new Dictionary<string, double> { ["disk_h_pc"] = 1e-10 };
        var two = Predict(new TwoPhaseModel(), grid, new Dictionary<string, double> { ["z_w_kpc"] = 1e-12, ["disk_h_pc"] = 1e-10 });
        var halo = Predict(new HaloOnlyModel(), grid, thinDisk);
        var nlld = Predict(new NlldModel(), grid, thinDisk);
        for (int i = 0; i < grid.Length; i++)
        {
            Assert.Equal(1.0, two.ProtonFlux![i] / halo.ProtonFlux![i], 1e-9);
            Assert.Equal(1.0, two.BoronToCarbon![i] / halo.BoronToCarbon![i], 1e-9);
            Assert.Equal(halo.ProtonFlux[i], nlld.ProtonFlux![i]);
        }
    }

    [Fact]
    public void WarmOnly_BoronToCarbon_IsTheWarmComponent()
    {
        // No boron losses: the first term of eq. 31 is the same with or without the halo above.
        double[] grid = [2, 20, 200];
        var two = Predict(new TwoPhaseModel(), grid);
        var warm = Predict(new WarmOnlyModel(), grid);
        for (int i = 0; i < grid.Length; i++) Assert.Equal(1.0, warm.BoronToCarbon![i] / two.Components["bc_warm"][i], 1e-12);
    }

    [Fact]
    public void TurbulenceEverywhere_BoronToCarbon_IsSpallationSpeedTimesHOverKappaB()
    {
        // Eq. 23 with f(H) = 0: B/C = (v_B/v_C)(h/τ_spall) H/κ_B, κ_B = κ v_B/v_p.
        double r = 5;
        var p = Predict(new TurbulenceEverywhereModel(), [r]);
        double kappa = 1e29;
        double kappaB = kappa * Kinematic.BetaAtRigidity(r, Nucleus.Boron11) / Kinematic.BetaAtRigidity(r, Nucleus.Proton);
        double hOverTau = 200 * PhysicalConstants.ParsecCm * 1.25 * 61e-27 * Kinematic.SpeedCmPerS(r, Nucleus.Carbon12);
        double expected = MeasuredFlux.BoronToCarbonSpeedRatio(r) * hOverTau * 5 * PhysicalConstants.KiloparsecCm / kappaB;
        Assert.Equal(1.0, p.BoronToCarbon![0] / expected, 1e-12);
    }

    [Theory]
    [InlineData(0.15, 10, "z_w_kpc must be >= disk_h_pc")]   // the warm layer contains the disk (h = 200 pc)
    [InlineData(12, 10, "halo_r_kpc must exceed z_w_kpc")]
    public void ImpossibleGeometry_FailsCleanly(double warmHeightKpc, double haloRadiusKpc, string reason)
    {
        var model = new TwoPhaseModel();
        var (input, _) = model.Resolve(new Dictionary<string, double> { ["z_w_kpc"] = warmHeightKpc, ["halo_r_kpc"] = haloRadiusKpc });
        var result = model.Predict(input!, [1.0]);
        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Failure);
    }
}
