using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Runs.Reports;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>What a finished evidence sampler produced, in the form every evidence run writes.</summary>
/// <param name="Samples">The weighted posterior samples (<c>samples.parquet</c>).</param>
/// <param name="Evidence">The method's numbers for <c>evidence.json</c> (the plan adds seed, settings and context).</param>
/// <param name="SummaryLines">Header-table rows (Markdown) describing the sampler and ln Z.</param>
/// <param name="Headline">The numbers of the closing console line.</param>
/// <param name="LikelihoodCalls">Likelihood calls of the sampler.</param>
/// <param name="LogZ">ln Z.</param>
/// <param name="LogZError">Its error.</param>
public sealed record EvidenceOutcome(WeightedSampleTable Samples, JsonObject Evidence, IReadOnlyList<string> SummaryLines, string Headline, long LikelihoodCalls,
    double LogZ, double LogZError);

/// <summary>
/// One evidence run, the same for every method: the manifest (identity: the prior file's posterior, the data,
/// the method and every result-changing setting), the checkpoint read on <c>--resume</c>, the sampling with
/// checkpoints and progress lines (<see cref="EvidenceCheckpointer{TState}"/>), an interruption, and the finish:
/// <c>samples.parquet</c>, the summary, the reports, <c>evidence.json</c> (which marks the run complete), and the
/// checkpoint's removal. A method supplies only its
/// sampler calls and its numbers (<see cref="NestedPlan"/>, <see cref="TemperingPlan"/>).
/// </summary>
/// <remarks>
/// Checkpoints: the first state, then every <see cref="EvidenceOptions.CheckpointSeconds"/> (10 s) or
/// checkpoint interval (nested: iterations; PT: steps), whichever comes first, and the last. The samplers draw
/// every random number from keys that depend only on the state, so a resumed run writes the same
/// <c>samples.parquet</c> and the same <c>evidence.json</c> numbers (wall time and sessions aside) as an
/// uninterrupted one, for any thread count; a kill -9 loses at most the work since the last checkpoint.
/// </remarks>
/// <typeparam name="TState">The sampler's resumable state.</typeparam>
/// <typeparam name="TResult">The sampler's result.</typeparam>
public abstract class EvidencePlan<TState, TResult> : IRunPlan
    where TState : class
{
    private EvidenceCheckpoint<TState>? _previous;

    /// <summary>A run of <paramref name="kind"/> with its settings resolved.</summary>
    protected EvidencePlan(EvidenceRunKind kind, EvidenceOptions options, ulong seed, PriorFileSpec recordedSpec, JsonObject overrides,
        JsonObject identitySettings, JsonObject samplerSection)
    {
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Seed = seed;
        RecordedSpec = recordedSpec ?? throw new ArgumentNullException(nameof(recordedSpec));
        Overrides = overrides ?? throw new ArgumentNullException(nameof(overrides));
        IdentitySettings = identitySettings ?? throw new ArgumentNullException(nameof(identitySettings));
        SamplerSection = samplerSection ?? throw new ArgumentNullException(nameof(samplerSection));
    }

    /// <summary>The method.</summary>
    public EvidenceRunKind Kind { get; }

    /// <summary>What the run was asked to do.</summary>
    protected EvidenceOptions Options { get; }

    public ulong Seed { get; }

    public PriorFileSpec RecordedSpec { get; }

    public JsonObject Overrides { get; }

    /// <summary>Every setting that changes the result (part of the run's identity, and of <c>evidence.json</c>).</summary>
    protected JsonObject IdentitySettings { get; }

    /// <summary>The manifest's <c>sampler</c> section.</summary>
    protected JsonObject SamplerSection { get; }

    /// <summary>Iterations (PT: steps) between checkpoints when <see cref="EvidenceOptions.CheckpointInterval"/> is not given.</summary>
    protected abstract long DefaultCheckpointInterval { get; }

    public IReadOnlyList<string> Columns(IPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        return [.. WeightedSampleTable.SchemaFor(posterior.Space, posterior.DerivedNames).Names];
    }

    public RunManifest Manifest(ManifestInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var identity = new JsonObject { ["method"] = Kind.Name, ["settings"] = IdentitySettings.DeepClone() };
        return RunManifest.Create(RunManifest.EvidenceFormat, Kind.Name, inputs, RunManifest.PosteriorIdentityHash(inputs.Spec), identity, SamplerSection);
    }

    public abstract string DryRunSettings(RunContext run);

    public abstract string DryRunEstimate(RunContext run, double medianMilliseconds);

    public async Task<int> CompleteFinishedAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        AtomicFile.Delete(Path.Combine(run.RunDirectory, Kind.CheckpointFileName));
        await run.Output.WriteLineAsync($"{run.Shown} is already complete ({EvidenceRunKind.EvidenceFileName}, {EvidenceRunKind.SamplesFileName}, summary.md); nothing to resume").ConfigureAwait(false);
        return 0;
    }

    public Task PrepareResumeAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var previous = EvidenceCheckpoint.Read<TState>(Path.Combine(run.RunDirectory, Kind.CheckpointFileName));
        if (previous.IdentityHash != run.Manifest.IdentityHash || previous.Method != Kind.Name)
        {
            throw new UserInputException($"cannot resume {run.Shown}: its checkpoint was written by a run with another configuration (prior file, data or settings); start a new run with --out DIR");
        }
        _previous = previous;
        return Task.CompletedTask;
    }

    public void PrepareStart(RunContext run)
    {
    }

    public async Task<int> SampleAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var checkpointer = new EvidenceCheckpointer<TState>(Path.Combine(run.RunDirectory, Kind.CheckpointFileName), Kind.Name, run.Manifest.IdentityHash,
            _previous, run.Build.Transport?.Failures, run.Clock, Options.CheckpointSeconds, Options.CheckpointInterval ?? DefaultCheckpointInterval, Options.CheckpointWritten);
        var progress = new EvidenceProgress<TState>(run.Output, Path.GetFileName(run.RunDirectory), checkpointer, run.Clock, Position, IsFinished, ProgressLine);
        await run.Output.WriteLineAsync(StartLine(run, _previous?.State)).ConfigureAwait(false);
        TResult result;
        try
        {
            result = _previous is null ? Start(run, progress) : Resume(run, _previous.State, progress);
        }
        catch (OperationCanceledException) when (run.Stop.IsCancellationRequested)
        {
            checkpointer.Flush();
            string where = InterruptedAt(checkpointer.Latest);
            await run.Output.WriteLineAsync($"interrupted {where}; {(checkpointer.Latest is null ? "nothing to resume" : $"checkpoint in {run.Shown}")}. Continue with: {run.ResumeCommand}").ConfigureAwait(false);
            return RunDefaults.InterruptedExitCode;
        }
        catch (InvalidOperationException e) when (_previous is not null && e.Message.StartsWith("checkpoint", StringComparison.Ordinal))
        {
            throw new UserInputException($"cannot resume {run.Shown}: {e.Message}");
        }
        catch (InvalidOperationException e) when (IsUserError(e))
        {
            throw new UserInputException(e.Message);
        }
        return await FinishAsync(run, Outcome(run, result), checkpointer).ConfigureAwait(false);
    }

    /// <summary>Starts the sampler from the root key.</summary>
    protected abstract TResult Start(RunContext run, IProgress<TState> progress);

    /// <summary>Continues the sampler from <paramref name="state"/> (with this session's threads).</summary>
    protected abstract TResult Resume(RunContext run, TState state, IProgress<TState> progress);

    /// <summary>The opening line: method, settings, seed, threads, where it resumes and the folder.</summary>
    protected abstract string StartLine(RunContext run, TState? resumed);

    /// <summary>How far <paramref name="state"/> is (iterations, steps): the checkpoint interval counts in this unit.</summary>
    protected abstract long Position(TState state);

    /// <summary>Whether <paramref name="state"/> is the sampler's last.</summary>
    protected abstract bool IsFinished(TState state);

    /// <summary>A progress line for <paramref name="now"/>, <paramref name="elapsed"/> after <paramref name="first"/>; null: none.</summary>
    protected abstract string? ProgressLine(TState first, TState now, TimeSpan elapsed);

    /// <summary>Where an interrupted run stopped, e.g. <c>at iteration 1200 (ln Z so far -8.9)</c>.</summary>
    protected abstract string InterruptedAt(TState? latest);

    /// <summary>Whether a sampler's <see cref="InvalidOperationException"/> is about the user's settings.</summary>
    protected virtual bool IsUserError(InvalidOperationException exception) => false;

    /// <summary>The samples, numbers and summary rows of the finished sampler.</summary>
    protected abstract EvidenceOutcome Outcome(RunContext run, TResult result);

    /// <summary>"; exact ln Z = … (Δ = … σ)" for a test problem with a known evidence, else "".</summary>
    protected static string ExactText(RunContext run, double logZ, double error)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Build.TestProblem?.ExactLogEvidence is { } exact
            ? Invariant($"; exact ln Z = {exact:0.0000} (Δ = {logZ - exact:+0.000;-0.000} = {(logZ - exact) / error:+0.0;-0.0} σ)")
            : "";
    }

    /// <summary>An interpolated string with the invariant culture.</summary>
    protected static string Invariant(FormattableString text) => RunText.Invariant(text);

    /// <summary>Writes samples.parquet and the summary, runs the reports, writes evidence.json and removes the checkpoint.</summary>
    private async Task<int> FinishAsync(RunContext run, EvidenceOutcome outcome, EvidenceCheckpointer<TState> checkpointer)
    {
        double wall = checkpointer.WallSeconds;
        var cost = new RunCost(wall, outcome.LikelihoodCalls, checkpointer.Failures(), checkpointer.Sessions, run.Threads);
        // evidence.json: the method's numbers (with a wall_seconds placeholder), seed, settings, context, then the timing.
        var evidence = outcome.Evidence;
        evidence["seed"] = Seed;
        evidence["settings"] = IdentitySettings.DeepClone();
        AddContext(run, evidence, outcome.LogZ, outcome.LogZError);
        evidence["wall_seconds"] = RunJson.Number(wall);
        evidence["timing"] = cost.TimingJson(includeCalls: false);
        string samplesPath = Path.Combine(run.RunDirectory, EvidenceRunKind.SamplesFileName);
        await outcome.Samples.WriteAsync(samplesPath, run.Build.Posterior.DerivedNames, run.Manifest.Text).ConfigureAwait(false);
        var core = evidence.DeepClone().AsObject();
        core.Remove("timing");
        core.Remove("wall_seconds");
        var summary = EvidenceSummary.Compute(run, Kind.Wording, outcome.Samples, core, outcome.SummaryLines, cost);
        summary.Write(run.RunDirectory);
        // The reports before evidence.json: a run killed while they are drawn is still interrupted (its last
        // checkpoint holds the finished state), so --resume draws them again instead of calling the run complete.
        var report = new RunOutcome(run.RunDirectory, samplesPath, run.Build, run.Manifest, IsWeighted: true, 0, summary.BestFit, null, Kind.Wording.CornerTitle);
        await PostRunReports.RunAllAsync(Options.Reports, report, run.Output, CancellationToken.None).ConfigureAwait(false);
        AtomicFile.WriteAllText(Path.Combine(run.RunDirectory, EvidenceRunKind.EvidenceFileName), RunJson.Serialize(evidence) + "\n", durable: true);
        string checkpoint = Path.Combine(run.RunDirectory, Kind.CheckpointFileName);
        AtomicFile.Delete(checkpoint);
        AtomicFile.DeleteTemporaryFile(checkpoint);
        await run.Output.WriteLineAsync(
            $"wrote {RunFiles.Display(samplesPath)} ({outcome.Samples.Count} rows), {EvidenceRunKind.EvidenceFileName}, summary.md, summary.json; {outcome.Headline}, {RunText.Duration(TimeSpan.FromSeconds(wall))}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The context every evidence.json carries: the exact ln Z and pull of a test problem, model, data, prior file, identity.</summary>
    private static void AddContext(RunContext run, JsonObject evidence, double logZ, double error)
    {
        if (run.Build.TestProblem?.ExactLogEvidence is { } exact)
        {
            evidence["exact_log_z"] = RunJson.Number(exact);
            evidence["pull"] = RunJson.Number((logZ - exact) / error);
        }
        evidence["model"] = run.Build.Spec.Model;
        evidence["datasets"] = new JsonArray([.. run.Build.Spec.Datasets.Select(id => (JsonNode?)id)]);
        evidence["prior_file"] = run.Manifest.Root["prior_file"]!["path"]!.DeepClone();
        evidence["identity_hash"] = run.Manifest.IdentityHash;
    }
}
