using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Plotting;
using CrInference.Sampling.Benchmarks;
using CrInference.Sampling.Calibration;
using CrInference.Sampling.Diagnostics;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Calibration;

/// <summary>
/// The report of a simulation-based calibration: <c>sbc.csv</c> (one row per replicate and parameter),
/// <c>sbc.md</c> (coverages with binomial errors and z-scores, rank-uniformity χ² tests, the Bonferroni-corrected
/// joint test at 1 %, sampler diagnostics), <c>sbc.png</c> (rank histograms with the binomial 99 % band) and, last,
/// <c>sbc-summary.json</c>, shaped <c>{"replicates": N, "parameters": {"&lt;name&gt;": {"coverage_68": …,
/// "coverage_95": …, "rank_uniformity_p": …}}}</c>. Everything is computed from the replicate files, so the bytes do
/// not depend on how the replicates were run.
/// </summary>
public static class SbcReport
{
    /// <summary>The finished marker, written last.</summary>
    public const string SummaryFileName = "sbc-summary.json";

    /// <summary>The family-wise level of the joint test.</summary>
    public const double JointAlpha = 0.01;

    /// <summary>Columns of <c>sbc.csv</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["replicate", "parameter", "true_value", "rank", "draws", "in_68", "in_95"];

    /// <summary>The statistics of one parameter over every replicate.</summary>
    public sealed record ParameterCalibration(string Name, string Latex, CoverageCheck Coverage68, CoverageCheck Coverage95, RankHistogram Ranks);

    /// <summary>The per-parameter statistics of <paramref name="outcomes"/>.</summary>
    public static IReadOnlyList<ParameterCalibration> Analyse(IReadOnlyList<ReplicateOutcome> outcomes, ParameterSpace space, int draws)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(space);
        int n = outcomes.Count;
        return [.. space.Parameters.Select((p, j) => new ParameterCalibration(p.Name, p.Latex,
            new CoverageCheck(0.68, outcomes.Count(o => o.Parameters[j].In68), n),
            new CoverageCheck(0.95, outcomes.Count(o => o.Parameters[j].In95), n),
            RankHistogram.Of([.. outcomes.Select(o => o.Parameters[j].Rank)], draws)))];
    }

    /// <summary>Whether every coverage is within binomial 3σ and the Bonferroni-corrected joint tests at 1 % pass.</summary>
    public static (bool WithinThreeSigma, bool CoverageJoint, bool UniformityJoint) Verdict(IReadOnlyList<ParameterCalibration> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bool within = parameters.All(p => p.Coverage68.WithinThreeSigma && p.Coverage95.WithinThreeSigma);
        bool coverage = CoverageCheck.JointPasses([.. parameters.SelectMany(p => new[] { p.Coverage68.PValue, p.Coverage95.PValue })], JointAlpha);
        bool uniformity = CoverageCheck.JointPasses([.. parameters.Where(p => p.Ranks.Bins > 1).Select(p => p.Ranks.PValue)], JointAlpha);
        return (within, coverage, uniformity);
    }

    /// <summary>Writes the four files; returns one line for the user.</summary>
    public static string Write(string runDirectory, IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings, PriorFileSpec spec, ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = Analyse(outcomes, space, settings.Draws);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "sbc.csv"), Csv(outcomes));
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "sbc.md"), Markdown(outcomes, parameters, settings, spec));
        var panels = parameters.Select(p => new RankHistogramPanel(p.Latex, settings.Draws, p.Ranks.Counts, p.Ranks.BandLow, p.Ranks.BandHigh,
            string.Create(CultureInfo.InvariantCulture, $"68 %: {p.Coverage68.Fraction:0.000}, 95 %: {p.Coverage95.Fraction:0.000}, p = {p.Ranks.PValue:0.000}"))).ToList();
        AtomicFile.Render(Path.Combine(runDirectory, "sbc.png"), path => RankHistogramPlot.Render(panels,
            string.Create(CultureInfo.InvariantCulture, $"SBC ranks: {spec.Model}, {outcomes.Count} replicates, L = {settings.Draws} (grey: 99 % band under uniformity)"), path));
        var summary = new JsonObject
        {
            ["replicates"] = outcomes.Count,
            ["parameters"] = new JsonObject([.. parameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject
            {
                ["coverage_68"] = RunJson.Number(p.Coverage68.Fraction),
                ["coverage_95"] = RunJson.Number(p.Coverage95.Fraction),
                ["rank_uniformity_p"] = RunJson.Number(p.Ranks.PValue),
            }))]),
        };
        AtomicFile.WriteAllText(Path.Combine(runDirectory, SummaryFileName), RunJson.Serialize(summary) + "\n");
        var (within, coverage, uniformity) = Verdict(parameters);
        return $"wrote sbc.csv, sbc.md, sbc.png, {SummaryFileName} ({outcomes.Count} replicates): coverages {(within ? "all" : "NOT all")} within binomial 3 sigma; joint test at 1 %: coverage {(coverage ? "passes" : "FAILS")}, rank uniformity {(uniformity ? "passes" : "FAILS")}";
    }

    private static string Csv(IReadOnlyList<ReplicateOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", Columns)).Append('\n');
        foreach (var o in outcomes)
        {
            foreach (var p in o.Parameters)
            {
                text.Append(CultureInfo.InvariantCulture, $"{o.Index},{CsvField.Quote(p.Name)},{p.TrueValue:R},{p.Rank},{p.Draws},{(p.In68 ? 1 : 0)},{(p.In95 ? 1 : 0)}\n");
            }
        }
        return text.ToString();
    }

    private static string Markdown(IReadOnlyList<ReplicateOutcome> outcomes, IReadOnlyList<ParameterCalibration> parameters, CalibrationSettings settings, PriorFileSpec spec)
    {
        var t = new StringBuilder();
        int n = outcomes.Count;
        t.Append(CultureInfo.InvariantCulture, $"# Simulation-based calibration of `{spec.SourcePath}` ({spec.Model})\n\n");
        t.Append(CultureInfo.InvariantCulture, $"{n} replicates (seed {settings.Seed}): truth drawn from the prior, mock data from the likelihood's error model, posterior sampled by the {settings.Method} sampler, truth ranked among L = {settings.Draws} posterior draws. ");
        t.Append("A calibrated posterior puts the truth in its central 68 % (95 %) interval in 68 % (95 %) of the replicates, and its ranks are uniform (Talts et al. 2018, arXiv:1804.06788).\n\n");
        t.Append("| parameter | coverage 68 % | z | coverage 95 % | z | rank χ² | bins | p (uniform) |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var p in parameters)
        {
            t.Append(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Coverage68.Fraction:0.000} ± {p.Coverage68.BinomialError:0.000} | {p.Coverage68.ZScore:+0.00;-0.00} | {p.Coverage95.Fraction:0.000} ± {p.Coverage95.BinomialError:0.000} | {p.Coverage95.ZScore:+0.00;-0.00} | {p.Ranks.ChiSquare:0.0} | {p.Ranks.Bins} | {p.Ranks.PValue:0.0000} |\n");
        }
        var (within, coverage, uniformity) = Verdict(parameters);
        int checks = 2 * parameters.Count;
        t.Append(CultureInfo.InvariantCulture, $"\nErrors are the binomial σ = √(p(1 − p)/N) at the nominal p; z = (coverage − p)/σ. Rank χ²: {parameters[0].Ranks.Bins} equal bins of {(settings.Draws + 1) / parameters[0].Ranks.Bins} ranks, {parameters[0].Ranks.Bins - 1} degrees of freedom.\n\n");
        t.Append(CultureInfo.InvariantCulture, $"- every coverage within binomial 3σ: **{(within ? "yes" : "no")}**\n");
        t.Append(CultureInfo.InvariantCulture, $"- joint coverage test (Bonferroni over {checks} checks, each two-sided p ≥ {JointAlpha / checks:G3}): **{(coverage ? "passes" : "fails")}**\n");
        t.Append(CultureInfo.InvariantCulture, $"- joint rank-uniformity test (Bonferroni over {parameters.Count} parameters, each p ≥ {JointAlpha / parameters.Count:G3}): **{(uniformity ? "passes" : "fails")}**\n\n");
        t.Append(Diagnostics(outcomes, settings));
        return t.ToString();
    }

    // How many chains never reached the truth's mode: with the truth in the sampled mode, ln p_max − ln p(truth) is about
    // half a χ² with D degrees of freedom (≥ 0 but for the small distance from the best draw to the mode); a chain whose best
    // stayed below ln p(truth) missed a better region, and its narrow posterior says nothing about the posterior's width.
    private static string ModeReach(IReadOnlyList<ReplicateOutcome> outcomes)
    {
        if (!HasModeGaps(outcomes)) return "";
        var gaps = outcomes.Select(ModeGap).ToArray();
        double median = BenchmarkStatistics.Median(gaps);
        int d = outcomes[0].Parameters.Length;
        return string.Create(CultureInfo.InvariantCulture,
            $"\nDid the chains reach the truth's mode? ln p_max − ln p(truth) (ln p_max: the best draw, burn-in included, or the best dead point) has median {median:0.0} (≈ D/2 = {d / 2.0:0.#} when every chain does); below 0 in {gaps.Count(g => g < 0)} of {gaps.Length} replicates, below −10 in {gaps.Count(g => g < -10)}, below −100 in {gaps.Count(g => g < -100)}. A chain below 0 missed a better region than it sampled (a sampler failure, not a posterior width): longer chains, `--starts prior` or `--starts optimize`, or `relocate_lagging` may help.\n");
    }

    /// <summary>Whether every replicate recorded ln p at the truth and the chain's best (ensemble fits and nested runs do).</summary>
    internal static bool HasModeGaps(IReadOnlyList<ReplicateOutcome> outcomes) =>
        outcomes.All(o => o.Numbers.ContainsKey("max_log_posterior") && o.Numbers.ContainsKey("log_posterior_at_truth"));

    /// <summary>ln p_max − ln p(truth) of a replicate (docs/CONVENTIONS.md F.7).</summary>
    internal static double ModeGap(ReplicateOutcome outcome) =>
        outcome.Numbers["max_log_posterior"] - outcome.Numbers["log_posterior_at_truth"];

    /// <summary>Emcee's guidance on chain length (Foreman-Mackey et al., "Autocorrelation analysis &amp; convergence"):
    /// the kept chain should be ≥ 50 τ long, and τ estimated from a shorter chain tends to come out too small, so that
    /// draws of a slowly mixing direction cover less than the posterior and intervals are too narrow there.</summary>
    internal static string ChainLength(IReadOnlyList<ReplicateOutcome> outcomes, long steps)
    {
        var lengths = outcomes.Select(o => (steps - o.Numbers["burn_in_steps"]) / o.Numbers["tau_max"]).ToArray();
        double median = BenchmarkStatistics.Median(lengths);
        int shortChains = lengths.Count(l => !(l >= Autocorrelation.DefaultMinimumLengthInTau));
        return string.Create(CultureInfo.InvariantCulture,
            $"\nKept chain (after burn-in): median {median:0.0} τ_max long; shorter than {Autocorrelation.DefaultMinimumLengthInTau:0} τ_max in {shortChains} of {lengths.Length} replicates. Below {Autocorrelation.DefaultMinimumLengthInTau:0} τ the τ estimate itself tends to be too small and the draws may not yet spread over a slowly mixing direction: intervals there can be too narrow (∪-shaped ranks, 95 % coverage failing first). More steps or walkers, or `--method nested`, tell.\n");
    }

    /// <summary>The sampler's side: burn-in, τ, thinning, truths redrawn.</summary>
    internal static string Diagnostics(IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings)
    {
        var t = new StringBuilder("## Sampler\n\n");
        double Median(string key)
        {
            var sorted = outcomes.Select(o => o.Numbers.GetValueOrDefault(key, double.NaN)).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        }
        if (settings.Sampler is EnsembleCalibrationSampler e)
        {
            int close = outcomes.Count(o => o.Numbers["thin"] < Math.Ceiling(o.Numbers["tau_max"]));
            t.Append(CultureInfo.InvariantCulture, $"Ensemble of {e.Walkers} walkers × {e.Steps} steps per replicate; median burn-in {Median("burn_in_steps"):0} steps, median τ_max {Median("tau_max"):0.0} steps, median acceptance {Median("acceptance"):0.00}. ");
            t.Append(CultureInfo.InvariantCulture, $"Rank draws are every walker at steps ⌈τ_max⌉ apart; in {close} of {outcomes.Count} replicates fewer than L such draws existed and they were taken closer (more steps fix this).\n");
            t.Append(ChainLength(outcomes, e.Steps));
            if (e.Search is { } search)
            {
                t.Append(CultureInfo.InvariantCulture, $"\nWalkers started around the best point of a multi-start Nelder–Mead search ({search.Starts} prior draws, {search.EvaluationsPerStart} calls each, the best {search.Polished} restarted); median {Median("mode_search_calls"):0} calls per replicate, besides the chain's {Median("likelihood_calls"):0}.\n");
            }
            t.Append(ModeReach(outcomes));
        }
        else
        {
            t.Append(CultureInfo.InvariantCulture, $"Nested sampling; median posterior ESS {Median("effective_sample_size"):0}, median ln Z error {Median("log_z_error"):0.000}. Ranks from the dead points' weights (no resampling).\n");
            t.Append(ModeReach(outcomes));
        }
        int redrawn = outcomes.Sum(o => o.TruthRedraws);
        t.Append(CultureInfo.InvariantCulture, $"\nPrior draws at which the model failed (redrawn; the fit's likelihood is zero there too): {redrawn}.\n");
        return t.ToString();
    }
}
