using System.Text.Json.Nodes;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Tests.Evidence;

/// <summary>Parallel tempering builds its moves from the one move catalogue: a prior file's <c>sampler.moves</c>
/// is honoured and recorded; without it the library's mix (80 % stretch then 20 % DE) is kept.</summary>
public sealed class TemperingMovesTests
{
    private const string Prior = """
        model: test/gaussian
        params:
          x1: { prior: uniform, min: -10, max: 10 }
          x2: { prior: uniform, min: -10, max: 10 }
        problem: { dimension: 2 }

        """;

    [Fact]
    public async Task Pt_SamplerMoves_AreUsedAndRecordedInTheIdentity()
    {
        using var folder = new TemporaryDirectory();
        string plain = folder.Write("plain.yaml", Prior);
        string stretch = folder.Write("stretch.yaml", Prior + "sampler: { moves: { stretch: 1 } }\n");
        string[] settings = ["--method", "pt", "--temperatures", "4", "--walkers", "8", "--burn-in", "40", "--steps", "60", "--threads", "1"];

        var a = CliRunner.Run(["evidence", plain, "--out", folder.File("a"), .. settings]);
        var b = CliRunner.Run(["evidence", stretch, "--out", folder.File("b"), .. settings]);

        Assert.True(a.Exit == 0, a.Out + a.Error);
        Assert.True(b.Exit == 0, b.Out + b.Error);
        var identityA = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.File("a"), "manifest.json")))!["identity"]!["settings"]!;
        var identityB = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.File("b"), "manifest.json")))!["identity"]!["settings"]!;
        Assert.Equal(0.8, (double)identityA["stretch_weight"]!);
        Assert.Equal(0.2, (double)identityA["de_weight"]!);
        Assert.Null(identityA["moves"]);
        Assert.Equal(1.0, (double)identityB["moves"]!["stretch"]!);
        Assert.Null(identityB["stretch_weight"]);
        // Same seed, same ladder, other moves: the β = 1 chains differ from the first step on.
        var x1A = (await ChainTableReader.ReadAsync(Path.Combine(folder.File("a"), "samples.parquet"))).Values("x1");
        var x1B = (await ChainTableReader.ReadAsync(Path.Combine(folder.File("b"), "samples.parquet"))).Values("x1");
        Assert.Equal(x1A.Length, x1B.Length);
        Assert.NotEqual(x1A, x1B);
    }
}
