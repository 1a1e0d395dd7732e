using System.Text.Json.Nodes;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Tests.Fit;

/// <summary><c>crinf fit</c> through the CLI entry on the analytic <c>test/gaussian</c>.</summary>
public sealed class FitEndToEndTests
{
    private static readonly string[] Columns = ["chain", "draw", "x1", "x2", "x3", "log_prior", "log_likelihood", "log_posterior", "accepted"];

    [Fact]
    public async Task Fit_TestGaussian_ChainsHoldTheColumnsAndTheAnalyticPosterior()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", FitPriorFiles.Gaussian(walkers: 32, steps: 1500));
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("fit", prior, "--out", run, "--threads", "2");

        Assert.True(exit == 0, stdout + stderr);
        var table = await ChainTableReader.ReadAsync(Path.Combine(run, "chains.parquet"));
        Assert.Equal(Columns, table.Columns.Select(c => c.Name));
        Assert.Equal(["int32", "int64", "double", "double", "double", "double", "double", "double", "boolean"], table.Columns.Select(c => c.TypeName));
        Assert.Equal(32 * 1500, table.RowCount);
        Assert.Equal(Enumerable.Repeat(32L * 100, 15), table.RowGroupRowCounts);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "manifest.json")).TrimEnd('\n'), table.Manifest);
        // Row s·W + w of the file is walker w at step s.
        var chain = table.Values("chain");
        var draw = table.Values("draw");
        Assert.Equal(31, chain[31]);
        Assert.Equal(1, draw[32]);
        Assert.Equal(1499, draw[^1]);
        var logPrior = table.Values("log_prior");
        var logLikelihood = table.Values("log_likelihood");
        var logPosterior = table.Values("log_posterior");
        double boxDensity = -3 * Math.Log(22);   // three uniform priors of width 22
        Assert.All(logPrior, v => Assert.Equal(boxDensity, v, 12));
        for (int r = 0; r < table.RowCount; r += 997) Assert.Equal(logPrior[r] + logLikelihood[r], logPosterior[r]);

        // Posterior moments against the analytic marginals N(1, 2²), within 3 Monte-Carlo σ
        // (σ_mean = sd/√ESS, σ_sd = sd/√(2 ESS) for a Gaussian), with the ESS the summary reports.
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        foreach (var p in summary["parameters"]!.AsArray())
        {
            double mean = (double)p!["mean"]!, sd = (double)p["sd"]!, ess = (double)p["ess"]!;
            Assert.True(ess > 500, $"{p["name"]}: ESS {ess}");
            Assert.InRange(mean, FitPriorFiles.Mean - 3 * FitPriorFiles.Sigma / Math.Sqrt(ess), FitPriorFiles.Mean + 3 * FitPriorFiles.Sigma / Math.Sqrt(ess));
            Assert.InRange(sd, FitPriorFiles.Sigma * (1 - 3 / Math.Sqrt(2 * ess)), FitPriorFiles.Sigma * (1 + 3 / Math.Sqrt(2 * ess)));
        }
        // The summary's mean is the file's column mean after the burn-in it states.
        int burn = (int)summary["burn_in"]!["steps_discarded"]!;
        double expected = table.Values("x1").Skip(burn * 32).Average();
        Assert.Equal(expected, (double)summary["parameters"]![0]!["mean"]!, 10);
        Assert.Contains("wrote", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThreadsOneAndTwo_WriteIdenticalFiles()
    {
        // A physics posterior (phenomenological model, ~0.2 ms per likelihood call by `./crinf bench likelihood`) puts a
        // half-ensemble of 8 walkers (~1.6 ms) far above the kernel's 200 µs parallel threshold, so --threads 2 really
        // evaluates walkers in parallel; an analytic test problem (~1 µs per call) would always run serially.
        using var folder = new TemporaryDirectory();
        string prior = TestRepository.PathOf("priors/paper/phenomenological.yaml");

        var one = CliRunner.Run("fit", prior, "--out", folder.File("one"), "--walkers", "16", "--steps", "30", "--threads", "1");
        var two = CliRunner.Run("fit", prior, "--out", folder.File("two"), "--walkers", "16", "--steps", "30", "--threads", "2");

        Assert.True(one.Exit == 0, one.Error);
        Assert.True(two.Exit == 0, two.Error);
        Assert.Equal(File.ReadAllBytes(folder.File("one/chains.parquet")), File.ReadAllBytes(folder.File("two/chains.parquet")));
        Assert.Equal(File.ReadAllText(folder.File("one/manifest.json")), File.ReadAllText(folder.File("two/manifest.json")));
    }

    [Fact]
    public async Task Fit_Chains_OpenUnchangedInHyparquet()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", FitPriorFiles.Gaussian(walkers: 8, steps: 250));
        string run = folder.File("run");
        Assert.Equal(0, CliRunner.Run("fit", prior, "--out", run, "--threads", "1").Exit);
        string file = Path.Combine(run, "chains.parquet");

        using var json = NodeInterop.Run("read.mjs", file, "--head", "9");

        var root = json.RootElement;
        Assert.Equal(8 * 250, root.GetProperty("rows").GetInt64());
        Assert.Equal([800L, 800L, 400L], root.GetProperty("row_groups").EnumerateArray().Select(e => e.GetInt64()));
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(Columns, columns.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["INT32", "INT64", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "BOOLEAN"], columns.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(File.ReadAllText(Path.Combine(run, "manifest.json")).TrimEnd('\n'), root.GetProperty("metadata").GetProperty(ChainColumnNames.ManifestMetadataKey).GetString());
        var table = await ChainTableReader.ReadAsync(file);
        var head = root.GetProperty("head").EnumerateArray().ToList();
        for (int r = 0; r < head.Count; r++)
        {
            foreach (string name in new[] { "x1", "x2", "x3", "log_posterior" })
            {
                Assert.Equal(table.Values(name)[r], head[r].GetProperty(name).GetDouble());
            }
            Assert.Equal((long)table.Values("draw")[r], head[r].GetProperty("draw").GetInt64());
            Assert.Equal((int)table.Values("chain")[r], head[r].GetProperty("chain").GetInt32());
        }
    }

    [Fact]
    public void Fit_Summary_HasItsFieldsAndEssFollowsFromTau()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", FitPriorFiles.LogUniform(walkers: 12, steps: 600));
        string run = folder.File("run");
        Assert.Equal(0, CliRunner.Run("fit", prior, "--out", run, "--threads", "1").Exit);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;

        foreach (string key in new[] { "model", "prior_file", "identity_hash", "code_version", "datasets", "sampler", "burn_in", "parameters", "ess_min", "tau_max", "acceptance", "best_fit", "failures", "timing" })
        {
            Assert.True(summary[key] is not null, $"summary.json lacks {key}");
        }
        int kept = (int)summary["burn_in"]!["steps_kept"]!;
        Assert.Equal(600, kept + (int)summary["burn_in"]!["steps_discarded"]!);
        double essMin = double.PositiveInfinity;
        foreach (var p in summary["parameters"]!.AsArray())
        {
            foreach (string key in new[] { "name", "unit", "prior", "mean", "sd", "median", "q16", "q84", "tau", "tau_reliable", "ess", "best_fit" })
            {
                Assert.True(p![key] is not null, $"parameter lacks {key}");
            }
            double tau = (double)p!["tau"]!, ess = (double)p["ess"]!;
            Assert.Equal(12.0 * kept / tau, ess, 9);
            Assert.True((double)p["q16"]! <= (double)p["median"]! && (double)p["median"]! <= (double)p["q84"]!);
            essMin = Math.Min(essMin, ess);
        }
        Assert.Equal(essMin, (double)summary["ess_min"]!);
        // One call per walker and step unless the proposal leaves the prior, plus 9 start-up checks and the initial draws.
        Assert.InRange((long)summary["timing"]!["likelihood_calls"]!, 12 * 600 / 2, 12 * 600 + 9 + 12 * 100);
        Assert.InRange((double)summary["acceptance"]!["overall"]!, 0.05, 0.95);
        string markdown = File.ReadAllText(Path.Combine(run, "summary.md"));
        Assert.Contains("| `x2` | – | log-uniform [0.01, 100] |", markdown, StringComparison.Ordinal);
        Assert.Contains("12 walkers × 600 steps", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_Thin_StoresEveryThinthStepInWholeBlocks()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("thin.yaml", "model: test/gaussian\nproblem: { dimension: 2 }\nparams:\n  x1: { prior: uniform, min: -5, max: 5 }\n  x2: { prior: uniform, min: -5, max: 5 }\nsampler: { walkers: 8, steps: 300, seed: 2, thin: 5 }\n");
        string run = folder.File("run");

        var (exit, _, stderr) = CliRunner.Run("fit", prior, "--out", run, "--threads", "1");

        Assert.True(exit == 0, stderr);
        var table = await ChainTableReader.ReadAsync(Path.Combine(run, "chains.parquet"));
        Assert.Equal(8 * 60, table.RowCount);
        Assert.Equal(new long[] { 160, 160, 160 }, table.RowGroupRowCounts.ToArray());
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (double)(5 * i + 4)), table.Values("draw").Where((_, r) => r % 8 == 0));
    }

    [Fact]
    public void Fit_DryRun_ReportsTimingsAndWritesNothing()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", FitPriorFiles.Gaussian());
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("fit", prior, "--out", run, "--dry-run");

        Assert.True(exit == 0, stderr);
        Assert.Contains("8 prior draws: 8 finite", stdout, StringComparison.Ordinal);
        Assert.Contains("per evaluation", stdout, StringComparison.Ordinal);
        Assert.Contains("nothing written", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
        Assert.Equal(["gauss.yaml"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
