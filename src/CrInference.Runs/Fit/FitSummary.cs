using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Composition;
using CrInference.Runs.Manifests;
using CrInference.Runs.Reports;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>
/// The summary of a finished fit, from <c>chains.parquet</c>: per parameter mean, sd, median, 16/84 %
/// quantiles, τ and ESS after a burn-in; acceptance and stuck walkers; the best-fit (maximum posterior)
/// point and its χ² per dataset; failures; wall time and likelihood calls. Written as <c>summary.json</c>
/// and <c>summary.md</c>, each atomically.
/// </summary>
/// <remarks>
/// <para><b>Burn-in</b> (<see cref="BurnIn"/>): τ_max is first estimated on the whole chain; the first
/// max(⌈2 τ_max⌉, ⌈10 % of the steps⌉, the last walker's arrival in the bulk, the end of the lagging-walker
/// relocation) steps are discarded (at most half the chain; 10 % when τ is not finite). Everything below is
/// computed on the rest, in physical units: τ per parameter (walker-averaged
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

    /// <summary>ln Z from the kept chain by bridge sampling, or the reason it is not reported.</summary>
    public ChainEvidence Evidence { get; private init; } = null!;

    /// <summary>Per-dataset χ² at the best fit (empty for test problems or when the model fails there).</summary>
    public ImmutableArray<DatasetChiSquare> DatasetFits { get; private init; }

    /// <summary>The summary as JSON (summary.json).</summary>
    public JsonObject Json { get; private set; } = [];

    /// <summary>The summary as Markdown (summary.md).</summary>
    public string Markdown { get; private set; } = "";

    /// <summary>Smallest ESS over the parameters.</summary>
    public double MinimumEffectiveSampleSize => Chain.MinimumEffectiveSampleSize;

    /// <summary>Reads <paramref name="chainsPath"/> and summarises the run.</summary>
    /// <param name="chainsPath">The finished chain table.</param>
    /// <param name="build">The posterior the run sampled.</param>
    /// <param name="manifest">The run manifest.</param>
    /// <param name="settings">The run's sampler settings.</param>
    /// <param name="cost">Wall time, calls, failures and sessions of the run.</param>
    /// <param name="stopReason">Why sampling stopped, in words.</param>
    /// <param name="threads">Threads for the evidence's proposal draws (the result does not depend on it).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<FitSummary> ComputeAsync(string chainsPath, PosteriorBuild build, RunManifest manifest, FitSamplerSettings settings,
        RunCost cost, string stopReason, int threads = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cost);
        var names = build.Posterior.Space.Names.ToArray();
        int d = names.Length, walkers = settings.Walkers;
        var stored = await StoredChain.ReadAsync(chainsPath, names, walkers, cancellationToken).ConfigureAwait(false);
        int relocationRows = (int)((settings.RelocateLaggingUntilStep + settings.Thin - 1) / settings.Thin);
        int burn = BurnIn.ForChain(stored.Positions, stored.LogPosteriors, walkers, d, relocationRows);
        var summary = ChainSummary.Compute(stored.Positions.AsSpan(burn * walkers * d), stored.Accepted.AsSpan(burn * walkers), walkers, d, names,
            stored.LogPosteriors.AsSpan(burn * walkers));
        int best = stored.BestRow();
        var bestPoint = stored.Positions.AsSpan(best * d, d).ToArray();
        var result = new FitSummary
        {
            Parameters = [.. build.Spec.FreeParams],
            Chain = summary,
            BurnInSteps = burn,
            StoredSteps = stored.Steps,
            BestFit = [.. bestPoint],
            BestLogPosterior = stored.LogPosteriors[best],
            BestLogLikelihood = stored.LogLikelihoods[best],
            DatasetFits = RunSummaryText.DatasetFits(build, bestPoint),
            Evidence = ChainEvidence.Estimate(build.Posterior, walkers, stored.Positions.AsSpan(burn * walkers * d), stored.LogLikelihoods.AsSpan(burn * walkers), settings.Seed, threads, summary.MinimumEffectiveSampleSize),
        };
        result.Json = result.ToJson(build, manifest, settings, cost, stopReason);
        result.Markdown = result.ToMarkdown(build, settings, cost, stopReason);
        return result;
    }

    /// <summary>Writes summary.json and summary.md into <paramref name="runDirectory"/>, each atomically.</summary>
    public void Write(string runDirectory) => RunSummaryText.Write(runDirectory, Json, Markdown);

    private JsonObject ToJson(PosteriorBuild build, RunManifest manifest, FitSamplerSettings settings, RunCost cost, string stopReason)
    {
        var failures = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, cost.Failures);
        var json = new JsonObject
        {
            ["model"] = build.Spec.Model,
            ["prior_file"] = manifest.Root["prior_file"]!["path"]!.DeepClone(),
            ["identity_hash"] = manifest.IdentityHash,
            ["code_version"] = CodeVersion.Current,
            ["datasets"] = RunSummaryText.DatasetsJson(build, DatasetFits),
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
            ["parameters"] = new JsonArray([.. Enumerable.Range(0, Parameters.Length).Select(i => (JsonNode)ParameterJson(i))]),
            ["ess_min"] = RunJson.Number(Chain.MinimumEffectiveSampleSize),
            ["tau_max"] = RunJson.Number(Chain.TauMax),
            ["tau_reliable"] = Chain.IsReliable,
            ["acceptance"] = new JsonObject
            {
                ["overall"] = RunJson.Number(Chain.Acceptance.Overall),
                ["median_walker"] = RunJson.Number(Chain.Acceptance.Median),
                ["stuck_walkers"] = new JsonArray([.. Chain.StuckWalkers.Stuck.Select(w => (JsonNode)new JsonObject
                {
                    ["walker"] = w.Walker,
                    ["acceptance"] = RunJson.Number(w.AcceptanceFraction),
                    ["steps_since_last_acceptance"] = w.StepsSinceLastAcceptance,
                    ["reason"] = w.Reason,
                })]),
            },
            ["best_fit"] = RunSummaryText.BestFitJson("stored draw with the largest log_posterior (burn-in included)", BestLogPosterior, BestLogLikelihood, DatasetFits, Parameters.Length),
            ["failures"] = RunSummaryText.FailuresJson(failures),
            ["failures_total"] = failures.Values.Sum(),
            ["timing"] = cost.TimingJson(includeCalls: true),
        };
        Evidence.AddTo(json);
        return json;
    }

    private JsonObject ParameterJson(int i)
    {
        var p = Parameters[i];
        var s = Chain.Parameters[i];
        return new JsonObject
        {
            ["name"] = p.Name,
            ["role"] = ParameterRoles.RoleOf(p.Name),
            ["unit"] = p.Unit,
            ["latex"] = p.Latex,
            ["prior"] = RunSummaryText.PriorJson(p.Prior),
            ["mean"] = RunJson.Number(s.Mean),
            ["sd"] = RunJson.Number(s.StandardDeviation),
            ["median"] = RunJson.Number(s.Median),
            ["q16"] = RunJson.Number(s.Quantile16),
            ["q84"] = RunJson.Number(s.Quantile84),
            ["tau"] = RunJson.Number(s.Tau.Tau),
            ["tau_reliable"] = s.Tau.IsReliable,
            ["tau_window"] = s.Tau.Window,
            ["ess"] = RunJson.Number(s.EffectiveSampleSize),
            ["best_fit"] = RunJson.Number(BestFit[i]),
        };
    }

    private string ToMarkdown(PosteriorBuild build, FitSamplerSettings settings, RunCost cost, string stopReason)
    {
        var spec = build.Spec;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Fit summary: {spec.Model}");
        Line();
        Line("| | |");
        Line("|---|---|");
        foreach (string row in RunSummaryText.ModelRows(build)) Line(row);
        Line(RunText.Invariant($"| Sampler | {settings.Walkers} walkers × {settings.Steps} steps{(settings.UntilConverged is null ? "" : " (maximum; --until-converged)")}, {Moves(spec)}, seed {settings.Seed}{(settings.Thin > 1 ? $", thin {settings.Thin}" : "")}; stopped: {stopReason} |"));
        Line(RunText.Invariant($"| Burn-in | first {BurnInSteps} of {StoredSteps} stored steps discarded (max(2 τ_max, 10 %, last walker's arrival in the bulk{(settings.RelocateLaggingUntilStep > 0 ? RunText.Invariant($", lagging-walker relocation until step {settings.RelocateLaggingUntilStep}") : "")})) |"));
        Line(RunText.Invariant($"| ESS (minimum over parameters) | **{Chain.MinimumEffectiveSampleSize:0}** (τ_max = {RunText.Format(Chain.TauMax)} steps{(Chain.IsReliable ? "" : "; some τ unreliable: chain shorter than 50 τ")}) |"));
        string stuck = Chain.StuckWalkers.IsHealthy ? "no stuck walkers" : $"{Chain.StuckWalkers.Stuck.Length} stuck walker(s): {string.Join(", ", Chain.StuckWalkers.Stuck.Select(w => w.Walker))}";
        Line(RunText.Invariant($"| Acceptance | {Chain.Acceptance.Overall:0.000} (median walker {Chain.Acceptance.Median:0.000}); {stuck} |"));
        Line(cost.MarkdownRow());
        Line();
        Line(Evidence.MarkdownRow());
        Line();
        foreach (bool nuisance in new[] { false, true })
        {
            var rows = Enumerable.Range(0, Parameters.Length).Where(i => ParameterRoles.IsNuisance(Parameters[i].Name) == nuisance).ToArray();
            if (rows.Length == 0) continue;
            Line(nuisance ? "## Posterior: nuisance parameters (solar modulation, cross-sections, normalisations)" : "## Posterior");
            Line();
            Line("| Parameter | Unit | Prior | Mean | SD | Median | 16 % | 84 % | τ (steps) | ESS |");
            Line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (int i in rows)
            {
                var p = Parameters[i];
                var s = Chain.Parameters[i];
                string tau = RunText.Format(s.Tau.Tau) + (s.Tau.IsReliable ? "" : "*");
                Line(RunText.Invariant($"| `{p.Name}` | {RunText.Unit(p.Unit)} | {RunText.Prior(p.Prior)} | {RunText.Format(s.Mean)} | {RunText.Format(s.StandardDeviation)} | {RunText.Format(s.Median)} | {RunText.Format(s.Quantile16)} | {RunText.Format(s.Quantile84)} | {tau} | {s.EffectiveSampleSize:0} |"));
            }
            Line();
        }
        Line("τ: integrated autocorrelation time (walker-averaged, Sokal window c = 5); * = unreliable (kept chain shorter than 50 τ). ESS = walkers × kept steps / τ. Quantiles are of the marginal posterior after burn-in.");
        Line();
        var failures = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, cost.Failures);
        foreach (string row in RunSummaryText.BestFitAndClosing("## Best fit (maximum posterior draw)", spec, BestFit, BestLogPosterior, BestLogLikelihood, DatasetFits, failures)) Line(row);
        return md.ToString();
    }

    /// <summary>The move mix in words, e.g. <c>0.2 differential evolution + 0.8 stretch</c>.</summary>
    private static string Moves(PriorFileSpec spec) =>
        string.Join(" + ", spec.Sampler.Moves.Select(kv => RunText.Invariant($"{kv.Value:0.##} {MoveCatalog.Find(kv.Key)?.Title ?? kv.Key}")));

    /// <summary>The columns of a finished chain table a summary needs, step-major.</summary>
    private sealed record StoredChain(int Steps, double[] Positions, bool[] Accepted, double[] LogPosteriors, double[] LogLikelihoods)
    {
        public static async Task<StoredChain> ReadAsync(string chainsPath, string[] names, int walkers, CancellationToken cancellationToken)
        {
            int d = names.Length;
            var table = await ChainTableReader.ReadAsync(chainsPath, [.. names, ChainColumnNames.LogPosterior, ChainColumnNames.LogLikelihood, ChainColumnNames.Accepted], cancellationToken).ConfigureAwait(false);
            long rows = table.RowCount;
            if (rows == 0 || rows % walkers != 0)
            {
                throw new ChainTableException(chainsPath, $"{rows} rows are not whole steps of {walkers} walkers");
            }
            var chain = new double[rows * d];
            for (int i = 0; i < d; i++)
            {
                var column = table.Values(names[i]);
                for (long r = 0; r < rows; r++) chain[r * d + i] = column[r];
            }
            var accepted = table.Values(ChainColumnNames.Accepted).Select(v => v != 0).ToArray();
            return new StoredChain((int)(rows / walkers), chain, accepted, table.Values(ChainColumnNames.LogPosterior), table.Values(ChainColumnNames.LogLikelihood));
        }

        /// <summary>The row of the largest ln p (the first of equals).</summary>
        public int BestRow()
        {
            int best = 0;
            for (int r = 1; r < LogPosteriors.Length; r++)
            {
                if (LogPosteriors[r] > LogPosteriors[best]) best = r;
            }
            return best;
        }
    }
}
