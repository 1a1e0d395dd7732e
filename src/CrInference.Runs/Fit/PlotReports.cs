using System.Globalization;
using CrInference.Plotting;
using CrInference.Runs.Figures;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>
/// The plots a finished fit writes into its folder (registered in <c>CliApp.BuildRoot</c>):
/// <see cref="Corner"/> (<c>corner.png</c>, every run), <see cref="Trace"/> (<c>trace.png</c>, every run) and
/// <see cref="Spectra"/> (<c>spectra.png</c> + <c>spectra.csv</c>, physics models only). They read the
/// finished <c>chains.parquet</c> (never the sampler), drop the summary's burn-in and write atomically.
/// </summary>
public static class PlotReports
{
    /// <summary>Corner plot of the sampled parameters after the burn-in, labels and units from the manifest.</summary>
    public static IPostRunReport Corner { get; } = new CornerReport();

    /// <summary>Walker traces with the burn-in shaded and τ per parameter from the summary.</summary>
    public static IPostRunReport Trace { get; } = new TraceReport();

    /// <summary>Posterior-predictive spectra (<see cref="PosteriorSpectra"/>, 200 draws); nothing for test problems.</summary>
    public static IPostRunReport Spectra { get; } = new SpectraReport();

    /// <summary>The draw value from which rows count as after the burn-in of <paramref name="run"/>, as a
    /// <see cref="SampleTable.WithBurnIn"/> argument.</summary>
    private static async Task<(SampleTable Table, long BurnDraw)> ReadAfterBurnInAsync(FitRunOutcome run, CancellationToken cancellationToken)
    {
        var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
        var table = await SampleTableReader.ReadAsync(run.ChainsPath, names, cancellationToken).ConfigureAwait(false);
        double threshold = PosteriorSpectra.BurnInThreshold(table.HasColumn("draw") ? table.GetColumn("draw").Values : null, run.Summary.BurnInSteps);
        return (table, double.IsNegativeInfinity(threshold) ? 0 : (long)threshold);
    }

    private sealed class CornerReport : IPostRunReport
    {
        public string Name => "corner plot";

        public async Task WriteAsync(FitRunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            var (table, burn) = await ReadAfterBurnInAsync(run, cancellationToken).ConfigureAwait(false);
            string path = Path.Combine(run.RunDirectory, "corner.png");
            var options = new CornerOptions
            {
                Parameters = [.. run.Build.Spec.FreeParams.Select(p => p.Name)],
                BurnIn = burn,
                Name = Path.GetFileName(run.RunDirectory),
                Title = string.Create(CultureInfo.InvariantCulture, $"{run.Build.Spec.Model}: burn-in of {run.Summary.BurnInSteps} steps dropped"),
            };
            AtomicFile.Render(path, tmp => CornerPlot.Render(table, options, tmp));
            await output.WriteLineAsync("wrote corner.png").ConfigureAwait(false);
        }
    }

    private sealed class TraceReport : IPostRunReport
    {
        public string Name => "trace plot";

        public async Task WriteAsync(FitRunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            var (table, burn) = await ReadAfterBurnInAsync(run, cancellationToken).ConfigureAwait(false);
            var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
            var tau = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < names.Length && i < run.Summary.Chain.Parameters.Length; i++)
            {
                tau[names[i]] = run.Summary.Chain.Parameters[i].Tau.Tau;
            }
            string path = Path.Combine(run.RunDirectory, "trace.png");
            var options = new TraceOptions { Parameters = names, Tau = tau, BurnIn = burn, Title = $"{Path.GetFileName(run.RunDirectory)} ({run.Build.Spec.Model})" };
            AtomicFile.Render(path, tmp => TracePlot.Render(table, options, tmp));
            await output.WriteLineAsync("wrote trace.png").ConfigureAwait(false);
        }
    }

    private sealed class SpectraReport : IPostRunReport
    {
        public string Name => "spectra plot";

        public async Task WriteAsync(FitRunOutcome run, TextWriter output, CancellationToken cancellationToken)
        {
            if (run.Build.Model is null) return;
            var names = run.Build.Spec.FreeParams.Select(p => p.Name).ToArray();
            var best = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < names.Length && i < run.Summary.BestFit.Length; i++) best[names[i]] = run.Summary.BestFit[i];
            var result = await PosteriorSpectra.ComputeAsync(run.Build, run.ChainsPath, weighted: false, run.Summary.BurnInSteps, best,
                PosteriorSpectra.DefaultDraws, cancellationToken).ConfigureAwait(false);
            string path = Path.Combine(run.RunDirectory, "spectra.png");
            PosteriorSpectra.Write(path, PosteriorSpectra.Title(run.Build, run.RunDirectory, result), result);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote spectra.png and spectra.csv ({result.Draws} posterior draws{(result.Failed > 0 ? $", {result.Failed} failed on the plotting grid" : "")})")).ConfigureAwait(false);
        }
    }
}
