using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Sampling.Calibration;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Calibration;

/// <summary>
/// The report of injection–recovery (fixed truths): <c>injection.csv</c> (one row per fit and parameter: posterior
/// mean and σ in the sampled coordinate — ln x for a log-uniform prior — the bias (mean − truth)/σ, and whether the
/// truth lies in the central 68 % and 95 % intervals), <c>injection.md</c> (per truth and over all fits: the fraction
/// of truths inside their intervals against nominal with binomial errors, mean and rms bias/σ per parameter) and,
/// last, <c>injection-summary.json</c>.
/// </summary>
/// <remarks>
/// Unlike SBC, a fixed truth does not make Bayesian intervals exact: at one point of parameter space a credible
/// interval need not cover 68 % of noise realisations (the prior pulls; near a prior bound it pulls hard). The
/// fractions are therefore a check of the pipeline (a recovered truth, no gross bias), not a calibration proof;
/// |bias/σ| ≲ 1 is the expected size of an honest posterior's scatter.
/// </remarks>
public static class InjectionReport
{
    /// <summary>The finished marker, written last.</summary>
    public const string SummaryFileName = "injection-summary.json";

    /// <summary>Columns of <c>injection.csv</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["truth", "replicate", "parameter", "true_value", "coordinate", "true_coordinate", "posterior_mean", "posterior_sd", "bias_sigma", "in_68", "in_95"];

    /// <summary>Writes the three files; returns one line for the user.</summary>
    public static string Write(string runDirectory, IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings, PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(spec);
        var free = spec.FreeParams.ToArray();
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "injection.csv"), Csv(outcomes, settings, free));
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "injection.md"), Markdown(outcomes, settings, spec, free));
        var overall68 = new CoverageCheck(0.68, outcomes.Sum(o => o.Parameters.Count(p => p.In68)), outcomes.Count * free.Length);
        var overall95 = new CoverageCheck(0.95, outcomes.Sum(o => o.Parameters.Count(p => p.In95)), outcomes.Count * free.Length);
        var summary = new JsonObject
        {
            ["truths"] = settings.TruthValues!.Length,
            ["replicates_per_truth"] = settings.Replicates,
            ["fits"] = outcomes.Count,
            ["in_68_fraction"] = RunJson.Number(overall68.Fraction),
            ["in_95_fraction"] = RunJson.Number(overall95.Fraction),
            ["parameters"] = new JsonObject([.. free.Select((p, j) => KeyValuePair.Create(p.Name, (JsonNode?)Stats(outcomes, j)))]),
            ["per_truth"] = new JsonArray([.. settings.Truths.Select((t, k) => (JsonNode)new JsonObject
            {
                ["truth"] = t.Text,
                ["parameters"] = new JsonObject([.. free.Select((p, j) => KeyValuePair.Create(p.Name, (JsonNode?)Stats([.. outcomes.Where(o => o.TruthIndex == k)], j)))]),
            })]),
        };
        AtomicFile.WriteAllText(Path.Combine(runDirectory, SummaryFileName), RunJson.Serialize(summary) + "\n");
        return string.Create(CultureInfo.InvariantCulture,
            $"wrote injection.csv, injection.md, {SummaryFileName} ({outcomes.Count} fits): truths inside their 68 % intervals {overall68.Fraction:0.000} (nominal 0.68 ± {overall68.BinomialError:0.000}), 95 % {overall95.Fraction:0.000} (0.95 ± {overall95.BinomialError:0.000})");
    }

    private static JsonObject Stats(IReadOnlyList<ReplicateOutcome> outcomes, int j)
    {
        var bias = outcomes.Select(o => o.Parameters[j].BiasInSigma).ToArray();
        return new JsonObject
        {
            ["true_value"] = RunJson.Number(outcomes[0].Parameters[j].TrueValue),
            ["mean_bias_sigma"] = RunJson.Number(bias.Average()),
            ["rms_bias_sigma"] = RunJson.Number(Math.Sqrt(bias.Average(b => b * b))),
            ["in_68_fraction"] = RunJson.Number(outcomes.Average(o => o.Parameters[j].In68 ? 1.0 : 0.0)),
            ["in_95_fraction"] = RunJson.Number(outcomes.Average(o => o.Parameters[j].In95 ? 1.0 : 0.0)),
        };
    }

    private static string Coordinate(ParamSpec p) => p.Prior is LogUniformPrior ? $"ln({p.Name})" : p.Name;

    private static string Csv(IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings, ParamSpec[] free)
    {
        var text = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var o in outcomes)
        {
            for (int j = 0; j < free.Length; j++)
            {
                var p = o.Parameters[j];
                text.Append(CultureInfo.InvariantCulture,
                    $"{CsvField.Quote(settings.Truths[o.TruthIndex].Text)},{o.Index},{CsvField.Quote(p.Name)},{p.TrueValue:R},{CsvField.Quote(Coordinate(free[j]))},{p.TrueSampled:R},{p.MeanSampled:R},{p.SdSampled:R},{p.BiasInSigma:R},{(p.In68 ? 1 : 0)},{(p.In95 ? 1 : 0)}\n");
            }
        }
        return text.ToString();
    }

    private static string Markdown(IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings, PriorFileSpec spec, ParamSpec[] free)
    {
        var t = new StringBuilder();
        t.Append(CultureInfo.InvariantCulture, $"# Injection–recovery for `{spec.SourcePath}` ({spec.Model})\n\n");
        t.Append(CultureInfo.InvariantCulture, $"{settings.TruthValues!.Length} truth(s) × {settings.Replicates} noise realisation(s) = {outcomes.Count} fits (seed {settings.Seed}), each by the {settings.Method} sampler. Bias = (posterior mean − truth)/posterior σ in the sampled coordinate.\n\n");
        t.Append("| parameter | coordinate | mean bias/σ | rms bias/σ | in 68 % | in 95 % |\n|---|---|---|---|---|---|\n");
        for (int j = 0; j < free.Length; j++)
        {
            var bias = outcomes.Select(o => o.Parameters[j].BiasInSigma).ToArray();
            t.Append(CultureInfo.InvariantCulture,
                $"| {free[j].Name} | {Coordinate(free[j])} | {bias.Average():+0.00;-0.00} | {Math.Sqrt(bias.Average(b => b * b)):0.00} | {outcomes.Count(o => o.Parameters[j].In68)}/{outcomes.Count} | {outcomes.Count(o => o.Parameters[j].In95)}/{outcomes.Count} |\n");
        }
        var all68 = new CoverageCheck(0.68, outcomes.Sum(o => o.Parameters.Count(p => p.In68)), outcomes.Count * free.Length);
        var all95 = new CoverageCheck(0.95, outcomes.Sum(o => o.Parameters.Count(p => p.In95)), outcomes.Count * free.Length);
        t.Append(CultureInfo.InvariantCulture, $"\nAll parameters and fits: inside 68 % {all68.Hits}/{all68.Replicates} = {all68.Fraction:0.000} (nominal 0.68 ± {all68.BinomialError:0.000}, z = {all68.ZScore:+0.0;-0.0}); inside 95 % {all95.Hits}/{all95.Replicates} = {all95.Fraction:0.000} (0.95 ± {all95.BinomialError:0.000}, z = {all95.ZScore:+0.0;-0.0}). ");
        t.Append("The binomial errors treat the parameters of one fit as independent checks, which they are not quite (posterior correlations); and at a fixed truth credible intervals need not cover at their nominal rate (the prior pulls, most near a prior bound): these fractions check the pipeline, SBC checks calibration.\n\n");
        t.Append("## Per truth\n\n| truth | parameter | true value | bias/σ (mean over noise) | in 68 % | in 95 % |\n|---|---|---|---|---|---|\n");
        for (int k = 0; k < settings.Truths.Count; k++)
        {
            var fits = outcomes.Where(o => o.TruthIndex == k).ToArray();
            for (int j = 0; j < free.Length; j++)
            {
                t.Append(CultureInfo.InvariantCulture,
                    $"| {settings.Truths[k].Text} | {free[j].Name} | {fits[0].Parameters[j].TrueValue:G4} | {fits.Average(o => o.Parameters[j].BiasInSigma):+0.00;-0.00} | {fits.Count(o => o.Parameters[j].In68)}/{fits.Length} | {fits.Count(o => o.Parameters[j].In95)}/{fits.Length} |\n");
            }
        }
        t.Append('\n').Append(ModeCheck(outcomes, settings));
        t.Append(SbcReport.Diagnostics(outcomes, settings));
        return t.ToString();
    }

    // ln p at the truth against the chain's best (or the nested run's best dead point): with the truth in the sampled posterior's mode,
    // ln p_max − ln p(truth) is about half a χ² with D degrees of freedom (mean D/2); a negative difference means the
    // chain never reached the truth's mode (a sampler failure), a difference of many times D the data favour another
    // region of the parameter space (a degeneracy the posterior is right to show).
    private static string ModeCheck(IReadOnlyList<ReplicateOutcome> outcomes, CalibrationSettings settings)
    {
        if (!SbcReport.HasModeGaps(outcomes)) return "";
        int d = outcomes[0].Parameters.Length;
        var t = new StringBuilder("## Did the chain reach the truth's mode?\n\n");
        t.Append(CultureInfo.InvariantCulture, $"ln p_max is the largest log posterior the chain visited (burn-in included; for nested sampling the best dead point). Where the truth lies in the mode the chain samples, ln p_max − ln p(truth) is about half a χ² with D = {d} degrees of freedom (mean {d / 2.0:0.#}); below 0 the chain missed a better region (a sampler failure); far above D the data favour another region (a degeneracy, not a failure).\n\n");
        t.Append("| truth | replicate | ln p(truth) | ln p_max | ln p_max − ln p(truth) |\n|---|---:|---:|---:|---:|\n");
        foreach (var o in outcomes)
        {
            t.Append(CultureInfo.InvariantCulture, $"| {settings.Truths[o.TruthIndex].Text} | {o.Index} | {o.Numbers["log_posterior_at_truth"]:0.00} | {o.Numbers["max_log_posterior"]:0.00} | {SbcReport.ModeGap(o):+0.00;-0.00} |\n");
        }
        return t.Append('\n').ToString();
    }
}
