using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Diagnostics;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>Counts a run carries across sessions (stored in each checkpoint).</summary>
/// <param name="WallSeconds">Wall time of every session, from building the posterior to the last block stored
/// (start-up checks and initial ensemble included; finalising and the summary excluded).</param>
/// <param name="LikelihoodCalls">Likelihood calls, start-up checks and initial ensemble included.</param>
/// <param name="Failures">Why likelihood calls gave −∞, with counts.</param>
/// <param name="Sessions">Number of sessions (1 + resumes).</param>
public sealed record RunTallies(double WallSeconds, long LikelihoodCalls, ImmutableSortedDictionary<string, long> Failures, int Sessions);

/// <summary>
/// The summary of a finished fit, from <c>chains.parquet</c>: per parameter mean, sd, median, 16/84 %
/// quantiles, τ and ESS after a burn-in; acceptance and stuck walkers; the best-fit (maximum posterior)
/// point and its χ² per dataset; failures; wall time and likelihood calls. Written as <c>summary.json</c>
/// and <c>summary.md</c>, each atomically.
/// </summary>
/// <remarks>
/// <para><b>Burn-in.</b> τ_max is first estimated on the whole chain; the first
/// max(⌈2 τ_max⌉, ⌈10 % of the steps⌉, the last walker's arrival in the bulk, the end of the lagging-walker
/// relocation) steps are discarded (at most half the chain; 10 % when τ is not finite). Everything below is computed on the rest, in physical units: τ per parameter (walker-averaged
/// autocorrelation, Sokal window c = 5, flagged unreliable when the kept chain is shorter than 50 τ), and
/// ESS = walkers × kept steps / τ.</para>
/// <para><b>Best fit.</b> The stored draw with the largest <c>log_posterior</c> (prior density of the
/// physical values × likelihood), burn-in included. χ² per dataset is the likelihood's
/// (d − m)ᵀC⁻¹(d − m) there, reported per point; the total is reported per degree of freedom with
/// dof = (points of all datasets) − (free parameters, nuisance included), since every free parameter is
/// shared by all datasets.</para>
/// </remarks>
public sealed class FitSummary
{
    private FitSummary() { }

    /// <summary>The prior file's free parameters, in column order.</summary>
    public ImmutableArray<ParamSpec> Parameters { get; private init; }

    /// <summary>Chain statistics after the burn-in (physical units).</summary>
    public ChainSummary Chain { get; private init; } = null!;

    /// <summary>Steps discarded at the start.</summary>
    public int BurnInSteps { get; private init; }

    /// <summary>Stored steps in the chain file.</summary>
    public int StoredSteps { get; private init; }

    /// <summary>Best-fit point (physical), its log posterior and log likelihood.</summary>
    public ImmutableArray<double> BestFit { get; private init; }

    public double BestLogPosterior { get; private init; }

    public double BestLogLikelihood { get; private init; }

    /// <summary>Per-dataset χ² at the best fit (empty for test problems or when the model fails there).</summary>
    public ImmutableArray<DatasetChiSquare> DatasetFits { get; private init; }

    /// <summary>The summary as JSON (summary.json).</summary>
    public JsonObject Json { get; private set; } = [];

    /// <summary>The summary as Markdown (summary.md).</summary>
    public string Markdown { get; private set; } = "";

    /// <summary>Smallest ESS over the parameters.</summary>
    public double MinimumEffectiveSampleSize => Chain.MinimumEffectiveSampleSize;

    /// <summary>Reads <paramref name="chainsPath"/> and summarises the run.</summary>
    public static async Task<FitSummary> ComputeAsync(
        string chainsPath,
        PosteriorBuild build,
        RunManifest manifest,
        FitSamplerSettings settings,
        RunTallies tallies,
        int threads,
        string stopReason,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tallies);
        var space = build.Posterior.Space;
        var names = space.Names.ToArray();
        int d = names.Length, walkers = settings.Walkers;
        var table = await ChainTableReader.ReadAsync(chainsPath, [.. names, ChainColumnNames.LogPosterior, ChainColumnNames.LogLikelihood, ChainColumnNames.Accepted], cancellationToken).ConfigureAwait(false);
        long rows = table.RowCount;
        if (rows == 0 || rows % walkers != 0)
        {
            throw new ChainTableException(chainsPath, $"{rows} rows are not whole steps of {walkers} walkers");
        }
        int steps = (int)(rows / walkers);
        var chain = new double[rows * d];
        for (int i = 0; i < d; i++)
        {
            var column = table.Values(names[i]);
            for (long r = 0; r < rows; r++) chain[r * d + i] = column[r];
        }
        var acceptedValues = table.Values(ChainColumnNames.Accepted);
        var accepted = new bool[rows];
        for (long r = 0; r < rows; r++) accepted[r] = acceptedValues[r] != 0;

        var fullTau = Autocorrelation.IntegratedTimes(chain, walkers, d);
        double tauMax = fullTau.Max(t => t.Tau);
        var logPosterior = table.Values(ChainColumnNames.LogPosterior);
        var (joinSteps, lagging, _) = LaggingWalkers.JoinSteps(logPosterior, walkers, d);
        int arrival = Enumerable.Range(0, walkers).Where(w => !lagging[w]).Select(w => joinSteps[w]).DefaultIfEmpty(0).Max();
        int relocationRows = (int)((settings.RelocateLaggingUntilStep + settings.Thin - 1) / settings.Thin);
        int burn = BurnIn(steps, tauMax, Math.Max(arrival, relocationRows));
        var summary = ChainSummary.Compute(chain.AsSpan(burn * walkers * d), accepted.AsSpan(burn * walkers), walkers, d, names,
            logPosterior.AsSpan((int)(burn * walkers)));

        long best = 0;
        for (long r = 1; r < rows; r++)
        {
            if (logPosterior[r] > logPosterior[best]) best = r;
        }
        var bestPoint = chain.AsSpan((int)(best * d), d).ToArray();
        var fits = RunSummaryText.DatasetFits(build, bestPoint);

        var result = new FitSummary
        {
            Parameters = [.. build.Spec.FreeParams],
            Chain = summary,
            BurnInSteps = burn,
            StoredSteps = steps,
            BestFit = [.. bestPoint],
            BestLogPosterior = logPosterior[best],
            BestLogLikelihood = table.Values(ChainColumnNames.LogLikelihood)[best],
            DatasetFits = fits,
        };
        result.Json = result.ToJson(build, manifest, settings, tallies, threads, stopReason);
        result.Markdown = result.ToMarkdown(build, settings, tallies, threads, stopReason);
        return result;
    }

    /// <summary>max(⌈2 τ_max⌉, ⌈0.1 steps⌉, <paramref name="arrivalStep"/>: the step at which the last non-lagging walker
    /// reached the bulk of the posterior (<see cref="LaggingWalkers"/>) or the end of the burn-in relocation, whichever is
    /// later), at most half the chain (10 % when τ_max is not finite).</summary>
    public static int BurnIn(int steps, double tauMax, int arrivalStep = 0)
    {
        int tenth = (int)Math.Ceiling(0.1 * steps);
        int byTau = double.IsFinite(tauMax) && tauMax > 0 ? (int)Math.Ceiling(2 * tauMax) : 0;
        return Math.Min(Math.Max(Math.Max(tenth, byTau), arrivalStep), steps / 2);
    }

    /// <summary>Writes summary.json and summary.md into <paramref name="runDirectory"/>, each atomically.</summary>
    public void Write(string runDirectory)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.json"), RunJson.Serialize(Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.md"), Markdown);
    }

    private int TotalPoints => DatasetFits.Sum(f => f.Points);

    private double TotalChiSquare => DatasetFits.Sum(f => f.ChiSquare);

    private int DegreesOfFreedom => TotalPoints - Parameters.Length;

    private JsonObject ToJson(PosteriorBuild build, RunManifest manifest, FitSamplerSettings settings, RunTallies tallies, int threads, string stopReason)
    {
        var parameters = new JsonArray();
        for (int i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            var s = Chain.Parameters[i];
            var prior = RunSummaryText.PriorJson(p.Prior);
            parameters.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["unit"] = p.Unit,
                ["latex"] = p.Latex,
                ["prior"] = prior,
                ["mean"] = Number(s.Mean),
                ["sd"] = Number(s.StandardDeviation),
                ["median"] = Number(s.Median),
                ["q16"] = Number(s.Quantile16),
                ["q84"] = Number(s.Quantile84),
                ["tau"] = Number(s.Tau.Tau),
                ["tau_reliable"] = s.Tau.IsReliable,
                ["tau_window"] = s.Tau.Window,
                ["ess"] = Number(s.EffectiveSampleSize),
                ["best_fit"] = Number(BestFit[i]),
            });
        }
        var datasets = RunSummaryText.DatasetsJson(build, DatasetFits);
        var stuck = new JsonArray([.. Chain.StuckWalkers.Stuck.Select(w => (JsonNode)new JsonObject
        {
            ["walker"] = w.Walker,
            ["acceptance"] = Number(w.AcceptanceFraction),
            ["steps_since_last_acceptance"] = w.StepsSinceLastAcceptance,
            ["reason"] = w.Reason,
        })]);
        var failures = RunSummaryText.FailuresJson(tallies.Failures);
        return new JsonObject
        {
            ["model"] = build.Spec.Model,
            ["prior_file"] = manifest.Root["prior_file"]!["path"]!.DeepClone(),
            ["identity_hash"] = manifest.IdentityHash,
            ["code_version"] = CodeVersion.Current,
            ["datasets"] = datasets,
            ["sampler"] = new JsonObject
            {
                ["walkers"] = settings.Walkers,
                ["steps_requested"] = settings.Steps,
                ["steps_stored"] = StoredSteps,
                ["thin"] = settings.Thin,
                ["seed"] = settings.Seed,
                ["moves"] = manifest.Root["sampler"]!["move"]!.DeepClone(),
                ["until_converged"] = settings.UntilConverged is not null,
                ["stop_reason"] = stopReason,
            },
            ["burn_in"] = new JsonObject
            {
                ["steps_discarded"] = BurnInSteps,
                ["steps_kept"] = StoredSteps - BurnInSteps,
                ["rule"] = "max(ceil(2 tau_max), ceil(10 % of the stored steps)), at most half; tau_max from the whole chain",
            },
            ["parameters"] = parameters,
            ["ess_min"] = Number(Chain.MinimumEffectiveSampleSize),
            ["tau_max"] = Number(Chain.TauMax),
            ["tau_reliable"] = Chain.IsReliable,
            ["acceptance"] = new JsonObject
            {
                ["overall"] = Number(Chain.Acceptance.Overall),
                ["median_walker"] = Number(Chain.Acceptance.Median),
                ["stuck_walkers"] = stuck,
            },
            ["best_fit"] = new JsonObject
            {
                ["definition"] = "stored draw with the largest log_posterior (burn-in included)",
                ["log_posterior"] = Number(BestLogPosterior),
                ["log_likelihood"] = Number(BestLogLikelihood),
                ["chi2_total"] = DatasetFits.IsEmpty ? null : Number(TotalChiSquare),
                ["points_total"] = DatasetFits.IsEmpty ? null : TotalPoints,
                ["free_parameters"] = Parameters.Length,
                ["dof"] = DatasetFits.IsEmpty ? null : DegreesOfFreedom,
                ["chi2_per_dof"] = DatasetFits.IsEmpty || DegreesOfFreedom <= 0 ? null : Number(TotalChiSquare / DegreesOfFreedom),
                ["dof_convention"] = "dof = all kept data points - free parameters (nuisance included); per dataset chi2 is given per point",
            },
            ["failures"] = failures,
            ["failures_total"] = tallies.Failures.Values.Sum(),
            ["timing"] = new JsonObject
            {
                ["wall_seconds"] = Number(tallies.WallSeconds),
                ["likelihood_calls"] = tallies.LikelihoodCalls,
                ["calls_per_second"] = Number(tallies.WallSeconds > 0 ? tallies.LikelihoodCalls / tallies.WallSeconds : double.NaN),
                ["threads"] = threads,
                ["sessions"] = tallies.Sessions,
            },
        };
    }

    private string ToMarkdown(PosteriorBuild build, FitSamplerSettings settings, RunTallies tallies, int threads, string stopReason)
    {
        var spec = build.Spec;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Fit summary: {spec.Model}");
        Line();
        Line("| | |");
        Line("|---|---|");
        foreach (string row in RunSummaryText.ModelRows(build)) Line(row);
        Line(Invariant($"| Sampler | {settings.Walkers} walkers × {settings.Steps} steps{(settings.UntilConverged is null ? "" : " (maximum; --until-converged)")}, {Moves(spec)}, seed {settings.Seed}{(settings.Thin > 1 ? $", thin {settings.Thin}" : "")}; stopped: {stopReason} |"));
        Line(Invariant($"| Burn-in | first {BurnInSteps} of {StoredSteps} stored steps discarded (max(2 τ_max, 10 %, last walker's arrival in the bulk{(settings.RelocateLaggingUntilStep > 0 ? Invariant($", lagging-walker relocation until step {settings.RelocateLaggingUntilStep}") : "")})) |"));
        Line(Invariant($"| ESS (minimum over parameters) | **{Chain.MinimumEffectiveSampleSize:0}** (τ_max = {Format(Chain.TauMax)} steps{(Chain.IsReliable ? "" : "; some τ unreliable: chain shorter than 50 τ")}) |"));
        string stuck = Chain.StuckWalkers.IsHealthy ? "no stuck walkers" : $"{Chain.StuckWalkers.Stuck.Length} stuck walker(s): {string.Join(", ", Chain.StuckWalkers.Stuck.Select(w => w.Walker))}";
        Line(Invariant($"| Acceptance | {Chain.Acceptance.Overall:0.000} (median walker {Chain.Acceptance.Median:0.000}); {stuck} |"));
        double rate = tallies.WallSeconds > 0 ? tallies.LikelihoodCalls / tallies.WallSeconds : double.NaN;
        Line(Invariant($"| Cost | {RunSummaryText.Duration(TimeSpan.FromSeconds(tallies.WallSeconds))} wall time, {tallies.LikelihoodCalls} likelihood calls ({rate:0} per second), {threads} thread(s){(tallies.Sessions > 1 ? $", {tallies.Sessions} sessions (resumed)" : "")} |"));
        Line();
        Line("## Posterior");
        Line();
        Line("| Parameter | Unit | Prior | Mean | SD | Median | 16 % | 84 % | τ (steps) | ESS |");
        Line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            var s = Chain.Parameters[i];
            string tau = Format(s.Tau.Tau) + (s.Tau.IsReliable ? "" : "*");
            Line(Invariant($"| `{p.Name}` | {Unit(p.Unit)} | {Prior(p.Prior)} | {Format(s.Mean)} | {Format(s.StandardDeviation)} | {Format(s.Median)} | {Format(s.Quantile16)} | {Format(s.Quantile84)} | {tau} | {s.EffectiveSampleSize:0} |"));
        }
        Line();
        Line("τ: integrated autocorrelation time (walker-averaged, Sokal window c = 5); * = unreliable (kept chain shorter than 50 τ). ESS = walkers × kept steps / τ. Quantiles are of the marginal posterior after burn-in.");
        Line();
        Line("## Best fit (maximum posterior draw)");
        Line();
        Line("| Parameter | Value | Unit |");
        Line("|---|---:|---|");
        for (int i = 0; i < Parameters.Length; i++) Line($"| `{Parameters[i].Name}` | {Format(BestFit[i])} | {Unit(Parameters[i].Unit)} |");
        Line();
        Line(Invariant($"ln posterior = {BestLogPosterior:0.###}, ln likelihood = {BestLogLikelihood:0.###}."));
        if (!DatasetFits.IsEmpty)
        {
            Line();
            foreach (string row in RunSummaryText.ChiSquareTable(DatasetFits, Parameters.Length)) Line(row);
        }
        var fixedSection = RunSummaryText.FixedParameters(spec);
        if (fixedSection.Count > 0)
        {
            Line();
            foreach (string row in fixedSection) Line(row);
        }
        Line();
        foreach (string row in RunSummaryText.Failures(tallies.Failures)) Line(row);
        return md.ToString();
    }

    private static string Moves(PriorFileSpec spec) =>
        string.Join(" + ", spec.Sampler.Moves.Select(kv => Invariant($"{kv.Value:0.##} {(kv.Key == "de" ? "differential evolution" : "stretch")}")));

    private static string Prior(IPrior1D prior) => RunSummaryText.Prior(prior);

    private static string Unit(string unit) => RunSummaryText.Unit(unit);

    private static string Format(double value) => RunSummaryText.Format(value);

    private static string Invariant(FormattableString text) => RunSummaryText.Invariant(text);

    private static JsonNode Number(double value) => RunJson.Number(value);
}
