using CrInference.Physics.Models;
using CrInference.Physics.Network;

namespace CrInference.Physics.Tests.Network;

/// <summary>The <c>physics</c> preset and the network switches (docs/CONVENTIONS.md, "Species network …").</summary>
public sealed class NetworkSettingsTests
{
    private static readonly TwoPhaseModel Model = new();

    private static IReadOnlyDictionary<string, string> Resolved(Dictionary<string, string> options)
    {
        var (input, error) = Model.Resolve(new Dictionary<string, double>(), options);
        Assert.Null(error);
        return input!.OptionValues;
    }

    [Fact]
    public void Presets_SetEveryDefault_AndTheResolvedValuesAreRecorded()
    {
        var full = Resolved([]);
        Assert.Equal("full", full["physics"]);
        Assert.Equal(("continuous", "true", "cno", "h+he", "dragon2", "true", "all"),
            (full["losses"], full["boron_destruction"], full["boron_parents"], full["target"], full["cross_sections"], full["proton_inelastic"], full["gas"]));
        var paper = Resolved(new() { ["physics"] = "kq22" });
        Assert.Equal(("ionisation", "false", "c", "h", "kq22", "false", "disk"),
            (paper["losses"], paper["boron_destruction"], paper["boron_parents"], paper["target"], paper["cross_sections"], paper["proton_inelastic"], paper["gas"]));
        Assert.Equal(NetworkSettings.Paper, NetworkSettings.Parse(paper).Settings);
    }

    [Fact]
    public void ExplicitOptions_WinOverThePreset()
    {
        var options = Resolved(new() { ["physics"] = "kq22", ["boron_destruction"] = "true", ["losses"] = "continuous" });
        var settings = NetworkSettings.Parse(options).Settings!;
        Assert.True(settings.PaperPhysics);
        Assert.True(settings.Destruction);
        Assert.Equal(LossTreatment.Continuous, settings.Losses);
        Assert.False(settings.OxygenNitrogenParents);
    }

    [Fact]
    public void MeaninglessCombinations_AreRefusedInOneLine()
    {
        var (_, parents) = Model.Resolve(new Dictionary<string, double>(), new Dictionary<string, string> { ["cross_sections"] = "kq22", ["target"] = "h" });
        Assert.Contains("boron_parents=cno needs energy-dependent cross-sections", parents);
        var (_, target) = Model.Resolve(new Dictionary<string, double>(),
            new Dictionary<string, string> { ["physics"] = "kq22", ["target"] = "h+he" });
        Assert.Contains("target=h+he needs cross_sections=dragon2 | galprop-opt12", target);
        Assert.DoesNotContain('\n', target!);
    }
}
