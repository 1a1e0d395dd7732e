using System.Globalization;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Plotting;
using CrInference.Posterior;
using CrInference.Runs.Composition;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Figures;

/// <summary>What <see cref="PosteriorSpectra.ComputeAsync"/> produced.</summary>
/// <param name="Panels">The figure's panels (data, model median and 68/95 % bands, best-fit components).</param>
/// <param name="Draws">Posterior draws the bands are made of.</param>
/// <param name="Failed">Draws whose model evaluation failed on the grid (left out of the bands).</param>
/// <param name="RowsAvailable">Rows the draws were taken from (after the burn-in).</param>
/// <param name="Representative">Where the components come from, e.g. <c>best fit (summary.json)</c>.</param>
/// <param name="PhiDescription">How the AMS-02 panels were modulated.</param>
public sealed record PosteriorSpectraResult(IReadOnlyList<SpectrumPanel> Panels, int Draws, int Failed, int RowsAvailable,
    string Representative, string PhiDescription);

/// <summary>
/// Posterior-predictive spectra of a run: N posterior rows drawn deterministically
/// (<see cref="PosteriorDraws"/>), the forward model evaluated at each on a log rigidity grid
/// (<see cref="Grid"/>), each modulated with its own <c>solar_phi_GV</c> when φ is free (else the fixed
/// value) for the AMS-02 panels, and drawn with <see cref="SpectraFigure"/> (median, 68/95 % bands,
/// residuals); the components (e.g. warm and halo terms) are those of the best-fit point.
/// Used by <c>crinf spectra</c> and by the post-run report <c>spectra.png</c>.
/// </summary>
public static class PosteriorSpectra
{
    /// <summary>Posterior draws by default.</summary>
    public const int DefaultDraws = 200;

    /// <summary>Lowest rigidity of the grid, GV (below the 3.8 MeV Voyager point at 0.085 GV).</summary>
    public const double GridMinimumGV = 0.05;

    /// <summary>Highest rigidity of the grid, GV (above the last AMS-02 bin, 1.8 TV, and the φ shift).</summary>
    public const double GridMaximumGV = 1e5;

    /// <summary>Grid points per decade of rigidity.</summary>
    public const int GridPointsPerDecade = 16;

    /// <summary>The log-spaced rigidity grid, GV (110 points from 0.05 GV to 100 TV).</summary>
    public static double[] Grid()
    {
        int n = (int)Math.Round(Math.Log10(GridMaximumGV / GridMinimumGV) * GridPointsPerDecade) + 1;
        return [.. Enumerable.Range(0, n).Select(i => GridMinimumGV * Math.Pow(GridMaximumGV / GridMinimumGV, (double)i / (n - 1)))];
    }

    /// <summary>
    /// Opens <paramref name="runDirectory"/>, draws <paramref name="draws"/> posterior samples and writes the
    /// figure to <paramref name="pngPath"/> (default <c>spectra.png</c> in the run folder) and its numbers to the
    /// same name with <c>.csv</c>. Errors are one-line <see cref="UserInputException"/>s.
    /// </summary>
    public static async Task<(string Png, string Csv, PosteriorSpectraResult Result)> WriteForRunAsync(string runDirectory, string? pngPath, int draws,
        CancellationToken cancellationToken = default)
    {
        if (draws < 1) throw new UserInputException($"--draws must be >= 1 (got {draws})");
        if (pngPath is not null) OutputLocation.CheckFile(pngPath, $"--out {pngPath}");
        var run = RunFolder.Open(runDirectory);
        run.RequireSpectra();
        var build = run.BuildPosterior();
        var result = await ComputeAsync(build, run.SamplesPath, run.IsWeighted, run.BurnInSteps(), run.BestFit(), draws, cancellationToken).ConfigureAwait(false);
        string png = Path.GetFullPath(pngPath ?? Path.Combine(run.Directory, "spectra.png"));
        string csv = Write(png, Title(build, run.Directory, result), result);
        return (png, csv, result);
    }

    /// <summary>Writes the figure to <paramref name="pngPath"/> (.png or .svg) and the CSV next to it, each atomically; returns the CSV path.</summary>
    public static string Write(string pngPath, string title, PosteriorSpectraResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string csv = Path.ChangeExtension(pngPath, ".csv");
        AtomicFile.Render(pngPath, tmp => SpectraFigure.Render(tmp, title, result.Panels));
        AtomicFile.Render(csv, tmp => FigureCsv.Write(tmp, result.Panels));
        return csv;
    }

    /// <summary>The figure title for a run.</summary>
    public static string Title(PosteriorBuild build, string runDirectory, PosteriorSpectraResult result)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture,
            $"{build.Spec.Model} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(runDirectory))}): posterior predictive from {result.Draws} draws; {result.PhiDescription}; components at the {result.Representative}");
    }

    /// <summary>
    /// Reads <paramref name="samplesPath"/> (rows after <paramref name="burnInSteps"/> stored steps; weighted rows
    /// when <paramref name="weighted"/>), evaluates the model of <paramref name="build"/> at <paramref name="draws"/>
    /// deterministic draws and at the best fit (<paramref name="bestFit"/>; else the row of largest
    /// <c>log_posterior</c>, <c>log_likelihood</c> or weight), and returns the figure's panels.
    /// </summary>
    public static async Task<PosteriorSpectraResult> ComputeAsync(PosteriorBuild build, string samplesPath, bool weighted, int burnInSteps,
        IReadOnlyDictionary<string, double>? bestFit, int draws, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (draws < 1) throw new UserInputException($"--draws must be >= 1 (got {draws})");
        var model = build.Model ?? throw new UserInputException($"model {build.Spec.Model} is an analytic test problem; it has no spectra to plot");
        var free = build.Spec.FreeParams.Select(p => p.Name).ToArray();
        var rows = await SampleRows.ReadAsync(samplesPath, free, weighted, cancellationToken).ConfigureAwait(false);
        double threshold = BurnInThreshold(rows.Draw, burnInSteps);
        Func<int, bool>? keep = rows.Draw is not { } draw || double.IsNegativeInfinity(threshold) ? null : i => draw[i] >= threshold;
        int available = keep is null ? rows.Count : Enumerable.Range(0, rows.Count).Count(keep);
        int[] picked;
        try
        {
            picked = PosteriorDraws.Select(rows.Count, keep, rows.Chain, rows.Draw, rows.Weights, draws);
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"{samplesPath}: {e.Message}");
        }

        var evaluator = new DrawEvaluator(model, build.Spec, free);
        var evaluated = new (Prediction? Prediction, double Phi, string? Failure)[picked.Length];
        Parallel.For(0, picked.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
        {
            int row = picked[k];
            evaluated[k] = evaluator.Evaluate(name => rows.Value(name, row));
        });
        var good = evaluated.Where(e => e.Prediction is not null).Select(e => new SpectraDraw(e.Prediction!, e.Phi)).ToList();
        if (good.Count == 0)
        {
            throw new UserInputException($"{samplesPath}: the model failed at every one of the {picked.Length} draws ({evaluated[0].Failure})");
        }
        var (best, representative) = BestDraw(evaluator, rows, bestFit, picked[0]);
        if (best is null)
        {
            best = good[0];
            representative = "first draw (the best fit failed on the plotting grid)";
        }
        var panels = SpectraFigure.Panels(good, best, FigureDatasets(build), $"median of {good.Count} draws", "best fit: ");
        return new PosteriorSpectraResult(panels, good.Count, picked.Length - good.Count, available, representative, evaluator.PhiDescription);
    }

    /// <summary>The components' draw: summary.json's best fit, else the stored row of largest ln p (or ln L, or weight).</summary>
    private static (SpectraDraw? Best, string Representative) BestDraw(DrawEvaluator evaluator, SampleRows rows, IReadOnlyDictionary<string, double>? bestFit, int firstPick)
    {
        if (bestFit is not null && evaluator.Free.All(bestFit.ContainsKey))
        {
            var e = evaluator.Evaluate(name => bestFit[name]);
            return (e.Prediction is null ? null : new SpectraDraw(e.Prediction, e.Phi), "best fit (summary.json)");
        }
        var logPosterior = rows.Column(ChainColumnNames.LogPosterior);
        var score = logPosterior ?? rows.Column(ChainColumnNames.LogLikelihood) ?? rows.Weights;
        int bestRow = score is null ? firstPick : Enumerable.Range(0, rows.Count).Where(i => double.IsFinite(score[i])).DefaultIfEmpty(firstPick).MaxBy(i => score[i]);
        var best = evaluator.Evaluate(name => rows.Value(name, bestRow));
        string representative = score is null ? "first draw" : $"best stored row ({(score == rows.Weights ? "largest weight" : "largest " + (logPosterior is not null ? "log_posterior" : "log_likelihood"))})";
        return (best.Prediction is null ? null : new SpectraDraw(best.Prediction, best.Phi), representative);
    }

    /// <summary>
    /// The draw value from which rows are kept after <paramref name="burnInSteps"/> stored steps: the
    /// (burn-in + 1)-th smallest distinct draw (so thinned chains, whose draws are not 0, 1, 2, …, count
    /// stored steps); −∞ to keep everything.
    /// </summary>
    public static double BurnInThreshold(double[]? draw, int burnInSteps)
    {
        if (draw is null || burnInSteps <= 0) return double.NegativeInfinity;
        var distinct = draw.Distinct().Order().ToArray();
        return burnInSteps < distinct.Length ? distinct[burnInSteps] : distinct[^1];
    }

    /// <summary>The run's datasets (all points shown, the cut only affects the fit), plus the bundled table of each
    /// observable the model predicts that the run did not fit, labelled "(not fitted)".</summary>
    public static IReadOnlyList<Dataset> FigureDatasets(PosteriorBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var list = build.Datasets.Select(d => d.Source).ToList();
        var provides = build.Model?.Provides ?? Observables.None;
        var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
        void AddIfMissing(DatasetQuantity quantity, Observables needed, string id)
        {
            if ((provides & needed) != 0 && list.All(d => d.Quantity != quantity))
            {
                var d = catalog.Load(id);
                list.Add(d with { Id = d.Id + " (not fitted)" });
            }
        }
        AddIfMissing(DatasetQuantity.ProtonFlux, Observables.ProtonFlux, "ams02-p-2015");
        AddIfMissing(DatasetQuantity.HydrogenIntensity, Observables.ProtonFlux, "voyager1-h-2016");
        AddIfMissing(DatasetQuantity.BoronToCarbon, Observables.BoronToCarbon, "ams02-bc-2021");
        return list;
    }

    private static async Task<ChainTable> ReadSchemaAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ChainTableReader.ReadSchemaAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainTableException e)
        {
            throw new UserInputException(e.Message);
        }
    }

    private static async Task<ChainTable> Read(string path, IReadOnlyCollection<string> columns, CancellationToken cancellationToken)
    {
        try
        {
            return await ChainTableReader.ReadAsync(path, columns, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainTableException e)
        {
            throw new UserInputException(e.Message);
        }
    }

    /// <summary>The rows of a sample table a figure draws from: the free parameters and the bookkeeping columns present.</summary>
    private sealed class SampleRows
    {
        private readonly ChainTable _table;
        private readonly Dictionary<string, double[]> _free;

        private SampleRows(ChainTable table, string[] free, double[]? weights)
        {
            _table = table;
            _free = free.ToDictionary(n => n, table.Values, StringComparer.Ordinal);
            Count = checked((int)table.RowCount);
            Chain = Column(ChainColumnNames.Chain);
            Draw = Column(ChainColumnNames.Draw);
            Weights = weights;
        }

        public int Count { get; }

        public double[]? Chain { get; }

        public double[]? Draw { get; }

        public double[]? Weights { get; }

        public double Value(string parameter, int row) => _free[parameter][row];

        public double[]? Column(string name) => _table.Contains(name) && _table.Column(name).Values is not null ? _table.Values(name) : null;

        public static async Task<SampleRows> ReadAsync(string samplesPath, string[] free, bool weighted, CancellationToken cancellationToken)
        {
            var schema = await ReadSchemaAsync(samplesPath, cancellationToken).ConfigureAwait(false);
            foreach (string name in free)
            {
                if (!schema.Contains(name)) throw new UserInputException($"{samplesPath}: no column '{name}' (a free parameter of the run's prior file)");
            }
            var optional = new[] { ChainColumnNames.Chain, ChainColumnNames.Draw, ChainColumnNames.Weight, ChainColumnNames.LogPosterior, ChainColumnNames.LogLikelihood }
                .Where(n => schema.Contains(n) && schema.Column(n).IsNumeric);
            var table = await Read(samplesPath, [.. free, .. optional], cancellationToken).ConfigureAwait(false);
            if (table.RowCount == 0) throw new UserInputException($"{samplesPath}: holds no samples");
            var rows = new SampleRows(table, free, null);
            if (!weighted) return rows;
            var weights = rows.Column(ChainColumnNames.Weight) ?? throw new UserInputException($"{samplesPath}: evidence samples need a '{ChainColumnNames.Weight}' column");
            return new SampleRows(table, free, weights);
        }
    }

    /// <summary>The model at one posterior point on <see cref="Grid"/>, with the fixed values and the point's (or the fixed) φ.</summary>
    private sealed class DrawEvaluator(IForwardModel model, PriorFileSpec spec, string[] free)
    {
        private readonly Dictionary<string, double> _fixed = spec.FixedParams.ToDictionary(p => p.Name, p => ((FixedPrior)p.Prior).Value, StringComparer.Ordinal);
        private readonly double[] _grid = Grid();

        public string[] Free => free;

        /// <summary>The potential of the AMS-02 panels: a free period potential, else a period potential fixed above 0,
        /// else <c>solar_phi_GV</c> (the shipped files fit AMS-02 tables of one period; TransportPosterior's remarks).</summary>
        private string PhiName => free.FirstOrDefault(n => TransportPosterior.IsModulationParameter(n) && n != TransportPosterior.SolarPhiParameter)
            ?? _fixed.Where(kv => TransportPosterior.IsModulationParameter(kv.Key) && kv.Value != 0).Select(kv => kv.Key).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? TransportPosterior.SolarPhiParameter;

        private bool PhiIsFree => Array.IndexOf(free, PhiName) >= 0;

        private double FixedPhi => _fixed.GetValueOrDefault(PhiName);

        /// <summary>How the AMS-02 panels are modulated.</summary>
        public string PhiDescription => PhiIsFree ? $"AMS-02 panels modulated with each draw's {PhiName}"
            : FixedPhi > 0 ? string.Create(CultureInfo.InvariantCulture, $"AMS-02 panels modulated with the fixed phi = {FixedPhi:G3} GV")
            : "no solar modulation (phi fixed at 0)";

        public (Prediction? Prediction, double Phi, string? Failure) Evaluate(Func<string, double> value)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, v) in _fixed)
            {
                if (!TransportPosterior.IsModulationParameter(name)) values[name] = v;
            }
            foreach (string name in free)
            {
                if (!TransportPosterior.IsModulationParameter(name)) values[name] = value(name);
            }
            double phi = PhiIsFree ? value(PhiName) : FixedPhi;
            var (input, error) = model.Resolve(values, spec.Options);
            if (input is null) return (null, phi, error);
            try
            {
                var result = model.Predict(input, _grid);
                return (result.Prediction, phi, result.Failure);
            }
            catch (ArithmeticException e)
            {
                return (null, phi, e.Message);
            }
        }
    }
}
