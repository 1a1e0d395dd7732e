using System.Globalization;
using CrInference.Config;
using CrInference.Plotting;
using CrInference.Runs.Composition;
using CrInference.Runs.Figures;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// The plots a finished evidence run writes into its folder, as a fit's post-run reports do
/// (<see cref="Fit.PlotReports"/>, which take a fit's summary and so cannot be reused as they are):
/// <c>corner.png</c> of the weighted samples, and for physics models <c>spectra.png</c>/<c>spectra.csv</c>
/// (<see cref="PosteriorSpectra.WriteForRunAsync"/>, which reads evidence runs with their weights). A failing
/// plot is a warning line; the run's results are already complete (<c>evidence.json</c> is written first).
/// </summary>
public static class EvidencePlots
{
    public static async Task WriteAsync(string runDirectory, string samplesPath, PosteriorBuild build, EvidenceMethod method, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var names = build.Spec.FreeParams.Select(p => p.Name).ToArray();
            var table = await SampleTableReader.ReadAsync(samplesPath, names, cancellationToken).ConfigureAwait(false);
            var options = new CornerOptions
            {
                Parameters = [.. names],
                Name = Path.GetFileName(runDirectory),
                Title = string.Create(CultureInfo.InvariantCulture,
                    $"{build.Spec.Model}: {(method == EvidenceMethod.Nested ? "nested-sampling posterior (importance-weighted dead points)" : "parallel tempering, beta = 1 chain")}"),
            };
            AtomicFile.Render(Path.Combine(runDirectory, "corner.png"), tmp => CornerPlot.Render(table, options, tmp));
            await output.WriteLineAsync("wrote corner.png").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"warning: corner plot failed: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
        }
        if (build.Model is null) return;
        try
        {
            var (_, _, result) = await PosteriorSpectra.WriteForRunAsync(runDirectory, null, PosteriorSpectra.DefaultDraws, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote spectra.png and spectra.csv ({result.Draws} posterior draws)")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"warning: spectra plot failed: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
        }
    }
}
