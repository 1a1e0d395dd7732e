using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Runs.Reports;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Optimization;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>
/// One fit (<see cref="FitRunKind"/>): its resolved settings and move, its manifest, and the phases
/// <see cref="RunLifecycle"/> calls. The sampling itself is in <c>FitPlan.Sampling.cs</c>.
/// </summary>
public sealed partial class FitPlan : IRunPlan
{
    /// <summary>Key of the initial ensemble: <c>root.Split(InitialEnsembleStream)</c>.</summary>
    public const ulong InitialEnsembleStream = ulong.MaxValue;

    /// <summary>Key of the mode search of <c>sampler.starts: optimize</c>: <c>root.Split(ModeSearchStream)</c>.</summary>
    public const ulong ModeSearchStream = ulong.MaxValue - 2;

    private readonly FitOptions _options;
    private readonly FitSamplerSettings _settings;
    private readonly IEnsembleMove _move;
    private ChainTableWriter? _writer;
    private ResumeCheckpoint? _checkpoint;
    private EnsembleState? _start;

    /// <summary>A fit of <paramref name="spec"/> (every sampler setting resolved) with <paramref name="settings"/>.</summary>
    public FitPlan(FitOptions options, PriorFileSpec spec, FitSamplerSettings settings, JsonObject overrides)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        RecordedSpec = spec;
        Overrides = overrides ?? throw new ArgumentNullException(nameof(overrides));
        _move = FitSettings.BuildMove(spec.Sampler.Moves);
    }

    public PriorFileSpec RecordedSpec { get; }

    public ulong Seed => _settings.Seed;

    public JsonObject Overrides { get; }

    public IReadOnlyList<string> Columns(IPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        return [.. ChainTableSink.SchemaFor(posterior.Space, posterior.DerivedNames).Names];
    }

    public RunManifest Manifest(ManifestInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var identity = new JsonObject
        {
            ["block_steps"] = _settings.BlockSteps,
            ["thin"] = _settings.Thin,
            ["until_converged"] = ManifestSections.Rule(_settings.UntilConverged),
        };
        return RunManifest.Create(RunManifest.Format, null, inputs, inputs.Spec.IdentityHash(), identity, SamplerSection(inputs.Spec));
    }

    public string DryRunSettings(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return string.Create(CultureInfo.InvariantCulture,
            $"  sampler: {_settings.Walkers} walkers x {_settings.Steps} steps{(_settings.UntilConverged is null ? "" : " (at most; until converged)")}, seed {_settings.Seed}, moves {string.Join(" + ", RecordedSpec.Sampler.Moves.Select(kv => $"{kv.Key} {kv.Value}"))}, {run.Threads} thread(s)");
    }

    public string DryRunEstimate(RunContext run, double medianMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        double estimate = medianMilliseconds * 1e-3 * _settings.Walkers * _settings.Steps / run.Threads;
        return $"  estimated sampling time at the median cost: {RunText.Duration(TimeSpan.FromSeconds(estimate))} (walkers x steps x cost / threads; prior draws cost more or less than posterior points)";
    }

    public async Task<int> CompleteFinishedAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        long? before = (long?)run.PreviousManifest?["sampler"]?["steps"];
        if (before is { } b && b != _settings.Steps)
        {
            throw new UserInputException($"{run.Shown} holds a finished run of {b} steps; a finished chains.parquet cannot be extended to {_settings.Steps}: start a new run with --out DIR");
        }
        string chains = ChainRunFiles.FinalPath(run.RunDirectory);
        try
        {
            await ChainTableReader.ReadSchemaAsync(chains).ConfigureAwait(false);
        }
        catch (ChainTableException e)
        {
            throw new UserInputException($"cannot resume {run.Shown}: {ChainRunFiles.FinalFileName} is damaged ({e.Problem}); its parts are gone, so it cannot be rebuilt: start a new run with --out DIR");
        }
        if (File.Exists(Path.Combine(run.RunDirectory, "summary.json")))
        {
            ChainTableWriter.RemoveRunState(run.RunDirectory);
            await run.Output.WriteLineAsync($"{run.Shown} is already complete (chains.parquet, summary.md); nothing to resume").ConfigureAwait(false);
            return 0;
        }
        // Finalised by a build that removed the checkpoint before the summary, and interrupted in between:
        // write the summary (the tallies went with the checkpoint).
        var tallies = RunTallies.None with { Sessions = 1 };
        var summary = await FitSummary.ComputeAsync(chains, run.Build, run.Manifest, _settings, tallies.Cost(run.Threads), "completed (summary written on resume; timing lost)", run.Threads).ConfigureAwait(false);
        summary.Write(run.RunDirectory);
        await run.Output.WriteLineAsync($"{run.Shown}: chains.parquet was complete; wrote summary.md and summary.json").ConfigureAwait(false);
        await RunReportsAsync(run, chains, summary).ConfigureAwait(false);
        ChainTableWriter.RemoveRunState(run.RunDirectory);
        return 0;
    }

    public async Task PrepareResumeAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var resume = await ChainTableWriter.ResumeAsync(run.RunDirectory, Schema(run)).ConfigureAwait(false);
        _writer = resume.Writer ?? throw new InvalidOperationException($"{run.Shown} holds a finished run; it is completed, not resumed");
        _checkpoint = resume.Checkpoint;
        if (_checkpoint is null) return;
        var space = run.Posterior.Space;
        string? problem = _checkpoint.ConfigHash != run.Manifest.IdentityHash ? "its checkpoint was written by a run with another configuration (prior file, data or settings)"
            : _checkpoint.Key != run.RootKey ? "its checkpoint has another random key (seed)"
            : _checkpoint.Walkers != _settings.Walkers || _checkpoint.Dimension != space.Dimension ? $"its checkpoint holds {_checkpoint.Walkers} walkers × {_checkpoint.Dimension} parameters"
            : !_checkpoint.DerivedNames.SequenceEqual(run.Posterior.DerivedNames, StringComparer.Ordinal) ? "its checkpoint has other derived values (datasets)"
            : _checkpoint.NextStep > _settings.Steps ? $"it is already at step {_checkpoint.NextStep}, beyond --steps {_settings.Steps}"
            : null;
        if (problem is not null)
        {
            throw new UserInputException($"cannot resume {run.Shown}: {problem}; start a new run with --out DIR");
        }
    }

    public void PrepareStart(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_checkpoint is { } c)
        {
            _start = EnsembleState.Create(c.Walkers, c.Dimension, c.DerivedNames.Length, c.Positions.AsSpan(), c.LogPosteriors.AsSpan(), c.Derived.AsSpan(), c.NextStep);
            return;
        }
        try
        {
            var starts = FitSettings.StartsOf(RecordedSpec);
            if (RecordedSpec.Sampler.SearchesForMode)
            {
                var search = ModeSearch.ForEnsemble(_settings.Walkers, starts.Length);
                var mode = search.Find(run.Posterior, run.RootKey.Split(ModeSearchStream), run.Threads, run.Stop);
                run.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"starts: {search.Starts} prior draws polished by Nelder-Mead in {mode.Evaluations} calls; best ln p = {mode.LogPosterior:0.###}; the walkers start at the {mode.EndsInTheBulk().Length} search ends within the lagging threshold of it"));
                _start = mode.StartAtEnds(run.Posterior, _settings.Walkers, run.RootKey.Split(InitialEnsembleStream));
                return;
            }
            _start = InitialEnsemble.Draw(run.RootKey.Split(InitialEnsembleStream), run.Posterior, _settings.Walkers, starts,
                InitialEnsemble.DefaultMaxDrawsPerWalker, run.Threads);
        }
        catch (InvalidOperationException e)
        {
            string reason = FailureReasons.Group(run.Build.Transport?.Failures.Snapshot() ?? []) is { Count: > 0 } f ? $" Most common failure: {f[0].Key} ({f[0].Value} times)." : "";
            throw new UserInputException(e.Message + reason);
        }
    }

    /// <summary>Runs the post-run reports on the finished <paramref name="chains"/> with the summary's burn-in, best fit and τ.</summary>
    private Task RunReportsAsync(RunContext run, string chains, FitSummary summary)
    {
        var names = RecordedSpec.FreeParams.Select(p => p.Name).ToArray();
        var tau = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length && i < summary.Chain.Parameters.Length; i++) tau[names[i]] = summary.Chain.Parameters[i].Tau.Tau;
        var outcome = new RunOutcome(run.RunDirectory, chains, run.Build, run.Manifest, IsWeighted: false, summary.BurnInSteps, summary.BestFit, tau,
            $"burn-in of {summary.BurnInSteps} steps dropped");
        return PostRunReports.RunAllAsync(_options.Reports, outcome, run.Output, CancellationToken.None);
    }

    private static ChainTableSchema Schema(RunContext run) => ChainTableSink.SchemaFor(run.Posterior.Space, run.Posterior.DerivedNames);

    /// <summary>The manifest's <c>sampler</c> section.</summary>
    private JsonObject SamplerSection(PriorFileSpec spec)
    {
        var section = new JsonObject
        {
            ["algorithm"] = "affine-invariant ensemble sampler, red-blue half-ensemble updates (Goodman & Weare 2010; Foreman-Mackey et al. 2013)",
            ["walkers"] = _settings.Walkers,
            ["steps"] = _settings.Steps,
            ["seed"] = _settings.Seed,
            ["moves"] = ManifestSections.Object(spec.Sampler.Moves.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
            ["move"] = _move.Name,
            ["thin"] = _settings.Thin,
            ["block_steps"] = _settings.BlockSteps,
            ["until_converged"] = ManifestSections.Rule(_settings.UntilConverged),
            ["relocate_lagging_until_step"] = _settings.RelocateLaggingUntilStep,
            ["relocate_lagging"] = _settings.RelocateLaggingUntilStep > 0
                ? "before this step, every 50 steps, walkers with ln p more than 5 + 3 sqrt(D/2) below the ensemble median are moved onto copies of random other walkers (Hou et al. 2012); these steps are burn-in"
                : "none",
            ["initial_ensemble"] = "each parameter from its ref ball (sampled coordinates: ln x for log-uniform priors, sigma/mean relative width) or its prior; walkers with log posterior -inf redrawn",
            ["random_keys"] = "step t: RandomKey.FromSeed(seed).Split(t); initial ensemble: .Split(2^64-1); prior-draw check: .Split(2^64-2)"
                + (spec.Sampler.SearchesForMode ? "; mode search: .Split(2^64-3)" : ""),
        };
        // Only for sampler.starts: optimize, so that the manifests of other runs stay as they were.
        if (spec.Sampler.SearchesForMode)
        {
            section["starts"] = "optimize: one prior draw per walker polished by Nelder-Mead (Gao & Han 2012 coefficients), the best 4 restarted; walkers at the search ends within 5 + 3 sqrt(D/2) of the best ln p, cycled, each moved by 1e-3 sigma_i, sigma_i = 1/sqrt(-d2 ln p/dy_i2) at the best point (ModeSearch)";
        }
        return section;
    }
}
