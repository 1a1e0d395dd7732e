using CrInference.Config;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Fit;

/// <summary>What a post-run report gets: the finished run's folder and files, the prior file, the posterior
/// (model, datasets, for spectra at the best fit) and the summary.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="ChainsPath">Its <c>chains.parquet</c>.</param>
/// <param name="Build">The posterior the run sampled (with <see cref="PosteriorBuild.Spec"/>, the resolved prior file).</param>
/// <param name="Manifest">The run manifest.</param>
/// <param name="Summary">The summary just written (summary.json, summary.md).</param>
public sealed record FitRunOutcome(string RunDirectory, string ChainsPath, PosteriorBuild Build, RunManifest Manifest, FitSummary Summary);

/// <summary>
/// Something to produce after a fit has written <c>chains.parquet</c> and its summary, e.g. corner and
/// spectra plots. Reports read the finished files (never the sampler) and write into the run folder.
/// A failing report is printed as a warning; the fit still succeeds (its chains are safe).
/// </summary>
public interface IPostRunReport
{
    /// <summary>Short name for messages, e.g. <c>corner plot</c>.</summary>
    string Name { get; }

    /// <summary>Writes the report for <paramref name="run"/>; may print one line on <paramref name="output"/>.</summary>
    Task WriteAsync(FitRunOutcome run, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>
/// The post-run reports <c>crinf fit</c> runs, in registration order. None is registered by the fit
/// itself; the composition root adds them (e.g. <c>PostRunReports.Register(new CornerPlotReport())</c> in
/// <c>CliApp.BuildRoot</c>). Registering the same instance twice has no effect.
/// </summary>
public static class PostRunReports
{
    private static readonly List<IPostRunReport> Reports = [];
    private static readonly Lock Gate = new();

    /// <summary>Adds <paramref name="report"/> to the reports every fit runs.</summary>
    public static void Register(IPostRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (Gate)
        {
            if (!Reports.Contains(report)) Reports.Add(report);
        }
    }

    /// <summary>The registered reports (a snapshot).</summary>
    public static IReadOnlyList<IPostRunReport> Registered
    {
        get
        {
            lock (Gate) return [.. Reports];
        }
    }

    /// <summary>Runs every registered report; a failure becomes a warning line on <paramref name="output"/>.</summary>
    public static async Task RunAllAsync(FitRunOutcome run, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var report in Registered)
        {
            try
            {
                await report.WriteAsync(run, output, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await output.WriteLineAsync($"warning: {report.Name} failed: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
        }
    }
}
