using System.Diagnostics;
using System.Globalization;
using CrInference.Sampling.Ensemble;
using Spectre.Console;

namespace CrInference.Cli.Runs;

/// <summary>
/// How a fit shows its progress: a Spectre.Console progress bar (ETA, acceptance, τ) on a terminal,
/// plain lines every ~10 s otherwise (logs, pipes, tests). <see cref="Report"/> is called on the
/// sampling thread.
/// </summary>
public abstract class FitProgress
{
    /// <summary>A bar when <paramref name="interactive"/> (null: when stdout is a terminal), else plain lines on <paramref name="output"/>.</summary>
    public static FitProgress Create(bool? interactive, TextWriter output)
    {
        bool bar = interactive ?? (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
        return bar ? new BarProgress() : new PlainProgress(output, TimeSpan.FromSeconds(10));
    }

    /// <summary>Runs <paramref name="sampling"/> (which calls <see cref="Report"/>) inside the display.</summary>
    public abstract Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling);

    /// <summary>One progress report of the sampler.</summary>
    public abstract void Report(EnsembleProgress progress);

    /// <summary>The text of a report: step, acceptance, τ_max, calls per second, ETA.</summary>
    protected static string Describe(EnsembleProgress p, long lastStep)
    {
        double rate = p.Elapsed.TotalSeconds > 0 ? p.LikelihoodEvaluations / p.Elapsed.TotalSeconds : double.NaN;
        string tau = p.TauMax is { } t && double.IsFinite(t) ? t.ToString("0.#", CultureInfo.InvariantCulture) : "-";
        long remaining = lastStep - p.Step;
        double perStep = p.StepsThisRun > 0 ? p.Elapsed.TotalSeconds / p.StepsThisRun : double.NaN;
        string eta = double.IsFinite(perStep) ? FormatDuration(TimeSpan.FromSeconds(perStep * remaining)) : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step}/{lastStep}, acceptance {p.AcceptanceFraction:0.00}, tau_max {tau}, {rate:0} calls/s, ETA {eta}");
    }

    /// <summary>A duration as 1h02m, 3m05s or 12s.</summary>
    public static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");

    private sealed class PlainProgress(TextWriter output, TimeSpan interval) : FitProgress
    {
        private readonly Stopwatch _clock = new();
        private TimeSpan _lastPrint;
        private long _lastStep;
        private string _title = "";

        public override async Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling)
        {
            _title = title;
            _lastStep = lastStep;
            _clock.Restart();
            _lastPrint = TimeSpan.Zero;
            return await sampling().ConfigureAwait(false);
        }

        public override void Report(EnsembleProgress progress)
        {
            var now = _clock.Elapsed;
            bool last = progress.Step >= _lastStep || progress.StepsThisRun >= progress.StepsRequested;
            if (!last && now - _lastPrint < interval) return;
            _lastPrint = now;
            output.WriteLine($"{_title}: {Describe(progress, _lastStep)}");
        }
    }

    private sealed class BarProgress : FitProgress
    {
        private ProgressTask? _task;
        private long _lastStep;
        private string _title = "";

        public override Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling)
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

        public override void Report(EnsembleProgress progress)
        {
            if (_task is null) return;
            _task.Value = progress.Step;
            // Short, so that bar, percentage and ETA fit an 80-column terminal.
            string tau = progress.TauMax is { } t && double.IsFinite(t) ? t.ToString("0.#", CultureInfo.InvariantCulture) : "-";
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{_title} {progress.Step}/{_lastStep} acc {progress.AcceptanceFraction:0.00} τ {tau}"));
        }
    }
}
