using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Plasma;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Tests;

public sealed class TurbulentDiffusionTests
{
    private static readonly TurbulenceSpec Warm = new(PlasmaState.FromMicrogauss(0.2, 1e4, 6), 0.6, 1.5e20);

    [Fact]
    public void PowerLaw_ComputesKappa0TimesPowerLaw_WithOptionalBeta()
    {
        double[] r = [0.5, 100, 1e4];
        var kappa = new double[3];
        Assert.Null(new PowerLawDiffusion(3e28, 100, 0.3, betaFactor: false).Compute(Warm, r, kappa));
        for (int i = 0; i < 3; i++) Assert.Equal(1.0, kappa[i] / (3e28 * Math.Pow(r[i] / 100, 0.3)), 1e-14);
        Assert.Null(new PowerLawDiffusion(3e28, 100, 0.3, betaFactor: true).Compute(Warm, r, kappa));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1.0, kappa[i] / (3e28 * Math.Pow(r[i] / 100, 0.3) * Kinematic.BetaAtRigidity(r[i], Nucleus.Proton)), 1e-14);
        }
    }

    [Fact]
    public void PowerLaw_ExtremeBreak_NeverOverflows()
    {
        var k = new PowerLawDiffusion(1e28, 1, 0.5, false, 1e-3, 1.0, 1e-3);
        Assert.True(double.IsFinite(k.At(1e5)));
        Assert.Equal(1.0, k.At(1e5) / (1e28 * Math.Pow(1e5, 0.5) * (1e5 / 1e-3)), 1e-9);
    }

    [Fact]
    public void Catalog_CreatesTheKindNamedByTheKappaOption()
    {
        var model = new TwoPhaseModel();
        var (input, error) = model.Resolve(new Dictionary<string, double> { ["kappa_delta"] = 0.2 },
            new Dictionary<string, string> { ["kappa"] = "power-law-beta" });
        Assert.Null(error);
        var (diffusion, createError) = TurbulentDiffusionCatalog.Create(input!);
        Assert.Null(createError);
        var powerLaw = Assert.IsType<PowerLawDiffusion>(diffusion);
        Assert.True(powerLaw.BetaFactor);
        Assert.Equal(0.2, powerLaw.Slope);
        Assert.Equal("power-law-beta", powerLaw.Name);
    }

    [Fact]
    public void Catalog_UnknownKind_GivesOneLineReason()
    {
        var input = new ModelInput(new Dictionary<string, double>(), new Dictionary<string, string> { ["kappa"] = "nope" });
        var (diffusion, error) = TurbulentDiffusionCatalog.Create(input);
        Assert.Null(diffusion);
        Assert.Contains("power-law", error);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public void Catalog_ModelsTakingKappa_ListEveryKindAndItsParameters()
    {
        IForwardModel[] models = [new TwoPhaseModel(), new WarmOnlyModel(), new TurbulenceEverywhereModel()];
        foreach (var model in models)
        {
            var option = model.Options.Single(o => o.Name == TurbulentDiffusionCatalog.OptionName);
            Assert.Equal(TurbulentDiffusionCatalog.Entries.Select(e => e.Name), option.Allowed);
            foreach (var p in TurbulentDiffusionCatalog.Entries.SelectMany(e => e.Parameters))
            {
                Assert.Contains(model.Parameters, q => q.Name == p.Name);
            }
        }
        // Per-model fiducial overrides: turbulence-everywhere's halo κ₀ is 1e29, two-phase's 3e28.
        Assert.Equal(1e29, new TurbulenceEverywhereModel().Parameters.Single(p => p.Name == "kappa0_cm2_s").Fiducial);
        Assert.Equal(3e28, new TwoPhaseModel().Parameters.Single(p => p.Name == "kappa0_cm2_s").Fiducial);
    }
}
