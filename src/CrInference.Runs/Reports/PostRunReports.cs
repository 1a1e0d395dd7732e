using CrInference.Runs.Composition;
using CrInference.Runs.Manifests;

namespace CrInference.Runs.Reports;

/// <summary>What a post-run report gets: a finished run's folder and sample table, the posterior (model, datasets),
/// the manifest and the numbers of the summary just written.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="SamplesPath">Its sample table (<c>chains.parquet</c>, or <c>samples.parquet</c> with weights).</param>
/// <param name="Build">The posterior the run sampled (with <see cref="PosteriorBuild.Spec"/>, the resolved prior file).</param>
/// <param name="Manifest">The run manifest.</param>
/// <param name="IsWeighted">True for weighted samples (evidence runs): rows are drawn ∝ weight, there is no burn-in and no trace.</param>
/// <param name="BurnInSteps">Stored steps the summary discarded as burn-in (0 for weighted samples).</param>
/// <param name="BestFit">The summary's best-fit point (physical units, free parameters in order).</param>
/// <param name="Tau">The summary's autocorrelation time per parameter, or null (weighted samples).</param>
/// <param name="Description">What the samples are, for the corner plot's title.</param>
public sealed record RunOutcome(
    string RunDirectory,
    string SamplesPath,
    PosteriorBuild Build,
    RunManifest Manifest,
    bool IsWeighted,
    int BurnInSteps,
    IReadOnlyList<double> BestFit,
    IReadOnlyDictionary<string, double>? Tau,
    string Description);

/// <summary>
/// Something to produce after a run has written its samples and summary, e.g. corner and spectra plots.
/// Reports read the finished files (never the sampler) and write into the run folder.
/// </summary>
public interface IPostRunReport
{
    /// <summary>Short name for messages, e.g. <c>corner plot</c>.</summary>
    string Name { get; }

    /// <summary>Writes the report for <paramref name="run"/>; may print one line on <paramref name="output"/>.</summary>
    Task WriteAsync(RunOutcome run, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>Runs a finished run's reports (<see cref="Lifecycle.RunOptions.Reports"/>, by default <see cref="PlotReports.All"/>).</summary>
public static class PostRunReports
{
    /// <summary>Runs every report in order; a failing one becomes a warning line on <paramref name="output"/> (the run's
    /// results are already complete, so the run still succeeds), except a failure to write (an
    /// <see cref="IOException"/>: a full disk), which stops the run before it is marked complete, so that
    /// <c>--resume</c> draws the reports again.</summary>
    public static async Task RunAllAsync(IEnumerable<IPostRunReport> reports, RunOutcome run, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var report in reports)
        {
            try
            {
                await report.WriteAsync(run, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not IOException)
            {
                await output.WriteLineAsync($"warning: {report.Name} failed: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
        }
    }
}
