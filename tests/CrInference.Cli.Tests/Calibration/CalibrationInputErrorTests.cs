namespace CrInference.Cli.Tests.Calibration;

/// <summary><c>crinf simulate</c>, <c>crinf sbc</c> and <c>--data-dir</c> on bad input: exit code 2, one line
/// <c>error: …</c> naming what is wrong, nothing written; and <c>crinf sbc --help</c> tells a user how to calibrate
/// their own prior file.</summary>
public sealed class CalibrationInputErrorTests
{
    private static string Conjugate => TestRepository.PathOf("priors/tests/conjugate-gaussian-5d.yaml");

    private static string Prior(string name) => TestRepository.PathOf($"priors/{name}.yaml");

    public static TheoryData<string[], string> BadCommands => new()
    {
        { ["simulate", "--model", "no-such-model"], "unknown model" },
        { ["simulate", Prior("phenomenological"), "--model", "phenomenological"], "give a prior file or --model with --set/--option, not both" },
        { ["simulate", "--model", "phenomenological", "--truth", "prior"], "--truth prior: with --model the truth is the model's fiducial point" },
        { ["simulate", "--model", "phenomenological", "--set", "solar_phi_GV=-1"], "--set solar_phi_GV=-1: must be >= 0" },
        { ["simulate", Conjugate], "analytic test problem without datasets" },
        { ["simulate", Prior("phenomenological"), "--truth", "missing.yaml"], "--truth missing.yaml: no such file" },
        { ["simulate", Prior("two-phase-powerlaw"), "--truth", "ref"], "params.hot_n_cm3: --truth ref: this free parameter has no ref" },
        { ["sbc", Conjugate], "--replicates N is required" },
        { ["sbc", Conjugate, "--replicates", "4", "--method", "hmc"], "--method hmc: one of ensemble, nested" },
        { ["sbc", Conjugate, "--replicates", "4", "--chunk", "3/2"], "--chunk 3/2: expected K/M with 0 <= K < M" },
        { ["sbc", Conjugate, "--replicates", "4", "--truth", "prior", "--truth", "ref"], "cannot be combined with fixed truths" },
        { ["sbc", Conjugate, "--replicates", "4", "--truth", "fiducial"], "has no fiducial point" },
        { ["sbc", Conjugate, "--replicates", "0"], "--replicates must be >= 1" },
        { ["sbc", Conjugate, "--replicates", "2", "--jobs", "0"], "--jobs must be >= 1" },
        { ["sbc", Prior("tests/egg-box"), "--replicates", "2"], "without a data model" },
        { ["fit", Conjugate, "--data-dir", "/no/such/folder"], "--data-dir /no/such/folder: no such folder" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public void BadInput_ExitsTwoWithOneLineAndWritesNothing(string[] arguments, string expected)
    {
        using var folder = new TemporaryDirectory();
        string output = folder.File("out");

        var (exit, stdout, stderr) = CliRunner.Run([.. arguments, "--out", output]);

        Assert.True(exit == 2, $"exit {exit}: {stdout} {stderr}");
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "nothing may be written for bad input");
    }

    [Fact]
    public void SbcHelp_TellsHowToCalibrateYourOwnPriorFile()
    {
        var (exit, stdout, _) = CliRunner.Run("sbc", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Your own prior file", stdout, StringComparison.Ordinal);
        Assert.Contains("--replicates", stdout, StringComparison.Ordinal);
        Assert.Contains("--truth", stdout, StringComparison.Ordinal);
    }
}
