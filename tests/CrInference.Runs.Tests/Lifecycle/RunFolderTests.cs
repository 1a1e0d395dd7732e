using CrInference.Runs.Evidence;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Tests.Lifecycle;

/// <summary>
/// The folder rules every run kind shares (<see cref="RunLifecycle"/>, <see cref="RunFolderLayout"/>): another kind's
/// run is never overwritten, and a resume needs the run's manifest. Each refusal is one line and writes nothing.
/// </summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public RunFolderTests() => Environment.SetEnvironmentVariable("CRINF_ROOT", TestRepository.Root);

    public void Dispose() => _folder.Dispose();

    private static string Prior => TestRepository.PathOf("priors/tests/gaussian-3d.yaml");

    [Fact]
    public async Task Fit_FolderOfAFinishedEvidenceRun_IsRefusedNamingIt()
    {
        string run = _folder.Write("run/evidence.json", "{}");
        var before = _folder.Snapshot();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunLifecycle.ExecuteAsync(FitRunKind.Instance, new FitOptions(Prior) { OutputDirectory = Path.GetDirectoryName(run) }, TextWriter.Null));

        Assert.Contains("holds a finished evidence run (evidence.json); nothing was overwritten", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Nested_FolderOfAnInterruptedTemperingRun_IsRefusedNamingIt()
    {
        string run = _folder.Write("run/checkpoint-pt.json", "{}");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunLifecycle.ExecuteAsync(NestedRunKind.Instance, new EvidenceOptions(Prior) { OutputDirectory = Path.GetDirectoryName(run) }, TextWriter.Null));

        Assert.Contains("holds an interrupted --method pt run (checkpoint-pt.json)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_WithoutTheRunsManifest_IsRefused()
    {
        string run = _folder.Write("run/checkpoint-nested.json", "{}");
        var before = _folder.Snapshot();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunLifecycle.ExecuteAsync(NestedRunKind.Instance, new EvidenceOptions(Prior) { OutputDirectory = Path.GetDirectoryName(run), Resume = true }, TextWriter.Null));

        Assert.Contains("manifest.json is missing or is not a crinference-evidence-manifest/1 manifest", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public void Catalogue_KindsHaveDistinctNamesAndFindTheirManifests()
    {
        Assert.Equal(RunKinds.All.Count, RunKinds.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Same(FitRunKind.Instance, RunKinds.OfManifest(new() { ["format"] = Manifests.RunManifest.Format }));
        Assert.Same(TemperingRunKind.Instance, RunKinds.OfManifest(new() { ["format"] = Manifests.RunManifest.EvidenceFormat, ["method"] = "pt" }));
        Assert.Null(RunKinds.OfManifest(new() { ["format"] = "other" }));
    }
}
