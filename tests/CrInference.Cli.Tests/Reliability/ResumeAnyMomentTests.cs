using CrInference.Cli.Tests.Fit;
using CrInference.Cli.Tests.Pipelines;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// <c>--resume</c> is safe to pass always (UltraNest's and Cobaya's rule: resume when consistent, start when there is
/// nothing, refuse when the inputs changed), so that a requeued batch job whose script always passes it works: on a
/// folder where nothing was checkpointed yet — none at all, or the <c>manifest.json</c> and <c>prior.yaml</c> a run
/// killed in its first seconds leaves — the run starts, says so on stderr, and ends in the bytes of an
/// uninterrupted run; a manifest of other inputs is refused with one line, the folder untouched.
/// </summary>
public sealed class ResumeAnyMomentTests
{
    public static TheoryData<string[]> Runs => new()
    {
        { ["fit", "{prior}", "--threads", "1"] },
        { ["evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--live", "60", "--threads", "1"] },
        { ["evidence", TestRepository.PathOf("priors/tests/conjugate-gaussian-5d.yaml"), "--method", "pt", "--temperatures", "4", "--burn-in", "50", "--steps", "100", "--threads", "1"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Resume_NothingStoredYet_StartsTheRunAndWritesTheBytesOfAnUninterruptedRun(string[] template)
    {
        using var folder = new ScratchFolder();
        string[] args = Arguments(template, folder);
        string reference = Path.Combine(folder.File("reference"), "run");
        string none = Path.Combine(folder.File("none"), "run");
        string manifestOnly = Path.Combine(folder.File("manifest-only"), "run");
        Expect.Success(CliRunner.Run([.. args, "--out", reference]));
        // What a kill in the first seconds leaves: the manifest and the prior file's copy, nothing checkpointed.
        Directory.CreateDirectory(manifestOnly);
        foreach (string file in new[] { "manifest.json", "prior.yaml" }) File.Copy(Path.Combine(reference, file), Path.Combine(manifestOnly, file));
        File.WriteAllText(Path.Combine(manifestOnly, "summary.json.tmp"), "{\"tor");

        var fromNothing = CliRunner.Run([.. args, "--out", none, "--resume"]);
        var fromManifest = CliRunner.Run([.. args, "--out", manifestOnly, "--resume"]);

        Expect.Success(fromNothing);
        Assert.Contains("yet; starting it", fromNothing.Error, StringComparison.Ordinal);
        Assert.Null(RunFolderComparison.Difference(reference, none));
        Expect.Success(fromManifest);
        Assert.Contains("nothing was checkpointed yet (manifest.json only); starting the ", fromManifest.Error, StringComparison.Ordinal);
        Assert.Null(RunFolderComparison.Difference(reference, manifestOnly));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Resume_NothingStoredButOtherInputs_IsRefusedWithOneLineAndTouchesNothing(string[] template)
    {
        using var folder = new ScratchFolder();
        string[] args = Arguments(template, folder);
        string reference = Path.Combine(folder.File("reference"), "run");
        string killed = Path.Combine(folder.File("killed"), "run");
        Expect.Success(CliRunner.Run([.. args, "--out", reference]));
        Directory.CreateDirectory(killed);
        File.Copy(Path.Combine(reference, "manifest.json"), Path.Combine(killed, "manifest.json"));
        var before = folder.Snapshot();

        var changed = CliRunner.Run([.. args, "--out", killed, "--resume", "--seed", "99"]);

        Assert.Equal(2, changed.Exit);
        Assert.Single(changed.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: cannot resume ", changed.Error, StringComparison.Ordinal);
        Assert.Contains("-> 99", changed.Error, StringComparison.Ordinal);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public void Resume_ManifestOfAnotherKind_IsRefused()
    {
        using var folder = new ScratchFolder();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 100));
        string evidence = folder.File("evidence");
        Expect.Success(CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--live", "60", "--out", evidence));
        string killed = folder.File("killed");
        Directory.CreateDirectory(killed);
        File.Copy(Path.Combine(evidence, "manifest.json"), Path.Combine(killed, "manifest.json"));

        var fit = CliRunner.Run("fit", prior, "--out", killed, "--resume");

        Assert.Equal(2, fit.Exit);
        Assert.Contains("its manifest.json is not a ", fit.Error, StringComparison.Ordinal);
        Assert.Equal(["manifest.json"], RunFolderComparison.Files(killed));
    }

    private static string[] Arguments(string[] template, ScratchFolder folder)
    {
        string prior = folder.Write("fit.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 200));
        return [.. template.Select(a => a == "{prior}" ? prior : a)];
    }
}
