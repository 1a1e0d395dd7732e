namespace CrInference.Cli.Tests.Fit;

/// <summary>Bad prior files and options: exit code 2, one line <c>error: file:line: key: …</c>, nothing written.</summary>
public sealed class FitInputErrorTests
{
    public static TheoryData<string, int, string> BadPriorFiles => new()
    {
        // file text, line, key path of the expected error
        { "modle: test/gaussian\n", 1, "modle" },
        { "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 5, max: 1 }\n", 4, "params.x1.max" },
        { "model: test/gaussian\nproblem: { dimension: 1, radious: 2 }\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\n", 2, "problem.radious" },
        { "model: test/gaussian\nproblem:\n  dimension: 2\n  correlation: 2\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\n  x2: { prior: uniform, min: 0, max: 1 }\n", 4, "problem.correlation" },
        { "model: two-phase\ndatasets: [ams02-p-2099]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n", 2, "datasets[0]" },
        { "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n  warm_nn_cm3: 0.1\n", 5, "params.warm_nn_cm3" },
        { "model: stratified\ndatasets:\n  - ams02-p-2015\n  - ams02-bc-2021\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n", 4, "datasets[1]" },
        { "model: two-phase\ndatasets: [ams02-c-2017]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n", 2, "datasets[0]" },
        { "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\nlikelihood:\n  cuts:\n    ams02-p-2015: { min_GV: 1.0e6 }\n", 7, "likelihood.cuts.ams02-p-2015" },
        { "model: two-phase\ndatasets: [ams02-p-2015]\noptions: { kappa: sideways }\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n", 3, "options.kappa" },
        { "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  hot_n_cm3: { prior: log-uniform, min: 0, max: 1 }\n", 4, "params.hot_n_cm3.min" },
        { "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\nsampler: { walkers: 2 }\n", 5, "sampler.walkers" },
        { "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\nsampler:\n  steps: 100\n  thin: 3\n", 7, "sampler.thin" },
    };

    [Theory]
    [MemberData(nameof(BadPriorFiles))]
    public void Fit_BadPriorFile_ExitsTwoWithOneLineAndWritesNothing(string text, int line, string key)
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("bad.yaml", text);
        string run = folder.File("run");

        var (exit, stdout, stderr) = CliRunner.Run("fit", prior, "--out", run);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: {prior}:{line}: {key}: ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run), "nothing may be written for a bad prior file");
    }

    [Theory]
    [InlineData("--walkers", "4", "--walkers 4: too few for 3 free parameters")]
    [InlineData("--steps", "0", "--steps must be >= 1")]
    [InlineData("--threads", "0", "--threads must be >= 1")]
    public void Fit_BadOption_ExitsTwoWithOneLine(string option, string value, string expected)
    {
        using var folder = new TemporaryDirectory();
        string prior = folder.Write("gauss.yaml", FitPriorFiles.Gaussian());
        string run = folder.File("run");

        var (exit, _, stderr) = CliRunner.Run("fit", prior, "--out", run, option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + expected, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Fit_MissingPriorFile_ExitsTwo()
    {
        using var folder = new TemporaryDirectory();

        var (exit, _, stderr) = CliRunner.Run("fit", folder.File("nope.yaml"), "--out", folder.File("run"));

        Assert.Equal(2, exit);
        Assert.Equal($"error: {folder.File("nope.yaml")}: prior file not found\n", stderr);
    }

    [Fact]
    public void Fit_EveryPriorDrawFails_ExitsTwoQuotingTheReason()
    {
        using var folder = new TemporaryDirectory();
        // z_W above the halo boundary r = 10 kpc: the two-phase model fails at every draw.
        string prior = folder.Write("fail.yaml", "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  z_w_kpc: { prior: uniform, min: 20, max: 30 }\n");
        string run = folder.File("run");

        var (exit, _, stderr) = CliRunner.Run("fit", prior, "--out", run);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: all 8 prior draws give a log posterior of -inf; most common reason: halo_r_kpc must exceed z_w_kpc (got r = …, z_W = … kpc) (8 of 8 draws)", stderr, StringComparison.Ordinal);
        Assert.Contains("(8 of 8 draws)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
