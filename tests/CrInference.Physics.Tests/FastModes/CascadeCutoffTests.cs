using CrInference.Physics.FastModes;

namespace CrInference.Physics.Tests.FastModes;

public sealed class CascadeCutoffTests
{
    private static FastModePlasma Plasma(string preset)
    {
        Assert.Null(FastModePlasma.TryCreate(FastModePresets.ByName(preset)!, out var p));
        return p!;
    }

    [Fact]
    public void Presets_ReproduceTheDerivedPlasmaNumbers()
    {
        // EQUATIONS.md §3: v_A = 41 / 414 / 29 km/s and β ≈ 0.19 for Figure 3 warm / halo and §4.2 warm.
        Assert.Equal(41.4, Plasma("fig3-warm").AlfvenSpeed / 1e5, 0.5);
        Assert.Equal(414, Plasma("fig3-halo").AlfvenSpeed / 1e5, 2.0);
        Assert.Equal(29.3, Plasma("fig5-warm").AlfvenSpeed / 1e5, 0.5);
        foreach (string name in FastModePresets.Names) Assert.Equal(0.19, Plasma(name).Beta, 0.01);
        // KQ22 §3: l_mfp ~ 1e13 cm in the warm ISM.
        Assert.InRange(Plasma("fig3-warm").MeanFreePath, 5e12, 5e13);
    }

    [Fact]
    public void LogRatio_EqualsTheRatesOfA4A5A6()
    {
        // Independent transcription of A4 (τ⁻¹ = ℳ_A² v_A x^{1/2}/L), A5 (ν_B k²⟨sin²⟩/6) and A6 (⟨h⟩ k v_A).
        var p = Plasma("fig3-warm");
        var cut = new CascadeCutoff(p, FastModeVariant.Isotropic, exactWindows: true);
        double x = 3e6, theta = 0.3, ma = p.AlfvenMach;
        double lambda = 1 / (ma * ma * Math.Sqrt(x));
        double delta = Math.Sqrt(Math.Cos(theta) * lambda + Math.Pow(Math.Sin(theta) * lambda, 2.0 / 3));
        double sin2 = AdaptiveQuadrature.Integrate(t => Math.Sin(t) * Math.Sin(t), theta - delta, theta + delta, 1e-13) / (2 * delta);
        double cascade = ma * ma * Math.Sqrt(x);
        double viscous = p.ViscosityHat * x * x * sin2 / 6;
        Assert.Equal(Math.Log(viscous / cascade), cut.LogRatio(x, theta, true), 1e-9);
        double me = FastModePlasma.ElectronProtonMassRatio, beta = p.Beta;
        double H(double t)
        {
            double c = Math.Abs(Math.Cos(t)), s = Math.Sin(t);
            return Math.Sqrt(Math.PI * beta) * s * s / (4 * c) * (Math.Sqrt(me) * Math.Exp(-me / (beta * c * c)) + 5 * Math.Exp(-1 / (beta * c * c)));
        }
        double coll = x * AdaptiveQuadrature.Integrate(H, theta - delta, theta + delta, 1e-13) / (2 * delta);
        Assert.Equal(Math.Log(coll / cascade), cut.LogRatio(x, theta, false), 1e-8);
    }

    [Fact]
    public void MaxWavenumber_SatisfiesTheSwitchRuleAfterA7()
    {
        // Warm ISM: oblique modes die viscously inside the collisional range (k∥ < x_c); quasi-parallel modes
        // reach the collisionless range and there, at the crossing, collisionless damping equals the cascade rate.
        var p = Plasma("fig3-warm");
        var cut = new CascadeCutoff(p, FastModeVariant.Isotropic);
        var (xv, bv) = cut.MaxWavenumber(1.0);
        Assert.Equal(CutoffBranch.Viscous, bv);
        Assert.True(xv * Math.Cos(1.0) < p.ParallelSwitch);
        Assert.Equal(0, cut.LogRatio(xv, 1.0, true), 1e-8);
        var (xc, bc) = cut.MaxWavenumber(0.05);
        Assert.Equal(CutoffBranch.Collisionless, bc);
        Assert.True(xc * Math.Cos(0.05) > p.ParallelSwitch);
        Assert.Equal(0, cut.LogRatio(xc, 0.05, false), 1e-8);
        // Halo (x_c ≈ 5): just below θ* a mode turns collisionless already over-damped → k_max,∥ = x_c exactly.
        var halo = Plasma("fig3-halo");
        var hc = new CascadeCutoff(halo, FastModeVariant.Isotropic);
        bool found = false;
        for (double t = 1.3; t < 1.5707; t += 0.002)
        {
            var (x, b) = hc.MaxWavenumber(t);
            if (b != CutoffBranch.SwitchScale) continue;
            Assert.Equal(halo.ParallelSwitch, x * Math.Cos(t), 1e-9 * halo.ParallelSwitch);
            found = true;
        }
        Assert.True(found || hc.Classify(1.46) != CutoffBranch.SwitchScale);
    }

    [Fact]
    public void ConeTable_AgreesWithDirectSolvesAndWithMaxWavenumber()
    {
        foreach (string name in FastModePresets.Names)
        {
            var p = Plasma(name);
            var cut = new CascadeCutoff(p, FastModeVariant.Isotropic);
            var cone = new ConeTable(cut, 10, 1e12, 0.125);
            foreach (double y in new[] { 30.0, 3e3, 1e5, 7e5, 4e6, 2e7, 1e9, 5e11 })
            {
                double table = Math.Exp(cone.LnAngle(Math.Log(y)));
                double direct = cone.SolveAngle(y);
                Assert.Equal(1.0, table / direct, 5e-4);
                // The cone edge is where the mode with k∥ = y sits at k_max(θ).
                double theta = direct;
                if (theta > 1e-6 && theta < 1.57)
                {
                    double xmax = cut.MaxWavenumber(theta * (1 - 1e-7)).X;
                    Assert.True(xmax >= y / Math.Cos(theta) * (1 - 1e-5), $"{name} y={y}");
                }
            }
        }
    }

    [Fact]
    public void MinimumAngle_IsTheFixedPointOfTheWandering()
    {
        var p = Plasma("fig3-warm");
        foreach (var w in new[] { AnisotropicWandering.Alfvenic, AnisotropicWandering.FastMode })
        {
            var cut = new CascadeCutoff(p, FastModeVariant.Anisotropic, w);
            foreach (double x in new[] { 1e3, 1e6, 1e9 })
            {
                double t = cut.MinimumAngle(x);
                double delta = FieldLineWandering.Anisotropic(x, t, p.AlfvenMach, w);
                Assert.Equal(t, delta, 1e-10);
            }
        }
        // Isotropic: θ_min = eq. 27 = [ℳ_A²(kL)^{1/2}]^{−1/2}.
        var iso = new CascadeCutoff(p, FastModeVariant.Isotropic);
        Assert.Equal(1e-2, iso.MinimumAngle(1e8), 1e-15);
    }
}
