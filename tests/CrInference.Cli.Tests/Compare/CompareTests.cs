using System.Globalization;
using CrInference.Cli.Tests.Evidence;
using CrInference.Sampling.Comparison;

namespace CrInference.Cli.Tests.Compare;

/// <summary>Runs shared by the compare tests: evidence and fit runs of the reference problems, and a tiny physics fit.</summary>
public sealed class CompareRuns : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public CompareRuns()
    {
        Gaussian = Run("g3", "evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"));
        Shell = Run("gs", "evidence", TestRepository.PathOf("priors/tests/gaussian-shell-2d.yaml"));
        Conjugate = Run("cg", "evidence", TestRepository.PathOf("priors/tests/conjugate-gaussian-5d.yaml"), "--method", "pt", "--burn-in", "500", "--steps", "1000");
        GaussianFit = Run("g3-fit", "fit", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--steps", "1000");
        // A physics fit on AMS-02 p + B/C + Voyager (a few steps: it exercises the chi2 columns, not the posterior).
        PhysicsFit = Run("two-phase-fit", "fit", TestRepository.PathOf("priors/two-phase.yaml"), "--steps", "40");
    }

    public string Gaussian { get; }

    public string Shell { get; }

    public string Conjugate { get; }

    public string GaussianFit { get; }

    public string PhysicsFit { get; }

    public string File(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();

    private string Run(string name, params string[] arguments)
    {
        string run = _folder.File(name);
        var (exit, stdout, stderr) = CliRunner.Run([.. arguments, "--out", run, "--threads", "2"]);
        Assert.True(exit == 0, $"{name}: {stdout}{stderr}");
        return run;
    }
}

/// <summary><c>crinf compare</c>: Δ ln Z and the Jeffreys wording, width ratios and Δχ² against closed forms, CSV = Markdown, bad input.</summary>
public sealed class CompareTests(CompareRuns runs) : IClassFixture<CompareRuns>
{
    [Fact]
    public void Compare_EvidenceRuns_DeltaLogZAndJeffreysWordingFollowTheirEvidences()
    {
        string output = runs.File("cmp-evidence/table.md");

        var (exit, stdout, stderr) = CliRunner.Run("compare", runs.Gaussian, runs.Shell, runs.Conjugate, "--out", output);

        Assert.True(exit == 0, stdout + stderr);
        var models = Csv.Read(Path.ChangeExtension(output, ".csv"));
        double g3 = (double)EvidenceTestSupport.EvidenceOf(runs.Gaussian)["log_z"]!;
        double gs = (double)EvidenceTestSupport.EvidenceOf(runs.Shell)["log_z"]!;
        double cg = (double)EvidenceTestSupport.EvidenceOf(runs.Conjugate)["log_z"]!;
        // Exact: ln Z = -8.987 (g3), -1.746 (gs), -5.294 (cg): the shell has the largest evidence, the Gaussian
        // lies |Δ| ≈ 7.2 below it (strong, ≥ 5), the conjugate problem ≈ 3.5 (moderate, 2.5 … 5).
        Assert.Equal(gs, Csv.Number(models, "gs", "log_z"), 12);
        Assert.Equal(0, Csv.Number(models, "gs", "delta_log_z"));
        Assert.Equal("best", Csv.Text(models, "gs", "jeffreys"));
        Assert.Equal(g3 - gs, Csv.Number(models, "g3", "delta_log_z"), 12);
        Assert.Equal(cg - gs, Csv.Number(models, "cg", "delta_log_z"), 12);
        Assert.Equal("strong evidence for gs", Csv.Text(models, "g3", "jeffreys"));
        Assert.Equal("moderate evidence for gs", Csv.Text(models, "cg", "jeffreys"));
        Assert.Equal("strong", JeffreysScale.Describe(g3 - gs));
        double sigmaG3 = (double)EvidenceTestSupport.EvidenceOf(runs.Gaussian)["log_z_err"]!, sigmaGs = (double)EvidenceTestSupport.EvidenceOf(runs.Shell)["log_z_err"]!;
        Assert.Equal(Math.Sqrt(sigmaG3 * sigmaG3 + sigmaGs * sigmaGs), Csv.Number(models, "g3", "delta_log_z_err"), 12);
        Assert.Equal("nested", Csv.Text(models, "g3", "kind"));
        Assert.Equal("pt", Csv.Text(models, "cg", "kind"));
        Assert.Contains("wrote", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_GaussianUnderUniformPrior_MatchesTheClosedForms()
    {
        string output = runs.File("cmp-gauss/table.md");

        var (exit, stdout, stderr) = CliRunner.Run("compare", runs.Gaussian, runs.GaussianFit, runs.Conjugate, "--out", output);

        Assert.True(exit == 0, stdout + stderr);
        var models = Csv.Read(Path.ChangeExtension(output, ".csv"));
        var parameters = Csv.Read(Path.Combine(Path.GetDirectoryName(output)!, "table-fine-tuning.csv"));
        // test/gaussian: marginals N(0, 1) in a uniform box of width 20, so the 68 % width is 2σ = 2 and the
        // width ratio 2/20 = 0.1 (nested: weighted quantiles of ~2000 effective samples, fit: ~1000; 8 % tolerance).
        foreach (string run in new[] { "g3", "g3-fit" })
        {
            foreach (string x in new[] { "x1", "x2", "x3" })
            {
                Assert.Equal(0.1, Csv.Number(parameters, run, "width_ratio", x), 0.008);
                Assert.Equal(20, Csv.Number(parameters, run, "prior_width", x));
            }
        }
        // conjugate Gaussian: posterior σ = (1/0.2² + 1)^(-1/2) = 0.1961 under N(0, 1) priors, whose sampled width is
        // the central 68 % (2): ratio 0.196.
        double sigma = 1 / Math.Sqrt(1 / 0.04 + 1);
        foreach (string x in new[] { "x1", "x2", "x3", "x4", "x5" })
        {
            Assert.Equal(2 * sigma / 2, Csv.Number(parameters, "cg", "width_ratio", x), 0.02);
        }
        // D_KL of N(0, Σ) (σ = 1, ρ = 0.5, |Σ| = 0.5) in the box: ln 20³ − ½ ln((2πe)³ |Σ|) = 5.077 nats;
        // from ln Z in both: the nested run's own, and the fit's bridge-sampling estimate from its chain.
        double dkl = 3 * Math.Log(20) - 0.5 * (3 * Math.Log(2 * Math.PI * Math.E) + Math.Log(0.5));
        Assert.Equal(dkl, Csv.Number(models, "g3", "information_gain_nats"), 0.25);
        Assert.Equal(dkl, Csv.Number(models, "g3-fit", "information_gain_nats"), 0.3);
        Assert.Equal("ln Z", Csv.Text(models, "g3", "information_gain_method"));
        Assert.Equal("ln Z", Csv.Text(models, "g3-fit", "information_gain_method"));
        // Bayesian complexity of a Gaussian likelihood the data pin down in all 3 directions: 3.
        Assert.Equal(3, Csv.Number(models, "g3", "complexity_posterior_mean"), 0.3);
        Assert.Equal(3, Csv.Number(models, "g3-fit", "complexity_posterior_mean"), 0.3);
        // Δχ² of ±10 % moves: χ² = −2 ln L = xᵀΣ⁻¹x up to a constant, with Σ = ½(I + 11ᵀ) (σ = 1, ρ = 0.5, 3-D) and
        // Σ⁻¹ = 2I − ½·11ᵀ (Sherman–Morrison).
        foreach (string run in new[] { "g3", "g3-fit" })
        {
            double[] best = [.. new[] { "x1", "x2", "x3" }.Select(x => Csv.Number(parameters, run, "best_fit", x))];
            for (int i = 0; i < 3; i++)
            {
                double[] up = [.. best];
                up[i] *= 1.1;
                double[] down = [.. best];
                down[i] *= 0.9;
                string x = $"x{i + 1}";
                Assert.Equal(ChiSquare(up) - ChiSquare(best), Csv.Number(parameters, run, "delta_chi2_up", x), 1e-9);
                Assert.Equal(ChiSquare(down) - ChiSquare(best), Csv.Number(parameters, run, "delta_chi2_down", x), 1e-9);
                Assert.Equal(Math.Max(ChiSquare(up), ChiSquare(down)) - ChiSquare(best), Csv.Number(parameters, run, "delta_chi2_max", x), 1e-9);
            }
        }
        // The fit's chain evidence against the exact ln Z = -3 ln 20 = -8.98720 of priors/tests/gaussian-3d.yaml.
        Assert.Equal(-3 * Math.Log(20), Csv.Number(models, "g3-fit", "log_z"), 0.15);

        static double ChiSquare(double[] x)
        {
            double sum = x.Sum(), squares = x.Sum(v => v * v);
            return 2 * squares - 0.5 * sum * sum;
        }
    }

    [Fact]
    public void Compare_MarkdownAndCsv_HoldTheSameNumbers()
    {
        string output = runs.File("cmp-agree/table.md");

        var (exit, stdout, stderr) = CliRunner.Run("compare", runs.Gaussian, runs.Shell, runs.GaussianFit, "--out", output);

        Assert.True(exit == 0, stdout + stderr);
        var models = Csv.Read(Path.ChangeExtension(output, ".csv"));
        var parameters = Csv.Read(Path.Combine(Path.GetDirectoryName(output)!, "table-fine-tuning.csv"));
        var markdown = File.ReadAllLines(output);
        var modelRows = MarkdownRows(markdown, "| Run | Model | Kind |");
        var parameterRows = MarkdownRows(markdown, "| Run | Parameter |");
        Assert.Equal(3, modelRows.Count);
        Assert.Equal(3 + 2 + 3, parameterRows.Count);
        foreach (var row in modelRows)
        {
            string run = row[0].Trim('`');
            Assert.Equal(Csv.Text(models, run, "kind"), row[2]);
            Assert.Equal(Csv.Text(models, run, "free_parameters"), row[3]);
            if (row[4].Length > 0)
            {
                var parts = row[4].Split(" ± ");
                Assert.Equal(Csv.Number(models, run, "log_z"), double.Parse(parts[0], CultureInfo.InvariantCulture), 0.0005);
                Assert.Equal(Csv.Number(models, run, "log_z_err"), double.Parse(parts[1], CultureInfo.InvariantCulture), 0.0005);
                Assert.Equal(Csv.Number(models, run, "delta_log_z"), double.Parse(row[5].Split(" ± ")[0], CultureInfo.InvariantCulture), 0.0005);
            }
            Assert.Equal(Csv.Text(models, run, "jeffreys"), row[6]);
            Assert.Equal(Csv.Number(models, run, "information_gain_nats"), double.Parse(row[8].Split(' ')[0], CultureInfo.InvariantCulture), 0.005);
            Assert.Equal(Csv.Number(models, run, "complexity_posterior_mean"), double.Parse(row[9], CultureInfo.InvariantCulture), 0.005);
        }
        foreach (var row in parameterRows)
        {
            string run = row[0].Trim('`'), parameter = row[1].Trim('`');
            double ratio = Csv.Number(parameters, run, "width_ratio", parameter);
            Assert.Equal(ratio, double.Parse(row[5], CultureInfo.InvariantCulture), Math.Abs(ratio) * 0.006);
            double max = Csv.Number(parameters, run, "delta_chi2_max", parameter);
            Assert.Equal(max, double.Parse(row[10], CultureInfo.InvariantCulture), Math.Abs(max) * 0.006);
        }
    }

    [Fact]
    public void Compare_PhysicsFit_ReportsChiSquarePerDatasetAndRefusesMixedData()
    {
        string output = runs.File("cmp-physics/table.md");

        var alone = CliRunner.Run("compare", runs.PhysicsFit, "--out", output);
        var mixed = CliRunner.Run("compare", runs.PhysicsFit, runs.Gaussian);
        var allowed = CliRunner.Run("compare", runs.PhysicsFit, runs.Gaussian, "--allow-mixed-data");

        Assert.True(alone.Exit == 0, alone.Out + alone.Error);
        var models = Csv.Read(Path.ChangeExtension(output, ".csv"));
        double total = 0;
        int points = 0;
        foreach (string id in new[] { "ams02-bc-2021", "ams02-p-2021", "voyager1-h-2016" })
        {
            total += Csv.Number(models, "two-phase-fit", $"chi2__{id}");
            points += (int)Csv.Number(models, "two-phase-fit", $"points__{id}");
        }
        // 56 B/C + 56 proton points at R >= 6 GV (the cuts of priors/two-phase.yaml) + 15 Voyager points; 13 free parameters.
        Assert.Equal(127, points);
        Assert.Equal(total, Csv.Number(models, "two-phase-fit", "chi2_min"), 9);
        Assert.Equal(points - 13, Csv.Number(models, "two-phase-fit", "dof"));
        Assert.Equal(total / (points - 13), Csv.Number(models, "two-phase-fit", "chi2_per_dof"), 9);
        Assert.Equal(2, mixed.Exit);
        Assert.Single(mixed.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("different data", mixed.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-mixed-data", mixed.Error, StringComparison.Ordinal);
        Assert.True(allowed.Exit == 0, allowed.Error);
        Assert.Contains("Warning: these runs fit different data", allowed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_BadInput_ExitsTwoWithOneLine()
    {
        string plain = runs.File("plain");
        Directory.CreateDirectory(plain);
        string unfinished = runs.File("unfinished");
        Directory.CreateDirectory(unfinished);
        File.Copy(Path.Combine(runs.Gaussian, "manifest.json"), Path.Combine(unfinished, "manifest.json"));
        string edited = runs.File("edited");
        Directory.CreateDirectory(edited);
        foreach (string file in Directory.GetFiles(runs.Shell)) File.Copy(file, Path.Combine(edited, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(edited, "prior.yaml"), File.ReadAllText(Path.Combine(edited, "prior.yaml")).Replace("width: 0.1", "width: 0.2", StringComparison.Ordinal));

        var cases = new (string[] Arguments, string Message)[]
        {
            ([runs.File("missing")], "no such run folder"),
            ([plain], "not a run folder of crinf fit or crinf evidence"),
            ([unfinished], "the evidence run has not finished"),
            ([edited], "resolved hash"),
            ([runs.Gaussian, runs.Gaussian], "run folder given twice"),
            ([runs.Gaussian, "--out", runs.File("x.txt")], "give a Markdown file name ending in .md"),
        };
        foreach (var (arguments, message) in cases)
        {
            var (exit, stdout, stderr) = CliRunner.Run(["compare", .. arguments]);
            Assert.True(exit == 2, $"{string.Join(' ', arguments)}: exit {exit}: {stdout}{stderr}");
            Assert.Equal("", stdout);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>The cells of the rows of the Markdown table whose header starts with <paramref name="header"/>.</summary>
    private static List<string[]> MarkdownRows(string[] lines, string header)
    {
        int start = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no table {header}");
        var rows = new List<string[]>();
        for (int i = start + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            rows.Add([.. lines[i].Trim('|').Split(" | ").Select(c => c.Trim())]);
        }
        return rows;
    }
}

/// <summary>A tiny CSV reader for the compare tables (quoted fields with commas).</summary>
internal static class Csv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = CsvLine.Split(lines[0]);
        return [.. lines.Skip(1).Select(l => header.Zip(CsvLine.Split(l)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }

    public static string Text(List<Dictionary<string, string>> rows, string run, string column, string? parameter = null) =>
        rows.Single(r => r["run"] == run && (parameter is null || r["parameter"] == parameter))[column];

    public static double Number(List<Dictionary<string, string>> rows, string run, string column, string? parameter = null) =>
        double.Parse(Text(rows, run, column, parameter), CultureInfo.InvariantCulture);
}
