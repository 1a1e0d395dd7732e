using System.Globalization;
using CrInference.Plotting;
using CrInference.Runs.Figures;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Reports;

/// <summary>
/// The plots a finished run writes into its folder: <see cref="Corner"/> (<c>corner.png</c>), <see cref="Trace"/>
/// (<c>trace.png</c>, MCMC chains only) and <see cref="Spectra"/> (<c>spectra.png</c> + <c>spectra.csv</c>, physics
/// models only). They read the finished sample table (never the sampler), drop the summary's burn-in, respect
/// weights, and write atomically.
/// </summary>
public static class PlotReports
{
    /// <summary>Corner plot of the sampled parameters after the burn-in, labels and units from the manifest.</summary>
    public static IPostRunReport Corner { get; } = new CornerReport();

    /// <summary>Walker traces with the burn-in shaded and τ per parameter from the summary.</summary>
    public static IPostRunReport Trace { get; } = new TraceReport();

    /// <summary>Posterior-predictive spectra (<see cref="PosteriorSpectra"/>, 200 draws); nothing for test problems.</summary>
    public static IPostRunReport Spectra { get; } = new SpectraReport();

    /// <summary>The three, in this order: every run's default reports.</summary>
    public static IReadOnlyList<IPostRunReport> All { get; } = [Corner, Trace, Spectra];

    /// <summary>The table of <paramref name="run"/> and the draw value from which rows count as after its burn-in, as a
    /// <see cref="SampleTable.WithBurnIn"/> argument.</summary>
    private static async Task<(SampleTable Table, long BurnDraw)> ReadAfterBurnInAsync(RunOutcome run, CancellationToken cancellationToken)
    {
        var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
        var table = await SampleTableReader.ReadAsync(run.SamplesPath, names, cancellationToken).ConfigureAwait(false);
        double threshold = PosteriorSpectra.BurnInThreshold(table.HasColumn("draw") ? table.GetColumn("draw").Values : null, run.BurnInSteps);
        return (table, double.IsNegativeInfinity(threshold) ? 0 : (long)threshold);
    }

    private sealed class CornerReport : IPostRunReport
    {
        public string Name => "corner plot";

        public async Task WriteAsync(RunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            var (table, burn) = await ReadAfterBurnInAsync(run, cancellationToken).ConfigureAwait(false);
            var options = new CornerOptions
            {
                Parameters = [.. run.Build.Spec.FreeParams.Select(p => p.Name)],
                BurnIn = burn,
                Name = Path.GetFileName(run.RunDirectory),
                Title = $"{run.Build.Spec.Model}: {run.Description}",
            };
            AtomicFile.Render(Path.Combine(run.RunDirectory, "corner.png"), tmp => CornerPlot.Render(table, options, tmp));
            await output.WriteLineAsync("wrote corner.png").ConfigureAwait(false);
        }
    }

    private sealed class TraceReport : IPostRunReport
    {
        public string Name => "trace plot";

        public async Task WriteAsync(RunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            if (run.IsWeighted || run.Tau is null) return;
            var (table, burn) = await ReadAfterBurnInAsync(run, cancellationToken).ConfigureAwait(false);
            var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
            var options = new TraceOptions { Parameters = names, Tau = run.Tau, BurnIn = burn, Title = $"{Path.GetFileName(run.RunDirectory)} ({run.Build.Spec.Model})" };
            AtomicFile.Render(Path.Combine(run.RunDirectory, "trace.png"), tmp => TracePlot.Render(table, options, tmp));
            await output.WriteLineAsync("wrote trace.png").ConfigureAwait(false);
        }
    }

    private sealed class SpectraReport : IPostRunReport
    {
        public string Name => "spectra plot";

        public async Task WriteAsync(RunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            if (run.Build.Model is null) return;
            var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
            var best = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < names.Length && i < run.BestFit.Count; i++) best[names[i]] = run.BestFit[i];
            var result = await PosteriorSpectra.ComputeAsync(run.Build, run.SamplesPath, run.IsWeighted, run.BurnInSteps, best,
                PosteriorSpectra.DefaultDraws, cancellationToken).ConfigureAwait(false);
            PosteriorSpectra.Write(Path.Combine(run.RunDirectory, "spectra.png"), PosteriorSpectra.Title(run.Build, run.RunDirectory, result), result);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote spectra.png and spectra.csv ({result.Draws} posterior draws{(result.Failed > 0 ? $", {result.Failed} failed on the plotting grid" : "")})")).ConfigureAwait(false);
        }
    }
}
