using CrInference.Core;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests;

public sealed class StratifiedModelTests
{
    private static Prediction Predict(double[] grid, double lambda1 = 0.5, double lambda2 = 1.0, string losses = "ionisation")
    {
        var model = new StratifiedModel();
        var (input, error) = model.Resolve(new Dictionary<string, double> { ["lambda_1"] = lambda1, ["lambda_2"] = lambda2 },
            new Dictionary<string, string> { ["losses"] = losses, ["physics"] = "kq22" });
        Assert.Null(error);
        var result = model.Predict(input!, grid);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    [Theory]
    // Eq. 21 regime: y* = ((λ₁+λ₂)/λ₁ (p/p*)^{γ−3.5})^{1/λ₂} inside (1, z_max/z₀ = 40); for the fiducial that is
    // 5 ≲ R ≲ 500 GV, for λ₁ = λ₂ = 1 it is 8 ≲ R ≲ 830 GV.
    [InlineData(0.5, 1.0, 20, 200)]
    [InlineData(1.0, 1.0, 30, 300)]
    [InlineData(0.5, 2.0, 30, 300)]
    public void Spectrum_InEquation21Regime_HasSlopeMinusGammaMinusLambda1TimesGammaMinus3p5OverLambda2(double l1, double l2, double r1, double r2)
    {
        var p = Predict([r1, r2], l1, l2);
        double slopeF = Math.Log(p.ProtonFlux![1] / p.ProtonFlux[0]) / Math.Log(r2 / r1) - 2;
        Assert.Equal(-4.3 - l1 * (4.3 - 3 - 0.5) / l2, slopeF, 0.05);
    }

    [Fact]
    public void ClosedFormMaximum_MatchesBruteForceLogZGrid()
    {
        // Eq. 18 evaluated on a fine log-z grid (independent of the closed form).
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double vA0 = 1e-6 / Math.Sqrt(4 * Math.PI * 5e-3 * PhysicalConstants.ProtonMassG);
        foreach (double r in new[] { 1.0, 10.0, 50.0, 300.0, 1500.0 })
        {
            double qr = q.Rate(r);
            double s0 = LinearDamping.TurbulentSinkRateForProtons(r, 500 * PhysicalConstants.ParsecCm, 1e-6);
            var (closed, _) = StratifiedModel.MaximumOverHeight(qr, s0, vA0, 0.5, 1.0, 40);
            double best = double.NegativeInfinity;
            for (int i = 0; i <= 200_000; i++)
            {
                double y = Math.Pow(40, i / 200_000.0);
                best = Math.Max(best, (qr - s0 / y) / (vA0 * Math.Sqrt(y)));
            }
            Assert.Equal(1.0, closed / best, 1e-8);
        }
    }

    [Fact]
    public void Thresholds_MatchEquationsTable_AndCutoffIsSetByZMax()
    {
        // EQUATIONS.md §3: S = Q at p* ≈ 20 GeV/c at z₀; z_sc = z_max = 20 kpc at ≈ 2 TeV/c (cut-off).
        var p = Predict([1.0]);
        double pStar = p.Components["pstar_GV"][0];
        double cutoff = p.Components["cutoff_GV"][0];
        Assert.InRange(pStar, 19, 21);
        Assert.InRange(cutoff, 1900, 2100);
        var q = Injection.FromSupernovae(0.01, 1e50, 4.3);
        double s0 = LinearDamping.TurbulentSinkRateForProtons(cutoff, 500 * PhysicalConstants.ParsecCm, 1e-6);
        Assert.Equal(1.0, q.Rate(cutoff) / (s0 / 40), 1e-9);

        // Above the cut-off CRs are not confined: f = Q/c.
        var above = Predict([cutoff * 1.5]);
        double expected = MeasuredFlux.ProtonFluxPerRigidity(cutoff * 1.5, q.Rate(cutoff * 1.5) / PhysicalConstants.SpeedOfLightCmPerS);
        Assert.Equal(1.0, above.ProtonFlux![0] / expected, 1e-6);
        // A larger z_max moves the cut-off up as z_max^{λ₂/(γ−3.5)}.
        var model = new StratifiedModel();
        var (input, _) = model.Resolve(new Dictionary<string, double> { ["z_max_kpc"] = 40 }, new Dictionary<string, string> { ["physics"] = "kq22" });
        double cutoff40 = model.Predict(input!, [1.0]).Prediction!.Components["cutoff_GV"][0];
        Assert.Equal(Math.Pow(2, 1 / 0.8), cutoff40 / cutoff, 1e-9);
    }

    [Fact]
    public void LowRigidity_IsConfinedAtBaseAndStreamsAtBaseAlfvenSpeed()
    {
        // Below p*, the maximum of eq. 18 sits at z₀ and f ≈ (Q − S₀)/v_A0 (eq. 17 at the base).
        var p = Predict([1.0], losses: "none");
        Assert.Equal(0.5, p.Components["z_star_kpc"][0], 12);
        double vA0 = 1e-6 / Math.Sqrt(4 * Math.PI * 5e-3 * PhysicalConstants.ProtonMassG) / 1e5;
        double pStar = p.Components["pstar_GV"][0];
        Assert.Equal(1 / (1 - Math.Pow(1 / pStar, 4.3 - 3.5)), p.Components["v_st_eff_km_s"][0] / vA0, 1e-9);
    }
}
