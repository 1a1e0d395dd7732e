using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests;

public sealed class PhenomenologicalModelTests
{
    private static Prediction Predict(Dictionary<string, double> overrides, string losses = "none", double[]? grid = null)
    {
        var model = new PhenomenologicalModel();
        var (input, error) = model.Resolve(overrides, new Dictionary<string, string> { ["losses"] = losses, ["physics"] = "kq22" });
        Assert.Null(error);
        var result = model.Predict(input!, grid ?? [1, 10, 100, 1000]);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    private static double Kappa(double r) => 1e29 * Kinematic.BetaAtRigidity(r, Nucleus.Proton) * Math.Pow(r / 10, 0.5);

    [Fact]
    public void ZeroAlfvenSpeed_IsPureDiffusion_QHOverKappa()
    {
        // v_A → 0 limit of f(0) = (Q/v_A)(1 − e^{−v_A H/κ}): f(0) = Q H/κ (eq. 23 with f(H) = 0).
        var p = Predict(new() { ["v_A_km_s"] = 0 });
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double h = 5 * PhysicalConstants.KiloparsecCm;
        double[] grid = [1, 10, 100, 1000];
        for (int i = 0; i < grid.Length; i++)
        {
            double expected = MeasuredFlux.ProtonFluxPerRigidity(grid[i], q.Rate(grid[i]) * h / Kappa(grid[i]));
            Assert.Equal(1.0, p.ProtonFlux![i] / expected, 1e-12);
        }
        // The limit is continuous: v_A = 1e-8 km/s differs by v_A H/(2κ) ≤ 4e-10 (κ(1 GV) = 2.3e28 cm²/s).
        var tiny = Predict(new() { ["v_A_km_s"] = 1e-8 });
        for (int i = 0; i < grid.Length; i++) Assert.Equal(1.0, tiny.ProtonFlux![i] / p.ProtonFlux![i], 1e-8);
    }

    [Fact]
    public void SmallKappa_IsPureStreaming_QOverVA()
    {
        // κ → 0: f(0) → Q/v_A (v_A H/κ ≫ 1).
        var p = Predict(new() { ["kappa0_cm2_s"] = 1e20, ["v_A_km_s"] = 30 }, grid: [10]);
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double expected = MeasuredFlux.ProtonFluxPerRigidity(10, q.Rate(10) / 3e6);
        Assert.Equal(1.0, p.ProtonFlux![0] / expected, 1e-12);
    }

    [Fact]
    public void BoronToCarbon_PureDiffusion_IsSpallationSpeedTimesHOverKappaB()
    {
        var p = Predict(new() { ["v_A_km_s"] = 0 }, grid: [3]);
        double kappaB = Kappa(3) * Kinematic.BetaAtRigidity(3, Nucleus.Boron11) / Kinematic.BetaAtRigidity(3, Nucleus.Proton);
        double hOverTau = 200 * PhysicalConstants.ParsecCm * 1.25 * 61e-27 * Kinematic.SpeedCmPerS(3, Nucleus.Carbon12);
        double expected = MeasuredFlux.BoronToCarbonSpeedRatio(3) * hOverTau * 5 * PhysicalConstants.KiloparsecCm / kappaB;
        Assert.Equal(1.0, p.BoronToCarbon![0] / expected, 1e-12);
    }

    [Fact]
    public void Break_ChangesKappaSlopeByDeltaDelta()
    {
        // κ ∝ R^δ below R_b and R^{δ+Δδ} well above (smoothness 0.1 in ln R).
        var p = Predict(new() { ["kappa_break_GV"] = 300, ["kappa_break_ddelta"] = -0.2 }, grid: [10, 20, 1e4, 2e4]);
        double[] grid = [10, 20, 1e4, 2e4];
        double[] k = new double[4];
        for (int i = 0; i < 4; i++) k[i] = p.Components["kappa_cm2_s"][i] / Kinematic.BetaAtRigidity(grid[i], Nucleus.Proton);
        Assert.Equal(0.5, Math.Log(k[1] / k[0]) / Math.Log(2), 1e-6);
        Assert.Equal(0.3, Math.Log(k[3] / k[2]) / Math.Log(2), 1e-6);
    }

    [Fact]
    public void Losses_ReduceLowRigidityFluxOnlyAndFollowFluxBalance()
    {
        // f(0) = Q G/(1 + G h/τ_loss): the loss factor equals 1/(1 + G h/τ_loss) with G = f_noloss/Q.
        double[] grid = [0.3, 1000];
        var lossless = Predict(new(), "none", grid);
        var lossy = Predict(new(), "ionisation", grid);
        Assert.True(lossy.ProtonFlux![0] < 0.5 * lossless.ProtonFlux![0]);
        Assert.Equal(1.0, lossy.ProtonFlux[1] / lossless.ProtonFlux[1], 1e-4);
        Assert.Equal(lossy.ProtonFlux[0] / lossless.ProtonFlux[0], lossy.Components["loss_factor"][0], 12);
    }

    [Fact]
    public void LowRigidityBreak_ChangesTheSlopeBelowRlByMinusDeltaDeltaL_AndIsOffWhenTheOptionSaysSo()
    {
        // κ ∝ β R^δ [1 + (R_l/R)^{1/s_l}]^{s_l Δδ_l}: far below R_l the log-slope of κ/β is δ − Δδ_l, far above it δ (E.12).
        var model = new PhenomenologicalModel();
        var overrides = new Dictionary<string, double> { ["kappa_low_break_GV"] = 5, ["kappa_low_break_ddelta"] = 0.4, ["kappa_low_break_smooth"] = 0.05 };
        double[] grid = [0.05, 0.1, 500, 1000];
        (double[] Kappa, double[] Beta) Run(string option)
        {
            var (input, error) = model.Resolve(overrides, new Dictionary<string, string> { ["kappa_low_break"] = option });
            Assert.Null(error);
            var result = model.Predict(input!, grid);
            Assert.True(result.Succeeded, result.Failure);
            return (result.Prediction!.Components["kappa_cm2_s"], grid.Select(r => Kinematic.BetaAtRigidity(r, Nucleus.Proton)).ToArray());
        }
        double Slope((double[] Kappa, double[] Beta) k, int i, int j) =>
            Math.Log(k.Kappa[j] / k.Beta[j] / (k.Kappa[i] / k.Beta[i])) / Math.Log(grid[j] / grid[i]);
        var on = Run("on");
        Assert.Equal(0.5 - 0.4, Slope(on, 0, 1), 1e-6);
        Assert.Equal(0.5, Slope(on, 2, 3), 1e-6);
        var off = Run("off");
        Assert.Equal(0.5, Slope(off, 0, 1), 1e-12);
        Assert.Equal(1.0, on.Kappa[3] / off.Kappa[3], 1e-12);
    }
}
