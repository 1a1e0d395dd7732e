using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Sampling.Nested;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// <c>crinf evidence</c> (default method <c>nested</c>): ln Z by nested sampling (<see cref="NestedSampler"/>:
/// multi-ellipsoid rejection, then slice sampling), with the dead points and their importance weights as
/// <c>samples.parquet</c>. Settings: command line, then the original run's, then the prior file's <c>nested:</c>
/// section, then <see cref="EvidenceDefaults"/>.
/// </summary>
public sealed class NestedRunKind : EvidenceRunKind
{
    private NestedRunKind()
    {
    }

    /// <summary>The one instance.</summary>
    public static NestedRunKind Instance { get; } = new();

    public override string Name => "nested";

    public override EvidenceWording Wording { get; } = new(
        "nested sampling",
        "nested-sampling importance weights (normalised)",
        "importance-weighted dead points",
        "Weighted by the dead points' posterior weights; quantiles interpolate the weighted empirical distribution (midpoint rule).",
        "nested-sampling posterior (importance-weighted dead points)");

    protected override string DirectorySuffix => "-evidence";

    public override IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (evidence, inherited) = Unpack(options, previousManifest);
        if (evidence.Walkers is not null || evidence.Temperatures is not null || evidence.BurnIn is not null || evidence.Steps is not null)
        {
            throw new UserInputException("--walkers, --temperatures, --burn-in and --steps apply to --method pt; nested sampling takes --live and --dlogz");
        }
        var overrides = new JsonObject();
        int d = spec.FreeParams.Count();
        int live = SettingPick.Pick(evidence.Live, inherited, "live", v => (int)v, v => v, spec.Nested?.Live, EvidenceDefaults.Live, overrides);
        double dlogz = SettingPick.Pick(evidence.DLogZ, inherited, "dlogz", v => (double)v, v => v, spec.Nested?.DeltaLogZ, EvidenceDefaults.DLogZ, overrides);
        ulong seed = SettingPick.Pick(evidence.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Nested?.Seed, EvidenceDefaults.Seed, overrides);
        int minimum = 2 * d + 2;
        if (live < minimum)
        {
            string problem = $"{live} live points are too few for {d} free parameters (nested sampling needs at least 2 x {d} + 2 = {minimum})";
            throw evidence.Live is null && inherited?["live"] is null && spec.Nested?.Live is not null
                ? PriorFileLocation.Error(spec, "nested.live", problem)
                : new UserInputException($"--live {live}: {problem}");
        }
        if (!(dlogz > 0) || double.IsInfinity(dlogz)) throw new UserInputException($"--dlogz must be a finite number > 0 (got {dlogz})");
        var settings = new NestedSettings { LiveCount = live, DLogZ = dlogz, BatchSize = EvidenceDefaults.BatchSizeFor(live), MaxThreads = threads };
        Validate(() => settings.Validate(d), "nested sampling");
        var recorded = spec with { Nested = new NestedSpec(live, dlogz, seed) };
        return new NestedPlan(this, evidence, seed, settings, recorded, overrides, Identity(settings, seed, d));
    }

    /// <summary>Every setting that changes the result.</summary>
    private static JsonObject Identity(NestedSettings settings, ulong seed, int d) => new()
    {
        ["seed"] = seed,
        ["live"] = settings.LiveCount,
        ["dlogz"] = settings.DLogZ,
        ["batch_size"] = settings.BatchSize,
        ["unit_cube_fraction"] = settings.UnitCubeFraction,
        ["enlargement"] = settings.Enlargement,
        ["bound_update_interval"] = settings.BoundUpdateInterval,
        ["sampler"] = settings.Sampler.ToString().ToLowerInvariant(),
        ["slice_dimension"] = settings.SliceDimension,
        ["min_rejection_efficiency"] = settings.MinRejectionEfficiency,
        ["slices"] = settings.SlicesFor(d),
        ["error_simulations"] = settings.ErrorSimulations,
    };
}

/// <summary>One nested-sampling evidence run (<see cref="NestedRunKind"/>).</summary>
public sealed class NestedPlan(NestedRunKind kind, EvidenceOptions options, ulong seed, NestedSettings settings, PriorFileSpec recordedSpec,
    JsonObject overrides, JsonObject identity)
    : EvidencePlan<NestedState, NestedResult>(kind, options, seed, recordedSpec, overrides, identity, SamplerSectionOf(identity))
{
    protected override long DefaultCheckpointInterval => EvidenceDefaults.CheckpointIterations;

    public override string DryRunSettings(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Invariant($"  nested sampling: {settings.LiveCount} live points, dlogz {settings.DLogZ}, batches of {settings.BatchSize}, seed {Seed}, {run.Threads} thread(s)");
    }

    public override string DryRunEstimate(RunContext run, double medianMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"  time per 100000 likelihood calls at the median cost: {Reports.RunText.Duration(TimeSpan.FromSeconds(medianMilliseconds * 1e-3 * 1e5 / run.Threads))} (nested sampling needs ~n_live x (H + a few) iterations and 5-50 calls per iteration)";
    }

    protected override NestedResult Start(RunContext run, IProgress<NestedState> progress) =>
        NestedSampler.Run(run.Posterior.Inner, settings, run.RootKey, progress, run.Stop);

    protected override NestedResult Resume(RunContext run, NestedState state, IProgress<NestedState> progress) =>
        NestedSampler.Resume(run.Posterior.Inner, state with { Settings = state.Settings with { MaxThreads = run.Threads } }, progress, run.Stop);

    protected override string StartLine(RunContext run, NestedState? resumed) => Invariant(
        $"evidence {run.Build.Spec.Model} (nested sampling): {run.Posterior.Space.Dimension} free parameters, {settings.LiveCount} live points, dlogz {settings.DLogZ}, seed {Seed}, {run.Threads} thread(s){(resumed is null ? "" : $", resuming at iteration {resumed.Iteration}")} -> {run.Shown}");

    protected override long Position(NestedState state) => state.Dead.Count;

    protected override bool IsFinished(NestedState state) => state.IsFinished;

    protected override string? ProgressLine(NestedState first, NestedState now, TimeSpan elapsed)
    {
        if (now.Live.IsEmpty) return null;
        double maxLogL = now.Live.Max(p => p.LogLikelihood);
        double remaining = double.IsNegativeInfinity(now.LogZ) ? double.PositiveInfinity : Math.Log(1 + Math.Exp(maxLogL + now.LogX - now.LogZ));
        double rate = elapsed.TotalSeconds > 0 ? (now.LikelihoodCalls - first.LikelihoodCalls) / elapsed.TotalSeconds : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"iteration {now.Iteration}, ln Z {now.LogZ:0.###}, remaining {remaining:0.###} (stop below {settings.DLogZ}), ln X {now.LogX:0.##}, {now.LikelihoodCalls} calls ({rate:0}/s), {(now.SliceFromIteration is null ? "rejection" : "slice")} sampler");
    }

    protected override string InterruptedAt(NestedState? latest) =>
        latest is { } s ? Invariant($"at iteration {s.Iteration} (ln Z so far {s.LogZ:0.###})") : "before the live points were drawn";

    protected override EvidenceOutcome Outcome(RunContext run, NestedResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        var samples = WeightedSampleTable.FromNested(result, run.Posterior.Space, run.Posterior.DerivedNames.Count);
        string[] lines =
        [
            Invariant($"| Sampler | nested sampling, {settings.LiveCount} live points, dlogz {settings.DLogZ}, batches of {settings.BatchSize}, seed {Seed}; {result.Iterations} iterations, {result.BoundUpdates} bound updates, {(result.SliceFromIteration is { } it ? $"slice sampling from iteration {it}" : "rejection sampling throughout")}; stopped: {Status(result.Status)} |"),
            Invariant($"| Evidence | **ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}** (√(H/n); simulated {result.LogZErrorSimulated:0.000}); information H = {result.Information:0.00} nats{ExactText(run, result.LogZ, result.LogZError)} |"),
        ];
        var evidence = new JsonObject
        {
            ["method"] = "nested",
            ["log_z"] = RunJson.Number(result.LogZ),
            ["log_z_err"] = RunJson.Number(result.LogZError),
            ["log_z_err_definition"] = "sqrt(H / n_live) (Skilling 2006)",
            ["log_z_err_simulated"] = RunJson.Number(result.LogZErrorSimulated),
            ["log_z_err_simulated_definition"] = "standard deviation of ln Z over re-integrations with every shrinkage factor redrawn (same dead points)",
            ["information_nats"] = RunJson.Number(result.Information),
            ["likelihood_calls"] = result.LikelihoodCalls,
            ["wall_seconds"] = 0,
            ["iterations"] = result.Iterations,
            ["dead_points"] = result.DeadPoints.Length,
            ["effective_sample_size"] = RunJson.Number(result.EffectiveSampleSize),
            ["status"] = Status(result.Status),
            ["bound_updates"] = result.BoundUpdates,
            ["slice_from_iteration"] = result.SliceFromIteration,
        };
        string headline = Invariant($"ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}, H = {result.Information:0.00} nats, {result.LikelihoodCalls} likelihood calls");
        return new EvidenceOutcome(samples, evidence, lines, headline, result.LikelihoodCalls, result.LogZ, result.LogZError);
    }

    private static string Status(NestedStatus status) => status switch
    {
        NestedStatus.Converged => "converged (remaining evidence below dlogz)",
        NestedStatus.MaxIterations => "iteration limit (ln Z may be biased low)",
        NestedStatus.MaxLikelihoodCalls => "likelihood-call limit (ln Z may be biased low)",
        _ => status.ToString(),
    };

    /// <summary>The manifest's <c>sampler</c> section.</summary>
    private static JsonObject SamplerSectionOf(JsonObject identity) => new()
    {
        ["algorithm"] = "nested sampling (Skilling 2004, 2006): live points drawn through the priors' unit-interval maps, multi-ellipsoid rejection sampling, random-direction slice sampling once rejection becomes inefficient (CrInference.Sampling.Nested.NestedSampler)",
        ["settings"] = identity.DeepClone(),
        ["termination"] = "ln(Z + L_max X) - ln Z < dlogz, then the live points are added with shrinking live counts",
        ["random_keys"] = "RandomKey.FromSeed(seed): initial live point k .Split(0).Split(k); replacement k of batch b .Split(1).Split(b).Split(k); error simulations .Split(2); prior-draw check .Split(2^64-2)",
    };
}
