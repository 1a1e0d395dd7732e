using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Reports;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Tempering;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>One parallel-tempering evidence run (<see cref="TemperingRunKind"/>).</summary>
public sealed class TemperingPlan(TemperingRunKind kind, EvidenceOptions options, ulong seed, TemperingSettings settings, PriorFileSpec recordedSpec,
    JsonObject overrides, JsonObject identity, bool physics)
    : EvidencePlan<TemperingState, TemperingResult>(kind, options, seed, recordedSpec, overrides, identity, SamplerSectionOf(identity, physics))
{
    protected override long DefaultCheckpointInterval => EvidenceDefaults.CheckpointSteps;

    public override string DryRunSettings(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (k, w, calls) = Size(run.Posterior.Space.Dimension);
        return Invariant($"  parallel tempering: {k} temperatures x {w} walkers, {settings.BurnInSteps} burn-in + {settings.Steps} production steps, seed {Seed}, {run.Threads} thread(s): {calls} likelihood calls");
    }

    public override string DryRunEstimate(RunContext run, double medianMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        long calls = Size(run.Posterior.Space.Dimension).Calls;
        double seconds = medianMilliseconds * 1e-3 * calls / Math.Min(run.Threads, settings.Temperatures ?? run.Threads);
        return $"  estimated time at the median cost: {RunText.Duration(TimeSpan.FromSeconds(seconds))} (calls x cost / threads)";
    }

    protected override TemperingResult Start(RunContext run, IProgress<TemperingState> progress) =>
        ParallelTempering.Run(run.Posterior.Inner, settings, run.RootKey, progress, run.Stop);

    protected override TemperingResult Resume(RunContext run, TemperingState state, IProgress<TemperingState> progress) =>
        ParallelTempering.Resume(run.Posterior.Inner, state with { Settings = state.Settings with { Threads = run.Threads } }, progress, run.Stop);

    protected override string StartLine(RunContext run, TemperingState? resumed) => Invariant(
        $"evidence {run.Build.Spec.Model} (parallel tempering): {run.Posterior.Space.Dimension} free parameters, {settings.Temperatures?.ToString(CultureInfo.InvariantCulture) ?? "auto"} temperatures x {settings.WalkersPerTemperature} walkers, {settings.BurnInSteps} burn-in + {settings.Steps} steps, seed {Seed}, {run.Threads} thread(s){(resumed is null ? "" : $", resuming at step {resumed.Step}")} -> {run.Shown}");

    protected override long Position(TemperingState state) => state.Step;

    protected override bool IsFinished(TemperingState state) => state.IsFinished;

    protected override string? ProgressLine(TemperingState first, TemperingState now, TimeSpan elapsed)
    {
        long total = now.Settings.BurnInSteps + now.Settings.Steps;
        double perStep = now.Step > first.Step ? elapsed.TotalSeconds / (now.Step - first.Step) : double.NaN;
        string eta = double.IsFinite(perStep) ? RunText.Duration(TimeSpan.FromSeconds(perStep * (total - now.Step))) : "-";
        return Invariant($"step {now.Step}/{total} ({(now.Step < now.Settings.BurnInSteps ? "burn-in, ladder adapting" : "production")}), {now.LikelihoodCalls} calls, ETA {eta}");
    }

    protected override string InterruptedAt(TemperingState? latest) =>
        latest is { } s ? Invariant($"at step {s.Step} of {s.Settings.BurnInSteps + s.Settings.Steps}") : "before the ensembles were drawn";

    protected override bool IsUserError(InvalidOperationException exception) =>
        exception?.Message.StartsWith("parallel tempering:", StringComparison.Ordinal) == true;

    protected override EvidenceOutcome Outcome(RunContext run, TemperingResult result)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        var samples = WeightedSampleTable.FromTempering(result, run.Posterior.Space);
        double information = InformationGain.FromEvidence(WeightedSamples.FromChain(result.ColdChain), result.LogZ);
        string swaps = string.Join(", ", result.SwapAcceptance.Select(a => a.ToString("0.00", CultureInfo.InvariantCulture)));
        string[] lines =
        [
            Invariant($"| Sampler | parallel tempering, K = {result.Temperatures} temperatures (β_min = {RunText.Format(result.Betas[^1])}, ladder adapted in burn-in), {result.Walkers} walkers each, {result.BurnInSteps} burn-in + {result.Steps} production steps, seed {Seed}; swap acceptance (hot ← cold pairs) {swaps} |"),
            Invariant($"| Evidence | **ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000}** (thermodynamic integration; statistical {result.LogZStatisticalError:0.000}, discretisation {result.LogZDiscretisationError:0.000}); stepping stones {result.LogZSteppingStone:0.000} ± {result.LogZSteppingStoneError:0.000}; information D_KL = {information:0.00} nats{ExactText(run, result.LogZ, result.LogZError)} |"),
            Invariant($"| Error check | τ of the per-step TI estimate {RunText.Format(result.IntegratedTime)} steps, bootstrap blocks of {result.BlockLength} steps: errors {(result.ErrorsTrusted ? "trusted (blocks ≥ 2τ)" : "**not trusted** (blocks < 2τ: run longer with --steps)")} |"),
        ];
        string headline = Invariant($"ln Z = {result.LogZ:0.000} ± {result.LogZError:0.000} (TI), {result.LogZSteppingStone:0.000} ± {result.LogZSteppingStoneError:0.000} (SS), errors {(result.ErrorsTrusted ? "trusted" : "NOT trusted")}, {result.LikelihoodCalls} likelihood calls");
        return new EvidenceOutcome(samples, EvidenceJson(result, information), lines, headline, result.LikelihoodCalls, result.LogZ, result.LogZError);
    }

    /// <summary>Temperatures, walkers per temperature and likelihood calls of the run for <paramref name="dimension"/> parameters.</summary>
    private (int Temperatures, int Walkers, long Calls) Size(int dimension)
    {
        int k = settings.Temperatures ?? TemperingSettings.DefaultTemperatures(dimension);
        int w = settings.WalkersPerTemperature ?? TemperingSettings.DefaultWalkers(dimension);
        return (k, w, (long)k * w * (settings.BurnInSteps + settings.Steps + 1) + settings.PriorDraws);
    }

    private static JsonObject EvidenceJson(TemperingResult result, double information)
    {
        static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)RunJson.Number(v))]);
        return new JsonObject
        {
            ["method"] = "pt",
            ["log_z"] = RunJson.Number(result.LogZ),
            ["log_z_err"] = RunJson.Number(result.LogZError),
            ["log_z_err_definition"] = "thermodynamic integration: block-bootstrap statistical error and discretisation error |I(ladder) - I(every other temperature)| in quadrature",
            ["log_z_err_statistical"] = RunJson.Number(result.LogZStatisticalError),
            ["log_z_err_discretisation"] = RunJson.Number(result.LogZDiscretisationError),
            ["log_z_trapezoid"] = RunJson.Number(result.LogZTrapezoid),
            ["log_z_stepping_stone"] = RunJson.Number(result.LogZSteppingStone),
            ["log_z_stepping_stone_err"] = RunJson.Number(result.LogZSteppingStoneError),
            ["information_nats"] = RunJson.Number(information),
            ["information_definition"] = "<ln L> over the beta = 1 chain - ln Z (TI)",
            ["likelihood_calls"] = result.LikelihoodCalls,
            ["wall_seconds"] = 0,
            ["iterations"] = result.BurnInSteps + result.Steps,
            ["iterations_definition"] = "steps of every tempered ensemble, burn-in included",
            ["temperatures"] = result.Temperatures,
            ["walkers_per_temperature"] = result.Walkers,
            ["burn_in_steps"] = result.BurnInSteps,
            ["steps"] = result.Steps,
            ["errors_trusted"] = result.ErrorsTrusted,
            ["integrated_time_steps"] = RunJson.Number(result.IntegratedTime),
            ["bootstrap_block_steps"] = result.BlockLength,
            ["ladder"] = new JsonObject
            {
                ["betas"] = Numbers(result.Betas),
                ["mean_log_likelihood"] = Numbers(result.MeanLogLikelihood),
                ["mean_log_likelihood_err"] = Numbers(result.MeanLogLikelihoodError),
                ["log_likelihood_variance"] = Numbers(result.LogLikelihoodVariance),
                ["swap_acceptance"] = Numbers(result.SwapAcceptance),
                ["move_acceptance"] = Numbers(result.MoveAcceptance),
            },
            ["prior_mean_log_likelihood"] = RunJson.Number(result.PriorMeanLogLikelihood),
            ["prior_finite_fraction"] = RunJson.Number(result.PriorFiniteFraction),
            ["prior_draws"] = result.PriorDraws,
        };
    }

    /// <summary>The manifest's <c>sampler</c> section.</summary>
    private static JsonObject SamplerSectionOf(JsonObject identity, bool physics) => new()
    {
        ["algorithm"] = "parallel tempering with the affine-invariant ensemble sampler (ptemcee-style, Vousden, Farr & Mandel 2016): ladder adapted during burn-in, fixed for production; ln Z by thermodynamic integration (cubic Hermite) and stepping stones, block-bootstrap errors (CrInference.Sampling.Tempering.ParallelTempering)",
        ["defaults"] = physics
            ? "physics model: 32 temperatures, walkers per temperature max(16, 2D + 2), 400 burn-in + 600 production steps; check errors_trusted in evidence.json"
            : "analytic test problem: the library's defaults",
        ["settings"] = identity.DeepClone(),
        ["random_keys"] = "RandomKey.FromSeed(seed): step s, temperature k .Split(0).Split(s).Split(k); swaps .Split(0).Split(s).Split(2^32); initial ensembles .Split(1).Split(k); prior draws .Split(2).Split(i); bootstrap .Split(3); prior-draw check .Split(2^64-2)",
    };
}
