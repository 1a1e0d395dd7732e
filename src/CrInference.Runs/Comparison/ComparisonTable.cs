using System.Globalization;
using System.Text;
using CrInference.Runs.Reports;
using CrInference.Sampling.Comparison;

namespace CrInference.Runs.Comparison;

/// <summary>
/// The tables of <c>crinf compare</c>: one row per run (ln Z, Δ ln Z to the best and its Jeffreys-scale wording,
/// χ²_min/dof, χ²/N per dataset, information gain, Bayesian complexity, the most fine-tuned parameter) and one
/// row per run × parameter (posterior 68 % width / prior width in the sampled coordinate, Δχ² of ±10 % moves),
/// as Markdown and as two CSV files (<c>FILE.csv</c>, <c>FILE-fine-tuning.csv</c>) with the same numbers at full
/// precision.
/// </summary>
/// <remarks>
/// Δ ln Z = ln Z − ln Z_best ≤ 0 with σ = √(σ² + σ_best²); the wording is <see cref="JeffreysScale"/>'s
/// (Trotta 2008: |Δ ln Z| &lt; 1 inconclusive, &lt; 2.5 weak, &lt; 5 moderate, else strong) for the best run against
/// this one. It is only meaningful between runs on the same data: with runs on different data (allowed only by
/// <c>--allow-mixed-data</c>) Δ ln Z is left out and the table says why.
/// </remarks>
public sealed class ComparisonTable
{
    private readonly IReadOnlyList<ModelMetrics> _models;
    private readonly bool _mixedData;
    private readonly ModelMetrics? _best;
    private readonly List<string> _datasets;

    public ComparisonTable(IReadOnlyList<ModelMetrics> models, bool mixedData)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
        _mixedData = mixedData;
        _best = models.Where(m => m.Run.LogZ is not null).MaxBy(m => m.Run.LogZ!.Value);
        _datasets = [.. models.SelectMany(m => m.Run.Build.Datasets.Select(d => d.Id)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The run with the largest ln Z, or null when no run has one.</summary>
    public ComparedRun? Best => _best?.Run;

    /// <summary>Δ ln Z = ln Z − ln Z_best of <paramref name="m"/> and its error; null without ln Z or with mixed data.</summary>
    public (double Delta, double Error)? DeltaLogZ(ModelMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (_mixedData || _best is null || m.Run.LogZ is not { } z) return null;
        double delta = z - _best.Run.LogZ!.Value;
        double error = ReferenceEquals(m, _best) ? 0 : Math.Sqrt(Square(m.Run.LogZError ?? 0) + Square(_best.Run.LogZError ?? 0));
        return (delta, error);
    }

    /// <summary>"best", "inconclusive" or e.g. "moderate evidence for two-phase-z"; empty without ln Z; "n/a" with mixed data.</summary>
    public string Jeffreys(ModelMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Run.LogZ is null) return "";
        if (_mixedData) return "n/a (different data)";
        if (ReferenceEquals(m, _best)) return "best";
        var strength = JeffreysScale.Classify(DeltaLogZ(m)!.Value.Delta);
        return strength == EvidenceStrength.Inconclusive ? "inconclusive" : $"{JeffreysScale.Wording(strength)} evidence for {_best!.Run.Name}";
    }

    /// <summary>The Markdown document.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line("# Model comparison");
        Line();
        var data = _models.Select(m => m.Run.DataDescription).Distinct(StringComparer.Ordinal).ToList();
        if (_mixedData)
        {
            Line($"**Warning: these runs fit different data** ({string.Join("; ", _models.Select(m => $"`{m.Run.Name}`: {m.Run.DataDescription}"))}). "
                + "Evidences of different data cannot be compared: Δ ln Z and the Jeffreys scale are left out; χ², information gain and fine-tuning are per run.");
        }
        else
        {
            Line($"{_models.Count} run(s), all on the same data: {data[0]}.{(_best is null ? " No run has an evidence (crinf evidence); Δ ln Z needs at least one." : $" Δ ln Z is relative to the run with the largest evidence, `{_best.Run.Name}`.")}");
        }
        Line();
        foreach (string row in ModelRows()) Line(row);
        Line();
        Line("## Fine-tuning per parameter");
        Line();
        Line("| Run | Parameter | Sampled coordinate | Prior | Posterior 68 % (sampled) | Width / prior width | Width / prior 68 % | Best fit | Δχ² at +10 % | Δχ² at −10 % | max Δχ² |");
        Line("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in _models)
        {
            var space = m.Run.Build.Posterior.Space;
            for (int i = 0; i < space.Dimension; i++)
            {
                var w = m.Widths[i];
                var s = m.Shifts[i];
                Line(Invariant($"| `{m.Run.Name}` | `{w.Name}` | {m.SampledCoordinate(i)} | {RunText.Prior(space.Parameters[i].Prior)} | [{G4(w.Lower16)}, {G4(w.Upper84)}] | {G3(w.Ratio)} | {G3(w.RatioToPrior68)} | {G4(s.BestFitValue)} | {DeltaChi2(s.DeltaChiSquareUp)}{(s.UpOutsidePrior ? "†" : "")} | {DeltaChi2(s.DeltaChiSquareDown)}{(s.DownOutsidePrior ? "†" : "")} | {DeltaChi2(s.MaxDeltaChiSquare)} |"));
            }
        }
        Line();
        Line("## Definitions");
        Line();
        Line("- **ln Z ± σ**: nested sampling's σ = √(H/n_live); parallel tempering's σ = bootstrap ⊕ discretisation error of thermodynamic integration. Fits (MCMC) have no evidence.");
        Line("- **Δ ln Z** = ln Z − ln Z_best, σ = √(σ² + σ_best²); **Jeffreys scale** (Trotta 2008): |Δ ln Z| < 1 inconclusive, < 2.5 weak, < 5 moderate, ≥ 5 strong evidence for the best run.");
        Line("- **χ²_min / dof**: χ² at the sample with the largest ln L (burn-in included), recomputed with the rebuilt posterior; dof = data points − k (all free parameters, nuisance included); per dataset χ²/N (N points in brackets).");
        Line("- **D_KL**: information gain of the posterior over the prior, ⟨ln L⟩_post − ln Z for evidence runs, Kozachenko–Leonenko nearest-neighbour estimate on the fit's chain thinned by τ (≤ 4000 draws) otherwise.");
        Line("- **C_b**: Bayesian model complexity ⟨χ²⟩_post − χ²(posterior mean) (Kunz, Trotta & Parkinson 2006), the number of parameters the data constrain.");
        Line("- **Width / prior width**: posterior 68 % interval (weighted 15.87–84.13 % quantiles) over the prior's width, both in the sampled coordinate (ln x for log-uniform priors; a normal prior's width is its central 68 %). A posterior equal to a uniform prior gives 0.683; **width / prior 68 %** is 1 for a parameter the data did not constrain, whatever the prior.");
        Line("- **Δχ² at ±10 %**: χ² change when the parameter alone moves to (1 ± 0.1) × its best-fit physical value, every other parameter held at the best fit (a fine-tuned parameter costs a lot). † = the moved value lies outside the prior (χ² still evaluated). For test problems χ² = −2 ln L.");
        var notes = _models.SelectMany(m => m.Notes.Select(n => $"`{m.Run.Name}`: {n}")).ToList();
        if (notes.Count > 0)
        {
            Line();
            Line("## Notes");
            Line();
            foreach (string note in notes) Line($"- {note}");
        }
        return md.ToString();
    }

    /// <summary>The model-comparison table: header, separator and one row per run.</summary>
    private List<string> ModelRows()
    {
        var rows = new List<string>();
        var header = new List<string> { "Run", "Model", "Kind", "k", "ln Z ± σ", "Δ ln Z ± σ", "Jeffreys scale", "χ²_min / dof" };
        header.AddRange(_datasets.Select(id => $"χ²/N `{id}`"));
        header.AddRange(["D_KL (nats)", "C_b", "Narrowest parameter (width ratio)", "Largest Δχ² at ±10 % (parameter)"]);
        rows.Add("| " + string.Join(" | ", header) + " |");
        rows.Add("|" + string.Concat(header.Select((_, i) => i is 0 or 1 or 2 or 6 || i >= header.Count - 2 ? "---|" : "---:|")));
        foreach (var m in _models)
        {
            var cells = new List<string>
            {
                $"`{m.Run.Name}`",
                $"`{m.Run.Build.Spec.Model}`",
                m.Run.KindName,
                Invariant($"{m.FreeParameters}"),
                m.Run.LogZ is { } z ? Invariant($"{z:0.000} ± {m.Run.LogZError ?? double.NaN:0.000}") : "",
                DeltaLogZ(m) is { } delta ? Invariant($"{delta.Delta:0.000} ± {delta.Error:0.000}") : _mixedData && m.Run.LogZ is not null ? "n/a" : "",
                Jeffreys(m),
                m.Fit is { } fit ? Invariant($"{fit.TotalChiSquare:0.0} / {fit.DegreesOfFreedom} = {fit.ReducedChiSquare:0.00}") : "",
            };
            foreach (string id in _datasets)
            {
                var line = m.Fit?.Datasets.FirstOrDefault(d => d.Name == id);
                cells.Add(line is null ? "" : Invariant($"{line.ChiSquarePerPoint:0.00} ({line.Points})"));
            }
            cells.Add(double.IsFinite(m.InformationGain) ? Invariant($"{m.InformationGain:0.00} ({(m.InformationMethod == "ln Z" ? "from ln Z" : "k-NN")})") : "n/a");
            cells.Add(Invariant($"{m.Complexity.Complexity:0.00}"));
            cells.Add(m.NarrowestParameter is { } w ? Invariant($"`{w.Name}` ({G3(w.Ratio)})") : "");
            cells.Add(m.SteepestParameter is { } s ? Invariant($"{DeltaChi2(s.MaxDeltaChiSquare)} (`{s.Name}`)") : "");
            rows.Add("| " + string.Join(" | ", cells) + " |");
        }
        return rows;
    }

    /// <summary>The per-run CSV (<c>FILE.csv</c>).</summary>
    public string ToModelsCsv()
    {
        var header = new List<string>
        {
            "run", "model", "kind", "free_parameters", "log_z", "log_z_err", "delta_log_z", "delta_log_z_err", "jeffreys",
            "chi2_min", "points", "dof", "chi2_per_dof", "p_value",
        };
        foreach (string id in _datasets) header.AddRange([$"chi2__{id}", $"points__{id}", $"chi2_per_point__{id}"]);
        header.AddRange([
            "information_gain_nats", "information_gain_method", "complexity_posterior_mean", "complexity_best_fit",
            "max_log_likelihood", "samples", "effective_sample_size", "narrowest_parameter", "narrowest_width_ratio",
            "steepest_parameter", "steepest_delta_chi2", "data", "folder",
        ]);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header)).Append('\n');
        foreach (var m in _models)
        {
            var delta = DeltaLogZ(m);
            var row = new List<string>
            {
                m.Run.Name, m.Run.Build.Spec.Model, m.Run.KindName, Invariant($"{m.FreeParameters}"),
                Number(m.Run.LogZ), Number(m.Run.LogZError), Number(delta?.Delta), Number(delta?.Error), Jeffreys(m),
                Number(m.ChiSquareMin), m.Fit is { } f1 ? Invariant($"{f1.TotalPoints}") : "", m.Fit is { } f2 ? Invariant($"{f2.DegreesOfFreedom}") : "",
                Number(m.Fit?.ReducedChiSquare), Number(m.Fit?.PValue),
            };
            foreach (string id in _datasets)
            {
                var line = m.Fit?.Datasets.FirstOrDefault(d => d.Name == id);
                row.AddRange([Number(line?.ChiSquare), line is null ? "" : Invariant($"{line.Points}"), Number(line?.ChiSquarePerPoint)]);
            }
            row.AddRange([
                Number(m.InformationGain), m.InformationMethod, Number(m.Complexity.Complexity), Number(m.ComplexityBestFit.Complexity),
                Number(m.Run.BestLogLikelihood), Invariant($"{m.Run.Samples.Count}"), Number(m.Run.Samples.EffectiveSampleSize),
                m.NarrowestParameter?.Name ?? "", Number(m.NarrowestParameter?.Ratio), m.SteepestParameter?.Name ?? "", Number(m.SteepestParameter?.MaxDeltaChiSquare),
                m.Run.DataDescription, RunFiles.Display(m.Run.Directory),
            ]);
            csv.Append(string.Join(',', row.Select(CsvField.Quote))).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The per-parameter CSV (<c>FILE-fine-tuning.csv</c>).</summary>
    public string ToFineTuningCsv()
    {
        var csv = new StringBuilder();
        csv.Append("run,model,parameter,sampled_coordinate,prior,q16_sampled,q84_sampled,posterior_width,prior_width,width_ratio,prior_width_68,width_ratio_to_prior68,")
           .Append("best_fit,chi2_best_fit,delta_chi2_up,delta_chi2_down,delta_chi2_max,up_outside_prior,down_outside_prior\n");
        foreach (var m in _models)
        {
            var space = m.Run.Build.Posterior.Space;
            for (int i = 0; i < space.Dimension; i++)
            {
                var w = m.Widths[i];
                var s = m.Shifts[i];
                var row = new[]
                {
                    m.Run.Name, m.Run.Build.Spec.Model, w.Name, m.SampledCoordinate(i), RunText.Prior(space.Parameters[i].Prior),
                    Number(w.Lower16), Number(w.Upper84), Number(w.PosteriorWidth), Number(w.PriorSampledWidth), Number(w.Ratio),
                    Number(w.PriorWidth68), Number(w.RatioToPrior68), Number(s.BestFitValue), Number(s.ChiSquareBestFit),
                    Number(s.DeltaChiSquareUp), Number(s.DeltaChiSquareDown), Number(s.MaxDeltaChiSquare),
                    s.UpOutsidePrior ? "true" : "false", s.DownOutsidePrior ? "true" : "false",
                };
                csv.Append(string.Join(',', row.Select(CsvField.Quote))).Append('\n');
            }
        }
        return csv.ToString();
    }

    private static double Square(double x) => x * x;

    private static string G3(double value) => double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "n/a";

    private static string G4(double value) => RunText.Format(value);

    private static string DeltaChi2(double value) => value switch
    {
        double.PositiveInfinity => "∞ (model fails)",
        _ when double.IsNaN(value) => "n/a",
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };

    private static string Number(double? value) => value is not { } v ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
