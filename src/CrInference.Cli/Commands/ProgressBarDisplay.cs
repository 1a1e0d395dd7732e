using System.Globalization;
using CrInference.Runs.Fit;
using CrInference.Sampling.Ensemble;
using Spectre.Console;

namespace CrInference.Cli.Commands;

/// <summary>
/// A fit's progress on a terminal: a Spectre.Console progress bar with ETA, acceptance and τ. Elsewhere
/// (logs, pipes, tests) the fit prints plain lines (<see cref="PlainSamplingDisplay"/>).
/// </summary>
public sealed class ProgressBarDisplay : ISamplingDisplay
{
    private ProgressTask? _task;
    private long _lastStep;
    private string _title = "";

    /// <summary>A bar when stdout is an interactive terminal, else null (the fit's plain lines).</summary>
    public static ISamplingDisplay? ForConsole() =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new ProgressBarDisplay() : null;

    public Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling)
    {
        _title = title.Length > 16 ? title[..15] + "…" : title;
        _lastStep = lastStep;
        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _task = context.AddTask(Markup.Escape(_title), maxValue: lastStep);
                _task.Value = firstStep;
                try
                {
                    return await sampling().ConfigureAwait(false);
                }
                finally
                {
                    _task.StopTask();
                }
            });
    }

    public void Report(EnsembleProgress progress)
    {
        if (_task is null) return;
        _task.Value = progress.Step;
        // Short, so that bar, percentage and ETA fit an 80-column terminal.
        string tau = progress.TauMax is { } t && double.IsFinite(t) ? t.ToString("0.#", CultureInfo.InvariantCulture) : "-";
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{_title} {progress.Step}/{_lastStep} acc {progress.AcceptanceFraction:0.00} τ {tau}"));
    }
}
