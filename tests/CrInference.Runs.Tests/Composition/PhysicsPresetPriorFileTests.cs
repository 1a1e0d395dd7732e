using CrInference.Runs.Composition;

namespace CrInference.Runs.Tests.Composition;

/// <summary>A prior file's options: those it leaves out take their default under its <c>physics</c> preset, and what it says wins.</summary>
public sealed class PhysicsPresetPriorFileTests
{
    private const string Head = "model: phenomenological\ndatasets: [ams02-bc-2021]\nparams:\n  gamma_inj: { prior: uniform, min: 4.0, max: 4.6 }\n";

    [Fact]
    public void PaperPreset_SetsThePapersSwitches_ExplicitOptionsWin()
    {
        var paper = CatalogPriorFileSchema.ParseText("priors/x.yaml", Head + "options: { physics: kq22, boron_destruction: 'true' }\n");
        Assert.Equal("kq22", paper.Options["cross_sections"]);
        Assert.Equal("c", paper.Options["boron_parents"]);
        Assert.Equal("ionisation", paper.Options["losses"]);
        Assert.Equal("disk", paper.Options["gas"]);
        Assert.Equal("true", paper.Options["boron_destruction"]);

        var full = CatalogPriorFileSchema.ParseText("priors/x.yaml", Head);
        Assert.Equal("full", full.Options["physics"]);
        Assert.Equal("dragon2", full.Options["cross_sections"]);
        Assert.Equal("continuous", full.Options["losses"]);
    }
}
