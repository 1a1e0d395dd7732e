using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Runs.Manifests;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// One kind of run (a fit, nested sampling, parallel tempering, …): what it writes into its folder and how
/// it turns a prior file and options into a <see cref="IRunPlan"/>. <see cref="RunLifecycle"/> does the rest,
/// the same for every kind. A new kind is one class implementing this interface plus one line in
/// <see cref="RunKinds"/> (and a command of the front end that starts it).
/// </summary>
public interface IRunKind
{
    /// <summary>The catalogue name (<c>fit</c>, <c>nested</c>, <c>pt</c>).</summary>
    string Name { get; }

    /// <summary>The <c>format</c> of this kind's <c>manifest.json</c>; a resume reads only a manifest of this format.</summary>
    string ManifestFormat { get; }

    /// <summary>How this kind's files show in a run folder.</summary>
    RunFolderLayout Layout { get; }

    /// <summary>The run folder when <see cref="RunOptions.OutputDirectory"/> is not given.</summary>
    string DefaultDirectory(string priorFile);

    /// <summary>The command line that resumes the run <paramref name="options"/> describe (for messages).</summary>
    string ResumeCommand(RunOptions options);

    /// <summary>
    /// Resolves every setting of the run (command line, then the settings <paramref name="previousManifest"/>
    /// carried from the original command line, then the prior file, then defaults); user errors are thrown.
    /// </summary>
    IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads);
}

/// <summary>
/// One run of a kind, from its resolved settings to its results. <see cref="RunLifecycle"/> calls the members
/// in this order: <see cref="Columns"/> and <see cref="Manifest"/> once the posterior is built; then either
/// the dry-run lines, or (resuming) <see cref="CompleteFinishedAsync"/> or <see cref="PrepareResumeAsync"/>;
/// then <see cref="PrepareStart"/>, and after the manifest is written, <see cref="SampleAsync"/>.
/// </summary>
public interface IRunPlan
{
    /// <summary>The prior file with the run's settings resolved, as the manifest records it.</summary>
    PriorFileSpec RecordedSpec { get; }

    /// <summary>The user seed; the run's root key is <c>RandomKey.FromSeed(Seed)</c>.</summary>
    ulong Seed { get; }

    /// <summary>Settings given on the command line (the manifest's <c>command_line_overrides</c>; a resume carries them over).</summary>
    JsonObject Overrides { get; }

    /// <summary>The columns of the run's sample table for <paramref name="posterior"/>.</summary>
    IReadOnlyList<string> Columns(IPosterior posterior);

    /// <summary>The run manifest (its sampler section and identity are the kind's).</summary>
    RunManifest Manifest(ManifestInputs inputs);

    /// <summary>Dry run: one line describing the sampler settings.</summary>
    string DryRunSettings(RunContext run);

    /// <summary>Dry run: one line estimating the sampling time from the median cost of one evaluation.</summary>
    string DryRunEstimate(RunContext run, double medianMilliseconds);

    /// <summary><c>--resume</c> of a finished run: complete what is missing (or nothing) and return the exit code.</summary>
    Task<int> CompleteFinishedAsync(RunContext run);

    /// <summary><c>--resume</c> of an interrupted run: load and check its checkpoint (the identity already matched).</summary>
    Task PrepareResumeAsync(RunContext run);

    /// <summary>Before the folder is written: whatever a start needs (the fit's initial ensemble). Errors are still user errors.</summary>
    void PrepareStart(RunContext run);

    /// <summary>Samples, writes the results and the reports; returns the exit code.</summary>
    Task<int> SampleAsync(RunContext run);
}
