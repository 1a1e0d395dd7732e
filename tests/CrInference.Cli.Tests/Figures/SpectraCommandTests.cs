using System.Text.Json.Nodes;

namespace CrInference.Cli.Tests.Figures;

/// <summary>A tiny fit of the README's two-phase model (28 walkers × 20 steps: 13 free parameters), made once for the spectra tests.</summary>
public sealed class TinyTwoPhaseRun : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public TinyTwoPhaseRun()
    {
        Directory = _folder.File("two-phase");
        var (exit, stdout, stderr) = CliRunner.Run("fit", TestRepository.PathOf("priors/two-phase.yaml"), "--out", Directory,
            "--walkers", "28", "--steps", "20", "--threads", "2");
        Assert.True(exit == 0, stdout + stderr);
        FitOutput = stdout;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>What the fit printed (the post-run reports say what they wrote).</summary>
    public string FitOutput { get; }

    /// <summary>A scratch file path in the fixture's temporary folder.</summary>
    public string Scratch(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();
}

/// <summary><c>crinf spectra RUN_DIR</c> and the post-run reports of <c>crinf fit</c>.</summary>
public sealed class SpectraCommandTests(TinyTwoPhaseRun run) : IClassFixture<TinyTwoPhaseRun>
{
    [Fact]
    public void PostRunReports_Fit_WritesPriorCopyCornerTraceAndSpectra()
    {
        foreach (string file in new[] { "prior.yaml", "corner.png", "trace.png", "spectra.png", "spectra.csv" })
        {
            Assert.True(File.Exists(Path.Combine(run.Directory, file)), $"{file} missing; fit said:\n{run.FitOutput}");
        }
        Assert.Equal(File.ReadAllText(TestRepository.PathOf("priors/two-phase.yaml")), File.ReadAllText(Path.Combine(run.Directory, "prior.yaml")));
        Assert.True(FigureCsvTable.IsPng(Path.Combine(run.Directory, "corner.png")));
        Assert.Contains("wrote spectra.png", run.FitOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Spectra_TinyTwoPhaseFit_WritesPngAndBandsBracketTheMedian()
    {
        string png = run.Scratch("bands.png");
        var (exit, stdout, stderr) = CliRunner.Run("spectra", run.Directory, "--out", png, "--draws", "60");

        Assert.True(exit == 0, stdout + stderr);
        Assert.True(FigureCsvTable.IsPng(png));
        var rows = FigureCsvTable.Read(Path.ChangeExtension(png, ".csv"));
        var medians = rows.Where(r => r.Kind == "median").ToList();
        // Three panels: protons x R^2.7, Voyager H, B/C (two-phase predicts both observables).
        Assert.Equal(3, medians.Select(r => r.Panel).Distinct().Count());
        foreach (var r in medians)
        {
            // Quantiles of one set of draws are ordered: q2.5 <= q16 <= q50 <= q84 <= q97.5.
            Assert.True(r.Lower95 <= r.Lower68 && r.Lower68 <= r.Y && r.Y <= r.Upper68 && r.Upper68 <= r.Upper95,
                $"{r.Panel} at x = {r.X}: {r.Lower95} {r.Lower68} {r.Y} {r.Upper68} {r.Upper95}");
        }
        // 60 distinct posterior points: the bands have width (the draws are not one point).
        Assert.Contains(medians, r => r.Upper95 > r.Lower95 * (1 + 1e-6));
        Assert.Contains(rows, r => r.Kind == "data" && r.Series == "ams02-p-2021");
        Assert.Contains(rows, r => r.Kind == "curve" && r.Series.Contains("proton flux warm", StringComparison.Ordinal));
        Assert.Contains("60 posterior draws", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Spectra_SameRunTwice_GivesIdenticalBands()
    {
        string a = run.Scratch("first.png"), b = run.Scratch("second.png");
        Assert.Equal(0, CliRunner.Run("spectra", run.Directory, "--out", a, "--draws", "25").Exit);
        Assert.Equal(0, CliRunner.Run("spectra", run.Directory, "--out", b, "--draws", "25").Exit);

        Assert.Equal(File.ReadAllText(Path.ChangeExtension(a, ".csv")), File.ReadAllText(Path.ChangeExtension(b, ".csv")));
    }

    [Fact]
    public void Spectra_PriorCopyChanged_IsRefusedInOneLine()
    {
        using var folder = new TemporaryDirectory();
        string copy = folder.File("run");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(run.Directory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        string prior = Path.Combine(copy, "prior.yaml");
        File.WriteAllText(prior, File.ReadAllText(prior).Replace("prior: uniform, min: 3.8, max: 4.8", "prior: uniform, min: 3.9, max: 4.8", StringComparison.Ordinal));

        var (exit, stdout, stderr) = CliRunner.Run("spectra", copy);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("differs from the run manifest", line, StringComparison.Ordinal);
        Assert.Contains("gamma_inj", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Spectra_ManifestSamplerOverrides_AreAppliedBeforeTheHashCheck()
    {
        // The fit ran with --walkers 28 --steps 20 while prior.yaml says 32 x 7000: the check must still pass.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Directory, "manifest.json")))!;
        Assert.Equal(28, (int)manifest["prior_file"]!["resolved"]!["sampler"]!["walkers"]!);
        Assert.Contains("walkers: 32", File.ReadAllText(Path.Combine(run.Directory, "prior.yaml")), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("spectra", run.Directory, "--out", run.Scratch("overrides.png"), "--draws", "5").Exit);
    }
}

/// <summary>Input errors of <c>crinf spectra</c>: exit code 2 and one line.</summary>
public sealed class SpectraInputErrorTests
{
    [Fact]
    public void Spectra_MissingRunFolder_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var (exit, stdout, stderr) = CliRunner.Run("spectra", folder.File("nothing-here"));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("no such run folder", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Spectra_FolderWithoutChains_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var (exit, _, stderr) = CliRunner.Run("spectra", folder.Path);
        Assert.Equal(2, exit);
        Assert.Contains("holds no chains.parquet or samples.parquet", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Spectra_TestProblemRun_ExitsTwoWithOneLine_AndTheFitWroteOnlyTheCorner()
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", Fit.FitPriorFiles.Gaussian(walkers: 8, steps: 30));
        string runDir = folder.File("run");
        var fit = CliRunner.Run("fit", prior, "--out", runDir, "--threads", "1");
        Assert.True(fit.Exit == 0, fit.Out + fit.Error);
        Assert.True(File.Exists(Path.Combine(runDir, "corner.png")));
        Assert.False(File.Exists(Path.Combine(runDir, "spectra.png")));

        var (exit, stdout, stderr) = CliRunner.Run("spectra", runDir);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("analytic test problem", line, StringComparison.Ordinal);
    }
}
