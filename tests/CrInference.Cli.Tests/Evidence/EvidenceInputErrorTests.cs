namespace CrInference.Cli.Tests.Evidence;

/// <summary>Bad input to <c>crinf evidence</c>: exit code 2, one line <c>error: …</c>, nothing written.</summary>
public sealed class EvidenceInputErrorTests
{
    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["--method", "mcmc"], "--method mcmc: unknown method" },
        { ["--live", "5"], "--live 5: 5 live points are too few for 3 free parameters" },
        { ["--dlogz", "0"], "--dlogz must be a finite number > 0" },
        { ["--walkers", "8"], "--walkers, --temperatures, --burn-in and --steps apply to --method pt" },
        { ["--method", "pt", "--live", "100"], "--live and --dlogz apply to --method nested" },
        { ["--method", "pt", "--walkers", "7"], "parallel tempering: walkers per temperature must be even" },
        { ["--method", "pt", "--steps", "10"], "parallel tempering: production steps (10) must be at least the bootstrap blocks (25)" },
        { ["--threads", "0"], "--threads must be >= 1" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Evidence_BadArguments_ExitTwoWithOneLineAndWriteNothing(string[] arguments, string message)
    {
        using var folder = new TemporaryDirectory();
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run(["evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--out", run, .. arguments]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run), "nothing may be written for bad input");
    }

    [Fact]
    public void Evidence_MissingPriorFile_BadNestedSection_FitFolder_FinishedRun_AreRefused()
    {
        using var folder = new TemporaryDirectory();
        string bad = folder.Write("bad.yaml", "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\nnested: { live: 3 }\n");
        string fit = folder.File("fit");
        Directory.CreateDirectory(fit);
        File.WriteAllText(Path.Combine(fit, "chains.parquet"), "not really");
        string done = folder.File("done");

        var missing = CliRunner.Run("evidence", folder.File("nope.yaml"), "--out", folder.File("a"));
        var nested = CliRunner.Run("evidence", bad, "--out", folder.File("b"));
        var intoFit = CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--out", fit);
        Assert.Equal(0, CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--out", done, "--live", "100").Exit);
        var again = CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--out", done, "--live", "100");

        Assert.Equal(2, missing.Exit);
        Assert.Contains("prior file not found", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, nested.Exit);
        Assert.StartsWith($"error: {bad}:5: nested.live: ", nested.Error, StringComparison.Ordinal);
        Assert.Equal(2, intoFit.Exit);
        Assert.Contains("holds a fit", intoFit.Error, StringComparison.Ordinal);
        Assert.Equal("not really", File.ReadAllText(Path.Combine(fit, "chains.parquet")));
        Assert.False(File.Exists(Path.Combine(fit, "manifest.json")));
        Assert.Equal(2, again.Exit);
        Assert.Contains("already holds a finished evidence run", again.Error, StringComparison.Ordinal);
        foreach (var r in new[] { missing, nested, intoFit, again }) Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }
}
