using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Reports;
using CrInference.Sampling.Comparison;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// The summary of a finished evidence run, from its samples (<see cref="WeightedSampleTable"/>): per parameter
/// the weighted mean, sd, median and 16/84 % quantiles (physical units; quantiles by
/// <see cref="WeightedSamples.Quantile"/>), Kish's effective sample size 1/Σw², ln Z, the best-fit sample
/// (largest <c>log_posterior</c>) with χ² per dataset, failures, wall time and likelihood calls. Written as
/// <c>summary.json</c> and <c>summary.md</c>, each atomically. The model, data, χ², fixed-parameter and
/// failure sections are the fit's (<see cref="RunSummaryText"/>).
/// </summary>
public sealed class EvidenceSummary
{
    private EvidenceSummary(JsonObject json, string markdown, ImmutableArray<double> bestFit)
    {
        Json = json;
        Markdown = markdown;
        BestFit = bestFit;
    }

    /// <summary>The summary as JSON (summary.json).</summary>
    public JsonObject Json { get; }

    /// <summary>The summary as Markdown (summary.md).</summary>
    public string Markdown { get; }

    /// <summary>Best-fit point (physical units).</summary>
    public ImmutableArray<double> BestFit { get; }

    /// <summary>Summarises <paramref name="samples"/> of <paramref name="run"/>.</summary>
    /// <param name="run">The run (posterior, manifest).</param>
    /// <param name="wording">How the method's samples are described.</param>
    /// <param name="samples">The run's samples.</param>
    /// <param name="evidence">The evidence numbers as in <c>evidence.json</c> (log_z, log_z_err, … ), timing left out.</param>
    /// <param name="evidenceLines">Header-table rows (Markdown) describing the sampler and ln Z.</param>
    /// <param name="cost">Wall time, calls, failures and sessions of the run.</param>
    public static EvidenceSummary Compute(RunContext run, EvidenceWording wording, WeightedSampleTable samples, JsonObject evidence,
        IReadOnlyList<string> evidenceLines, RunCost cost)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(evidenceLines);
        ArgumentNullException.ThrowIfNull(cost);
        var parameters = run.Build.Spec.FreeParams.ToArray();
        int d = parameters.Length;
        var physical = new WeightedSamples(d, samples.Physical, samples.Weights, samples.LogLikelihoods);
        int best = BestRow(samples);
        var bestPoint = samples.Physical.AsSpan(best * d, d).ToArray();
        var rows = ParameterRows(parameters, physical, bestPoint);
        var fits = RunSummaryText.DatasetFits(run.Build, bestPoint);
        var failures = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, cost.Failures);
        var closing = RunSummaryText.BestFitAndClosing("## Best fit (maximum posterior sample)", run.Build.Spec, bestPoint,
            samples.LogPosterior(best), samples.LogLikelihoods[best], fits, failures);
        var json = new JsonObject
        {
            ["model"] = run.Build.Spec.Model,
            ["method"] = run.Kind.Name,
            ["prior_file"] = run.Manifest.Root["prior_file"]!["path"]!.DeepClone(),
            ["identity_hash"] = run.Manifest.IdentityHash,
            ["code_version"] = CodeVersion.Current,
            ["datasets"] = RunSummaryText.DatasetsJson(run.Build, fits),
            ["evidence"] = evidence.DeepClone(),
            ["samples"] = new JsonObject
            {
                ["rows"] = samples.Count,
                ["weights"] = wording.Weights,
                ["effective_sample_size"] = RunJson.Number(physical.EffectiveSampleSize),
                ["effective_sample_size_definition"] = "Kish: 1 / sum of squared normalised weights (ignores autocorrelation of the PT chain)",
            },
            ["parameters"] = new JsonArray([.. rows.Select(r => (JsonNode)r.ToJson())]),
            ["best_fit"] = RunSummaryText.BestFitJson("sample with the largest log_posterior", samples.LogPosterior(best), samples.LogLikelihoods[best], fits, d),
            ["failures"] = RunSummaryText.FailuresJson(failures),
            ["failures_total"] = failures.Values.Sum(),
            ["timing"] = cost.TimingJson(includeCalls: true),
        };
        string markdown = ToMarkdown(run, wording, samples.Count, physical.EffectiveSampleSize, evidenceLines, rows, cost, closing);
        return new EvidenceSummary(json, markdown, [.. bestPoint]);
    }

    /// <summary>Writes summary.json and summary.md into <paramref name="runDirectory"/>, each atomically.</summary>
    public void Write(string runDirectory) => RunSummaryText.Write(runDirectory, Json, Markdown);

    private static string ToMarkdown(RunContext run, EvidenceWording wording, int count, double ess, IReadOnlyList<string> evidenceLines,
        IReadOnlyList<ParameterRow> rows, RunCost cost, IReadOnlyList<string> closing)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Evidence summary: {run.Build.Spec.Model} ({wording.Title})");
        Line();
        Line("| | |");
        Line("|---|---|");
        foreach (string row in RunSummaryText.ModelRows(run.Build)) Line(row);
        foreach (string row in evidenceLines) Line(row);
        Line(RunText.Invariant($"| Samples | {count} rows, {wording.Samples}; effective sample size (Kish) {ess:0} |"));
        Line(cost.MarkdownRow());
        Line();
        Line("## Posterior");
        Line();
        Line("| Parameter | Unit | Prior | Mean | SD | Median | 16 % | 84 % |");
        Line("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows) Line(r.ToMarkdown());
        Line();
        Line(wording.PosteriorNote);
        Line();
        foreach (string row in closing) Line(row);
        return md.ToString();
    }

    private static List<ParameterRow> ParameterRows(ParamSpec[] parameters, WeightedSamples physical, double[] bestPoint)
    {
        int d = parameters.Length;
        var mean = physical.Mean();
        var covariance = physical.Covariance();
        var rows = new List<ParameterRow>(d);
        for (int i = 0; i < d; i++)
        {
            rows.Add(new ParameterRow(parameters[i], mean[i], Math.Sqrt(Math.Max(covariance[i * d + i], 0)),
                physical.Quantile(i, 0.5), physical.Quantile(i, FineTuning.LowerProbability), physical.Quantile(i, FineTuning.UpperProbability), bestPoint[i]));
        }
        return rows;
    }

    /// <summary>The row of the largest <c>log_posterior</c> (the first of equals).</summary>
    private static int BestRow(WeightedSampleTable samples)
    {
        int best = 0;
        for (int r = 1; r < samples.Count; r++)
        {
            if (samples.LogPosterior(r) > samples.LogPosterior(best)) best = r;
        }
        return best;
    }

    private sealed record ParameterRow(ParamSpec Spec, double Mean, double Sd, double Median, double Q16, double Q84, double BestFit)
    {
        public JsonObject ToJson() => new()
        {
            ["name"] = Spec.Name,
            ["unit"] = Spec.Unit,
            ["latex"] = Spec.Latex,
            ["prior"] = RunSummaryText.PriorJson(Spec.Prior),
            ["mean"] = RunJson.Number(Mean),
            ["sd"] = RunJson.Number(Sd),
            ["median"] = RunJson.Number(Median),
            ["q16"] = RunJson.Number(Q16),
            ["q84"] = RunJson.Number(Q84),
            ["best_fit"] = RunJson.Number(BestFit),
        };

        public string ToMarkdown() => RunText.Invariant(
            $"| `{Spec.Name}` | {RunText.Unit(Spec.Unit)} | {RunText.Prior(Spec.Prior)} | {RunText.Format(Mean)} | {RunText.Format(Sd)} | {RunText.Format(Median)} | {RunText.Format(Q16)} | {RunText.Format(Q84)} |");
    }
}
