using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Runs.Fit;
using CrInference.Sampling.Comparison;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// The summary of a finished evidence run, from its samples (<see cref="EvidenceSamples"/>): per parameter
/// the weighted mean, sd, median and 16/84 % quantiles (physical units; quantiles by
/// <see cref="WeightedSamples.Quantile"/>), Kish's effective sample size 1/Σw², ln Z, the best-fit sample
/// (largest <c>log_posterior</c>) with χ² per dataset, failures, wall time and likelihood calls. Written as
/// <c>summary.json</c> and <c>summary.md</c>, each atomically. The model, data, χ², fixed-parameter and
/// failure sections are the fit's (<see cref="RunSummaryText"/>).
/// </summary>
public sealed class EvidenceSummary
{
    private EvidenceSummary() { }

    /// <summary>The summary as JSON (summary.json).</summary>
    public JsonObject Json { get; private init; } = [];

    /// <summary>The summary as Markdown (summary.md).</summary>
    public string Markdown { get; private init; } = "";

    /// <summary>Best-fit point (physical units).</summary>
    public ImmutableArray<double> BestFit { get; private init; }

    /// <summary>Per-dataset χ² at the best fit (empty for test problems or where the model fails).</summary>
    public ImmutableArray<DatasetChiSquare> DatasetFits { get; private init; }

    /// <summary>Summarises <paramref name="samples"/>.</summary>
    /// <param name="build">The posterior the run sampled.</param>
    /// <param name="manifest">The run manifest.</param>
    /// <param name="samples">The run's samples.</param>
    /// <param name="method">How ln Z was computed.</param>
    /// <param name="evidence">The evidence numbers as in <c>evidence.json</c> (log_z, log_z_err, … ).</param>
    /// <param name="evidenceLines">Header-table rows (Markdown) describing the sampler and ln Z.</param>
    /// <param name="wallSeconds">Wall time of all sessions.</param>
    /// <param name="likelihoodCalls">Likelihood calls of the sampler.</param>
    /// <param name="failures">Likelihood failure reasons with counts.</param>
    /// <param name="sessions">Sessions (1 + resumes).</param>
    /// <param name="threads">Threads of this session.</param>
    public static EvidenceSummary Compute(
        PosteriorBuild build, RunManifest manifest, EvidenceSamples samples, EvidenceMethod method, JsonObject evidence,
        IReadOnlyList<string> evidenceLines, double wallSeconds, long likelihoodCalls, IReadOnlyDictionary<string, long> failures,
        int sessions, int threads)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(evidenceLines);
        ArgumentNullException.ThrowIfNull(failures);
        var spec = build.Spec;
        var parameters = spec.FreeParams.ToArray();
        int d = parameters.Length;
        var physical = new WeightedSamples(d, samples.Physical, samples.Weights, samples.LogLikelihoods);
        var mean = physical.Mean();
        var covariance = physical.Covariance();
        int best = 0;
        for (int r = 1; r < samples.Count; r++)
        {
            if (samples.LogPosterior(r) > samples.LogPosterior(best)) best = r;
        }
        var bestPoint = samples.Physical.AsSpan(best * d, d).ToArray();
        var fits = RunSummaryText.DatasetFits(build, bestPoint);
        var rows = new List<ParameterRow>(d);
        for (int i = 0; i < d; i++)
        {
            rows.Add(new ParameterRow(parameters[i], mean[i], Math.Sqrt(Math.Max(covariance[i * d + i], 0)),
                physical.Quantile(i, 0.5), physical.Quantile(i, FineTuning.LowerProbability), physical.Quantile(i, FineTuning.UpperProbability), bestPoint[i]));
        }
        double ess = physical.EffectiveSampleSize;
        var sorted = EvidenceCheckpoint.Sorted(failures);

        int points = fits.Sum(f => f.Points);
        double chi2 = fits.Sum(f => f.ChiSquare);
        int dof = points - d;
        var datasets = RunSummaryText.DatasetsJson(build, fits);
        var json = new JsonObject
        {
            ["model"] = spec.Model,
            ["method"] = method.Name(),
            ["prior_file"] = manifest.Root["prior_file"]!["path"]!.DeepClone(),
            ["identity_hash"] = manifest.IdentityHash,
            ["code_version"] = CodeVersion.Current,
            ["datasets"] = datasets,
            ["evidence"] = evidence.DeepClone(),
            ["samples"] = new JsonObject
            {
                ["rows"] = samples.Count,
                ["weights"] = method == EvidenceMethod.Nested ? "nested-sampling importance weights (normalised)" : "1 (beta = 1 chain of the production steps)",
                ["effective_sample_size"] = Number(ess),
                ["effective_sample_size_definition"] = "Kish: 1 / sum of squared normalised weights (ignores autocorrelation of the PT chain)",
            },
            ["parameters"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Spec.Name,
                ["unit"] = r.Spec.Unit,
                ["latex"] = r.Spec.Latex,
                ["prior"] = RunSummaryText.PriorJson(r.Spec.Prior),
                ["mean"] = Number(r.Mean),
                ["sd"] = Number(r.Sd),
                ["median"] = Number(r.Median),
                ["q16"] = Number(r.Q16),
                ["q84"] = Number(r.Q84),
                ["best_fit"] = Number(r.BestFit),
            })]),
            ["best_fit"] = new JsonObject
            {
                ["definition"] = "sample with the largest log_posterior",
                ["log_posterior"] = Number(samples.LogPosterior(best)),
                ["log_likelihood"] = Number(samples.LogLikelihoods[best]),
                ["chi2_total"] = fits.IsEmpty ? null : Number(chi2),
                ["points_total"] = fits.IsEmpty ? null : points,
                ["free_parameters"] = d,
                ["dof"] = fits.IsEmpty ? null : dof,
                ["chi2_per_dof"] = fits.IsEmpty || dof <= 0 ? null : Number(chi2 / dof),
                ["dof_convention"] = "dof = all kept data points - free parameters (nuisance included); per dataset chi2 is given per point",
            },
            ["failures"] = RunSummaryText.FailuresJson(sorted),
            ["failures_total"] = sorted.Values.Sum(),
            ["timing"] = new JsonObject
            {
                ["wall_seconds"] = Number(wallSeconds),
                ["likelihood_calls"] = likelihoodCalls,
                ["calls_per_second"] = Number(wallSeconds > 0 ? likelihoodCalls / wallSeconds : double.NaN),
                ["threads"] = threads,
                ["sessions"] = sessions,
            },
        };

        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Evidence summary: {spec.Model} ({(method == EvidenceMethod.Nested ? "nested sampling" : "parallel tempering")})");
        Line();
        Line("| | |");
        Line("|---|---|");
        foreach (string row in RunSummaryText.ModelRows(build)) Line(row);
        foreach (string row in evidenceLines) Line(row);
        Line(Invariant($"| Samples | {samples.Count} rows, {(method == EvidenceMethod.Nested ? "importance-weighted dead points" : "beta = 1 chain, weight 1")}; effective sample size (Kish) {ess:0} |"));
        double rate = wallSeconds > 0 ? likelihoodCalls / wallSeconds : double.NaN;
        Line(Invariant($"| Cost | {RunSummaryText.Duration(TimeSpan.FromSeconds(wallSeconds))} wall time, {likelihoodCalls} likelihood calls ({rate:0} per second), {threads} thread(s){(sessions > 1 ? $", {sessions} sessions (resumed)" : "")} |"));
        Line();
        Line("## Posterior");
        Line();
        Line("| Parameter | Unit | Prior | Mean | SD | Median | 16 % | 84 % |");
        Line("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Line(Invariant($"| `{r.Spec.Name}` | {RunSummaryText.Unit(r.Spec.Unit)} | {RunSummaryText.Prior(r.Spec.Prior)} | {Format(r.Mean)} | {Format(r.Sd)} | {Format(r.Median)} | {Format(r.Q16)} | {Format(r.Q84)} |"));
        }
        Line();
        Line(method == EvidenceMethod.Nested
            ? "Weighted by the dead points' posterior weights; quantiles interpolate the weighted empirical distribution (midpoint rule)."
            : "From the beta = 1 chain of the production steps (burn-in discarded), equal weights.");
        Line();
        Line("## Best fit (maximum posterior sample)");
        Line();
        Line("| Parameter | Value | Unit |");
        Line("|---|---:|---|");
        for (int i = 0; i < d; i++) Line($"| `{parameters[i].Name}` | {Format(bestPoint[i])} | {RunSummaryText.Unit(parameters[i].Unit)} |");
        Line();
        Line(Invariant($"ln posterior = {samples.LogPosterior(best):0.###}, ln likelihood = {samples.LogLikelihoods[best]:0.###}."));
        if (!fits.IsEmpty)
        {
            Line();
            foreach (string row in RunSummaryText.ChiSquareTable(fits, d)) Line(row);
        }
        var fixedSection = RunSummaryText.FixedParameters(spec);
        if (fixedSection.Count > 0)
        {
            Line();
            foreach (string row in fixedSection) Line(row);
        }
        Line();
        foreach (string row in RunSummaryText.Failures(sorted)) Line(row);
        return new EvidenceSummary { Json = json, Markdown = md.ToString(), BestFit = [.. bestPoint], DatasetFits = fits };
    }

    /// <summary>Writes summary.json and summary.md into <paramref name="runDirectory"/>, each atomically.</summary>
    public void Write(string runDirectory)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.json"), RunJson.Serialize(Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.md"), Markdown);
    }

    private sealed record ParameterRow(ParamSpec Spec, double Mean, double Sd, double Median, double Q16, double Q84, double BestFit);

    private static string Format(double value) => RunSummaryText.Format(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static JsonNode Number(double value) => RunJson.Number(value);
}
