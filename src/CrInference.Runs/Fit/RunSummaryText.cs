using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Runs.Composition;
using CrInference.Sampling.Comparison;

namespace CrInference.Runs.Fit;

/// <summary>
/// The parts of a run summary that every sampler's summary shares (<see cref="FitSummary"/>,
/// <c>EvidenceSummary</c>): the model and data rows of the header table, the χ² table at the best fit,
/// the fixed parameters, the likelihood failures, and the number and prior formatting.
/// </summary>
public static class RunSummaryText
{
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
                rows.Add(Invariant($"| Data: `{ds.Id}` | {ds.Source.Title} ({ds.Source.Reference}); cut {ds.Cut}; {ds.Count} of {ds.Source.Points.Length} points; {(ds.IsModulated ? "solar-modulated (force field)" : "interstellar")} |"));
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
        foreach (var f in fits) rows.Add(Invariant($"| `{f.Name}` | {f.Points} | {f.ChiSquare:0.0} | {f.ChiSquare / f.Points:0.00} |"));
        string perDof = dof > 0 ? Invariant($"{total / dof:0.00}") : "-";
        rows.Add(Invariant($"| **total** | {points} | {total:0.0} | χ²/dof = {perDof} (dof = {points} − {freeParameters} free parameters) |"));
        return rows;
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
            string.Join(", ", fixedParams.Select(p => $"`{p.Name}` = {Format(((FixedPrior)p.Prior).Value)}{(p.Unit.Length > 0 ? " " + Unit(p.Unit) : "")}{(p.IsDefault ? "" : " (set in the prior file)")}")) + ".",
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

    /// <summary>A prior in words, e.g. <c>log-uniform [0.0001, 0.01]</c>.</summary>
    public static string Prior(IPrior1D prior) => prior switch
    {
        LogUniformPrior p => Invariant($"log-uniform [{Format(p.Lower)}, {Format(p.Upper)}]"),
        UniformPrior p => Invariant($"uniform [{Format(p.Lower)}, {Format(p.Upper)}]"),
        NormalPrior p when double.IsInfinity(p.Lower) && double.IsInfinity(p.Upper) => Invariant($"normal({Format(p.Mean)}, {Format(p.Sigma)})"),
        NormalPrior p => Invariant($"normal({Format(p.Mean)}, {Format(p.Sigma)}) on [{Format(p.Lower)}, {Format(p.Upper)}]"),
        _ => prior.Kind,
    };

    /// <summary>A unit for a table cell ("–" when dimensionless).</summary>
    public static string Unit(string unit) => unit.Length == 0 ? "–" : unit;

    /// <summary>Four significant digits, invariant; non-finite values as .NET writes them.</summary>
    public static string Format(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration as 1h02m, 3m05s or 12s.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");

    /// <summary>An interpolated string formatted with the invariant culture.</summary>
    public static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}
