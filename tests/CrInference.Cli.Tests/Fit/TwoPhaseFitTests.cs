using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Tests.Fit;

/// <summary>The README's fit, <c>priors/two-phase.yaml</c>, for a few steps: every column present and finite.</summary>
public sealed class TwoPhaseFitTests
{
    private static readonly string[] Datasets = ["ams02-bc-2021", "ams02-p-2021", "voyager1-h-2016"];

    [Fact]
    public async Task Fit_TwoPhaseFewSteps_WritesFiniteLikelihoodsForEveryDatasetAndAManifestWithDataHashes()
    {
        using var folder = new TemporaryDirectory();
        string prior = TestRepository.PathOf("priors/two-phase.yaml");
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("fit", prior, "--out", run, "--walkers", "28", "--steps", "30", "--threads", "2");

        Assert.True(exit == 0, stdout + stderr);
        var table = await ChainTableReader.ReadAsync(Path.Combine(run, "chains.parquet"));
        string[] free = ["gamma_inj", "warm_n_cm3", "warm_T_K", "warm_mach_a", "z_w_kpc", "hot_n_cm3", "hot_T_K", "e_cr_per_sn_erg", "disk_n_cm3", "xs_prod_norm", "xs_prod_slope", "xs_inel_norm", "phi_ams02_2011_2018_GV"];
        Assert.Equal(
            ["chain", "draw", .. free, "log_prior", "log_likelihood", "log_posterior", .. Datasets.Select(d => "log_likelihood__" + d), "accepted"],
            table.Columns.Select(c => c.Name));
        Assert.Equal(28 * 30, table.RowCount);
        var total = table.Values("log_likelihood");
        var parts = Datasets.Select(d => table.Values("log_likelihood__" + d)).ToArray();
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.True(double.IsFinite(total[r]), $"row {r}: log_likelihood {total[r]}");
            double sum = 0;
            foreach (var part in parts)
            {
                Assert.True(double.IsFinite(part[r]));
                sum += part[r];
            }
            Assert.Equal(total[r], sum, 1e-9 * Math.Abs(total[r]));
        }
        Assert.All(table.Values("hot_n_cm3"), v => Assert.InRange(v, 1e-4, 1e-2));

        var manifest = JsonNode.Parse(table.Manifest!)!;
        var datasets = manifest["datasets"]!.AsArray();
        Assert.Equal(Datasets, datasets.Select(d => (string)d!["id"]!));
        foreach (var d in datasets)
        {
            string file = TestRepository.PathOf((string)d!["file"]!);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), (string)d["sha256"]!);
        }
        Assert.Equal("R >= 6 GV", (string)datasets[1]!["cut"]!);
        Assert.Equal(56, (int)datasets[1]!["points_used"]!);
        var conventions = manifest["model"]!["conventions"]!.AsObject();
        Assert.True(conventions.ContainsKey("A.1") && conventions.ContainsKey("D.31"), "the manifest must carry the model's and the likelihood's conventions");
        Assert.Equal("fast-modes", (string)manifest["model"]!["options"]!["kappa"]!);
        Assert.Equal(0.0, (double)manifest["fixed"]!["solar_phi_GV"]!);
        Assert.Equal(28, (int)manifest["command_line_overrides"]!["walkers"]!);
        Assert.Null(manifest["sampler"]!["threads"]);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        foreach (var d in summary["datasets"]!.AsArray())
        {
            Assert.True((double)d!["chi2_best_fit"]! > 0);
        }
        Assert.Equal(56 + 56 + 15 - 13, (int)summary["best_fit"]!["dof"]!);
        string markdown = File.ReadAllText(Path.Combine(run, "summary.md"));
        Assert.Contains("| `hot_n_cm3` | cm^-3 | log-uniform [0.0001, 0.01] |", markdown, StringComparison.Ordinal);
        Assert.Contains("χ²/dof", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_DataFileChanged_IsRefusedNamingTheFile()
    {
        using var folder = new TemporaryDirectory();
        string prior = TestRepository.PathOf("priors/two-phase.yaml");
        string run = folder.File("run");
        Assert.Equal(0, CliRunner.Run("fit", prior, "--out", run, "--walkers", "28", "--steps", "5", "--threads", "1").Exit);
        // Pretend the run was made with another proton table: its recorded hash no longer matches the file.
        string path = Path.Combine(run, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["identity"]!["data_sha256"]!["ams02-p-2021"] = "sha256:0000";
        manifest["identity_hash"] = "sha256:1111";
        File.WriteAllText(path, manifest.ToJsonString());

        var (exit, _, stderr) = CliRunner.Run("fit", prior, "--out", run, "--resume");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: cannot resume ", stderr, StringComparison.Ordinal);
        Assert.Contains("data file data/ams02_proton_flux_physrep2021.csv changed since the run started", stderr, StringComparison.Ordinal);
    }
}
