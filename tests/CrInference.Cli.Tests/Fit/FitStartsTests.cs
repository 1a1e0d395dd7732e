using System.Text.Json.Nodes;
using CrInference.Cli.Tests.Pipelines;

namespace CrInference.Cli.Tests.Fit;

/// <summary>
/// <c>sampler.starts: optimize</c>: the walkers start at the ends of a multi-start local optimisation's searches instead
/// of the <c>ref</c> balls (a two-peak target where that matters: <c>ModeSearchTests</c>). Here a 2-D Gaussian of width
/// 0.001 at (2, 2) in the box [−10, 10]², with the ref balls 10 000 widths away at (−8, −8): started at the search's point,
/// the posterior mean is the Gaussian's, and the chain's bytes do not depend on the thread count.
/// </summary>
public sealed class FitStartsTests
{
    private static string Prior(string starts) => $$"""
        model: test/gaussian
        params:
          x1: { prior: uniform, min: -10, max: 10, ref: { mean: -8, sigma: 0.001 } }
          x2: { prior: uniform, min: -10, max: 10, ref: { mean: -8, sigma: 0.001 } }
        problem: { dimension: 2, mean: 2, sigma: 0.001 }
        sampler: { walkers: 8, steps: 200, seed: 3{{starts}} }
        """;

    private static double Mean(string run, int parameter) =>
        (double)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!["parameters"]![parameter]!["mean"]!;

    [Fact]
    public void OptimizeStarts_StartAtTheMode_AndTheChainDoesNotDependOnThreads()
    {
        using var folder = new TemporaryDirectory();
        string refStarts = folder.Write("ref.yaml", Prior(""));
        string optimize = folder.Write("opt.yaml", Prior(", starts: optimize"));

        var fromRef = CliRunner.Run("fit", refStarts, "--out", folder.File("ref"), "--threads", "1");
        var one = CliRunner.Run("fit", optimize, "--out", folder.File("one"), "--threads", "1");
        var two = CliRunner.Run("fit", optimize, "--out", folder.File("two"), "--threads", "2");

        Assert.True(fromRef.Exit == 0 && one.Exit == 0 && two.Exit == 0, fromRef.Error + one.Error + two.Error);
        // 8 walkers × ≥ 100 kept steps of a Gaussian with sigma 0.001: the mean is within a few 1e-4 of 2.
        Assert.Equal(2.0, Mean(folder.File("one"), 0), 1e-3);
        Assert.Equal(2.0, Mean(folder.File("one"), 1), 1e-3);
        Assert.Contains("starts: 8 prior draws polished by Nelder-Mead", one.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.File("one"), "chains.parquet")), File.ReadAllBytes(Path.Combine(folder.File("two"), "chains.parquet")));
        var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.File("one"), "manifest.json")))!["sampler"]!;
        Assert.StartsWith("optimize:", (string)sampler["starts"]!, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(folder.File("ref"), "manifest.json")))!["sampler"]!["starts"]);
    }

    [Fact]
    public void UnknownStarts_IsRefusedWithTheFileLineAndChoices()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("bad.yaml", Prior(", starts: best"));

        var result = CliRunner.Run("fit", prior, "--out", folder.File("o"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("bad.yaml:6: sampler.starts: 'best' is not a start (one of: ref, optimize)", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("o")));
    }
}
