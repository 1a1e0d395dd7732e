using System.Text.Json.Nodes;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Tests.Evidence;

/// <summary><c>crinf evidence</c> on the reference problems of <c>priors/tests/</c>, whose evidences are exact.</summary>
public sealed class EvidenceEndToEndTests
{
    private static readonly string[] Columns = ["chain", "draw", "x1", "x2", "x3", "log_prior", "log_likelihood", "log_posterior", "accepted", "weight"];

    [Fact]
    public async Task Nested_Gaussian3d_RecoversTheExactEvidenceAndWritesTheRunFolder()
    {
        using var folder = new TemporaryDirectory();
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--out", run, "--threads", "2");

        Assert.True(exit == 0, stdout + stderr);
        // The prior file's stated value is -3 ln 20.
        Assert.Equal(-8.98720, EvidenceTestSupport.Gaussian3dLogZ, 5);
        var evidence = EvidenceTestSupport.EvidenceOf(run);
        double logZ = (double)evidence["log_z"]!, sigma = (double)evidence["log_z_err"]!;
        Assert.Equal("nested", (string?)evidence["method"]);
        Assert.True(sigma <= 0.15, $"sigma {sigma}");
        Assert.True(Math.Abs(logZ - EvidenceTestSupport.Gaussian3dLogZ) <= 3 * sigma, $"ln Z {logZ} ± {sigma}, exact {EvidenceTestSupport.Gaussian3dLogZ}");
        Assert.Equal(EvidenceTestSupport.Gaussian3dLogZ, (double)evidence["exact_log_z"]!, 12);
        // σ = √(H/n) with n = 500 live points (the prior file's nested.live).
        Assert.Equal(Math.Sqrt((double)evidence["information_nats"]! / 500), sigma, 12);
        Assert.True((long)evidence["likelihood_calls"]! > 500);
        Assert.True((double)evidence["wall_seconds"]! > 0);
        foreach (string file in new[] { "manifest.json", "prior.yaml", "samples.parquet", "summary.md", "summary.json", "corner.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }
        Assert.False(File.Exists(Path.Combine(run, "checkpoint-nested.json")), "the checkpoint is removed once the run is complete");
        Assert.Equal(File.ReadAllText(TestRepository.PathOf("priors/tests/gaussian-3d.yaml")), File.ReadAllText(Path.Combine(run, "prior.yaml")));

        var table = await ChainTableReader.ReadAsync(Path.Combine(run, "samples.parquet"));
        Assert.Equal(Columns, table.Columns.Select(c => c.Name));
        Assert.Equal((long)evidence["dead_points"]!, table.RowCount);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "manifest.json")).TrimEnd('\n'), table.Manifest);
        var weights = table.Values("weight");
        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.All(table.Values("log_prior"), v => Assert.Equal(-3 * Math.Log(20), v, 12));
        // The weighted marginals are the likelihood's: mean 0, sd 1 (within 5 Monte-Carlo σ of the Kish ESS).
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        double ess = (double)summary["samples"]!["effective_sample_size"]!;
        Assert.True(ess > 1000, $"ESS {ess}");
        foreach (var p in summary["parameters"]!.AsArray())
        {
            Assert.InRange((double)p!["mean"]!, -5 / Math.Sqrt(ess), 5 / Math.Sqrt(ess));
            Assert.InRange((double)p["sd"]!, 1 - 5 / Math.Sqrt(2 * ess), 1 + 5 / Math.Sqrt(2 * ess));
        }
        // The summary's mean is the weighted column mean of the file.
        double expected = table.Values("x1").Zip(weights, (x, w) => x * w).Sum();
        Assert.Equal(expected, (double)summary["parameters"]![0]!["mean"]!, 10);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!;
        Assert.Equal("crinference-evidence-manifest/1", (string?)manifest["format"]);
        Assert.Equal("nested", (string?)manifest["identity"]!["method"]);
        Assert.Equal(500, (int)manifest["identity"]!["settings"]!["live"]!);
        Assert.Contains("ln Z = ", File.ReadAllText(Path.Combine(run, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_GaussianShell2d_RecoversTheExactEvidence()
    {
        using var folder = new TemporaryDirectory();
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-shell-2d.yaml"), "--out", run, "--threads", "2");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(-1.7456, EvidenceTestSupport.GaussianShell2dLogZ, 4);
        var evidence = EvidenceTestSupport.EvidenceOf(run);
        double logZ = (double)evidence["log_z"]!, sigma = (double)evidence["log_z_err"]!;
        Assert.True(sigma <= 0.15, $"sigma {sigma}");
        Assert.True(Math.Abs(logZ - EvidenceTestSupport.GaussianShell2dLogZ) <= 3 * sigma, $"ln Z {logZ} ± {sigma}, exact {EvidenceTestSupport.GaussianShell2dLogZ}");
    }

    [Fact]
    public async Task Pt_ConjugateGaussian_RecoversTheClosedFormByBothEstimators()
    {
        using var folder = new TemporaryDirectory();
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/conjugate-gaussian-5d.yaml"), "--method", "pt", "--out", run, "--threads", "2");

        Assert.True(exit == 0, stdout + stderr);
        // The prior file states ln Z = 5 ln N(0.5; 0, 1.04) = -5.2937.
        Assert.Equal(-5.2937, EvidenceTestSupport.ConjugateLogZ, 4);
        var evidence = EvidenceTestSupport.EvidenceOf(run);
        Assert.Equal("pt", (string?)evidence["method"]);
        double ti = (double)evidence["log_z"]!, tiSigma = (double)evidence["log_z_err"]!;
        double ss = (double)evidence["log_z_stepping_stone"]!, ssSigma = (double)evidence["log_z_stepping_stone_err"]!;
        Assert.True(tiSigma <= 0.15 && ssSigma <= 0.15, $"sigmas {tiSigma}, {ssSigma}");
        Assert.True(Math.Abs(ti - EvidenceTestSupport.ConjugateLogZ) <= 3 * tiSigma, $"TI {ti} ± {tiSigma}");
        Assert.True(Math.Abs(ss - EvidenceTestSupport.ConjugateLogZ) <= 3 * ssSigma, $"SS {ss} ± {ssSigma}");
        Assert.True((bool)evidence["errors_trusted"]!);
        var ladder = evidence["ladder"]!.AsObject();
        int k = (int)evidence["temperatures"]!;
        Assert.Equal(13, k);   // min(32, 4 + ceil(4 sqrt 5)): the library default for a test problem
        Assert.Equal(1.0, (double)ladder["betas"]![0]!);
        Assert.Equal(k - 1, ladder["swap_acceptance"]!.AsArray().Count);
        // samples.parquet: the β = 1 chain of the production steps, weight 1.
        var table = await ChainTableReader.ReadAsync(Path.Combine(run, "samples.parquet"), ["weight", "draw"]);
        Assert.Equal(2000L * 32, table.RowCount);
        Assert.All(table.Values("weight"), w => Assert.Equal(1.0, w));
        Assert.Equal(1000, table.Values("draw")[0]);
    }
}
