using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Runs.Composition;
using CrInference.Runs.Fit;
using CrInference.Sampling.Comparison;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Reports;

/// <summary>
/// The parts of a run summary that every sampler's summary shares (<see cref="FitSummary"/>,
/// <c>EvidenceSummary</c>): the model and data rows of the header table, the χ² table at the best fit,
/// the fixed parameters, the likelihood failures, and the number and prior formatting.
/// </summary>
public static class RunSummaryText
{
    /// <summary>Writes <c>summary.json</c> and <c>summary.md</c> into <paramref name="runDirectory"/>, each atomically.</summary>
    public static void Write(string runDirectory, JsonObject json, string markdown)
    {
        ArgumentNullException.ThrowIfNull(json);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.json"), RunJson.Serialize(json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "summary.md"), markdown);
    }

    /// <summary>Header-table rows naming the model, each dataset (cut, points, modulation) and the error model;
    /// one row for an analytic test problem.</summary>
    public static IReadOnlyList<string> ModelRows(PosteriorBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var spec = build.Spec;
        var rows = new List<string>();
        if (build.Model is not null)
        {
            string options = string.Join(", ", spec.Options.Select(kv => $"{kv.Key} = {kv.Value}"));
            rows.Add($"| Model | `{spec.Model}` — {build.Model.Summary}{(options.Length > 0 ? $" (options: {options})" : "")} |");
            foreach (var ds in build.Datasets)
            {
                rows.Add(RunText.Invariant($"| Data: `{ds.Id}` | {ds.Source.Title} ({ds.Source.Reference}); cut {ds.Cut}; {ds.Count} of {ds.Source.Points.Length} points; {(ds.IsModulated ? "solar-modulated (force field)" : "interstellar")} |"));
            }
            rows.Add($"| Errors | {(spec.Likelihood.Errors == ErrorModelKind.Correlated ? "statistical + correlated systematics" : "statistical ⊕ systematic, independent points")} |");
        }
        else
        {
            rows.Add($"| Model | analytic test problem `{spec.Model}` |");
        }
        return rows;
    }

    /// <summary>χ² of every dataset at <paramref name="physicalPoint"/> (empty for a test problem or where the model fails).</summary>
    public static ImmutableArray<DatasetChiSquare> DatasetFits(PosteriorBuild build, ReadOnlySpan<double> physicalPoint)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (build.Transport is not { } transport) return [];
        var sampled = new double[physicalPoint.Length];
        build.Posterior.Space.ToSampled(physicalPoint, sampled);
        var chi2 = transport.ChiSquares(sampled);
        return chi2 is null ? [] : [.. build.Datasets.Select((ds, i) => new DatasetChiSquare(ds.Id, chi2[i], ds.Count))];
    }

    /// <summary>The χ² table (per dataset, then the total per degree of freedom with dof = points − free parameters).</summary>
    public static IReadOnlyList<string> ChiSquareTable(IReadOnlyList<DatasetChiSquare> fits, int freeParameters)
    {
        ArgumentNullException.ThrowIfNull(fits);
        int points = fits.Sum(f => f.Points);
        double total = fits.Sum(f => f.ChiSquare);
        int dof = points - freeParameters;
        var rows = new List<string> { "| Dataset | Points | χ² | χ²/point |", "|---|---:|---:|---:|" };
        foreach (var f in fits) rows.Add(RunText.Invariant($"| `{f.Name}` | {f.Points} | {f.ChiSquare:0.0} | {f.ChiSquare / f.Points:0.00} |"));
        string perDof = dof > 0 ? RunText.Invariant($"{total / dof:0.00}") : "-";
        rows.Add(RunText.Invariant($"| **total** | {points} | {total:0.0} | χ²/dof = {perDof} (dof = {points} − {freeParameters} free parameters) |"));
        return rows;
    }

    /// <summary>The <c>best_fit</c> object of summary.json: the point's log posterior and likelihood, χ² total and per
    /// degree of freedom (dof = all kept data points − free parameters, nuisance included).</summary>
    public static JsonObject BestFitJson(string definition, double logPosterior, double logLikelihood, IReadOnlyList<DatasetChiSquare> fits, int freeParameters)
    {
        ArgumentNullException.ThrowIfNull(fits);
        int points = fits.Sum(f => f.Points);
        double chi2 = fits.Sum(f => f.ChiSquare);
        int dof = points - freeParameters;
        bool none = fits.Count == 0;
        return new JsonObject
        {
            ["definition"] = definition,
            ["log_posterior"] = RunJson.Number(logPosterior),
            ["log_likelihood"] = RunJson.Number(logLikelihood),
            ["chi2_total"] = none ? null : RunJson.Number(chi2),
            ["points_total"] = none ? null : points,
            ["free_parameters"] = freeParameters,
            ["dof"] = none ? null : dof,
            ["chi2_per_dof"] = none || dof <= 0 ? null : RunJson.Number(chi2 / dof),
            ["dof_convention"] = "dof = all kept data points - free parameters (nuisance included); per dataset chi2 is given per point",
        };
    }

    /// <summary>
    /// The closing sections of summary.md: the best-fit table under <paramref name="heading"/>, the point's log posterior
    /// and likelihood, the χ² table, the fixed parameters and the likelihood failures.
    /// </summary>
    public static IReadOnlyList<string> BestFitAndClosing(string heading, PriorFileSpec spec, IReadOnlyList<double> bestFit, double logPosterior,
        double logLikelihood, IReadOnlyList<DatasetChiSquare> fits, IReadOnlyDictionary<string, long> failures)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(bestFit);
        ArgumentNullException.ThrowIfNull(fits);
        var parameters = spec.FreeParams.ToArray();
        var lines = new List<string> { heading, "", "| Parameter | Value | Unit |", "|---|---:|---|" };
        for (int i = 0; i < parameters.Length; i++) lines.Add($"| `{parameters[i].Name}` | {RunText.Format(bestFit[i])} | {RunText.Unit(parameters[i].Unit)} |");
        lines.Add("");
        lines.Add(RunText.Invariant($"ln posterior = {logPosterior:0.###}, ln likelihood = {logLikelihood:0.###}."));
        if (fits.Count > 0)
        {
            lines.Add("");
            lines.AddRange(ChiSquareTable(fits, parameters.Length));
        }
        var fixedSection = FixedParameters(spec);
        if (fixedSection.Count > 0)
        {
            lines.Add("");
            lines.AddRange(fixedSection);
        }
        lines.Add("");
        lines.AddRange(Failures(failures));
        return lines;
    }

    /// <summary>The "Fixed parameters" section (heading, blank line, one sentence); empty when nothing is fixed.</summary>
    public static IReadOnlyList<string> FixedParameters(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fixedParams = spec.FixedParams.ToList();
        if (fixedParams.Count == 0) return [];
        return
        [
            "## Fixed parameters",
            "",
            string.Join(", ", fixedParams.Select(p => $"`{p.Name}` = {RunText.Format(((FixedPrior)p.Prior).Value)}{(p.Unit.Length > 0 ? " " + RunText.Unit(p.Unit) : "")}{(p.IsDefault ? "" : " (set in the prior file)")}")) + ".",
        ];
    }

    /// <summary>The "Likelihood failures" section: heading, blank line, one line per reason (most frequent first) or "None".</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyDictionary<string, long> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var rows = new List<string> { "## Likelihood failures", "" };
        if (failures.Count == 0)
        {
            rows.Add("None: every likelihood evaluation was finite or outside the prior.");
        }
        else
        {
            foreach (var (reason, count) in failures.OrderByDescending(kv => kv.Value)) rows.Add($"- {count} × {reason}");
        }
        return rows;
    }

    /// <summary>Per dataset of <paramref name="build"/>: id, cut, points and χ² at the best fit (total and per point).</summary>
    public static JsonArray DatasetsJson(PosteriorBuild build, IReadOnlyList<DatasetChiSquare> fits)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(fits);
        var datasets = new JsonArray();
        foreach (var ds in build.Datasets)
        {
            var fit = fits.FirstOrDefault(f => f.Name == ds.Id);
            datasets.Add(new JsonObject
            {
                ["id"] = ds.Id,
                ["cut"] = ds.Cut.ToString(),
                ["points"] = ds.Count,
                ["chi2_best_fit"] = fit is null ? null : RunJson.Number(fit.ChiSquare),
                ["chi2_per_point"] = fit is null ? null : RunJson.Number(fit.ChiSquare / fit.Points),
            });
        }
        return datasets;
    }

    /// <summary>The failures as a JSON object, most frequent first.</summary>
    public static JsonObject FailuresJson(IReadOnlyDictionary<string, long> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var json = new JsonObject();
        foreach (var (reason, count) in failures.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)) json[reason] = count;
        return json;
    }

    /// <summary>A prior as a JSON object: kind and its parameters in ordinal order.</summary>
    public static JsonObject PriorJson(IPrior1D prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var json = new JsonObject { ["kind"] = prior.Kind };
        foreach (var (k, v) in prior.Describe().OrderBy(kv => kv.Key, StringComparer.Ordinal)) json[k] = RunJson.Number(v);
        return json;
    }
}
