using System.Diagnostics;
using System.Globalization;
using CrInference.Runs.Reports;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Fit;

/// <summary>
/// How a fit shows its progress while it samples. <see cref="Report"/> is called on the sampling thread.
/// The library's display prints plain lines (<see cref="PlainSamplingDisplay"/>: logs, pipes, tests); a
/// front end may draw a progress bar instead.
/// </summary>
public interface ISamplingDisplay
{
    /// <summary>Runs <paramref name="sampling"/> (which calls <see cref="Report"/>) inside the display.</summary>
    Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling);

    /// <summary>One progress report of the sampler.</summary>
    void Report(EnsembleProgress progress);
}

/// <summary>Plain progress lines on a writer, at most one per <paramref name="interval"/> (and the last step).</summary>
public sealed class PlainSamplingDisplay(TextWriter output, TimeSpan interval) : ISamplingDisplay
{
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastPrint;
    private long _lastStep;
    private string _title = "";

    /// <summary>Plain lines every 10 s on <paramref name="output"/>.</summary>
    public PlainSamplingDisplay(TextWriter output)
        : this(output, TimeSpan.FromSeconds(10))
    {
    }

    public async Task<T> RunAsync<T>(string title, long firstStep, long lastStep, Func<Task<T>> sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        _title = title;
        _lastStep = lastStep;
        _clock.Restart();
        _lastPrint = TimeSpan.Zero;
        return await sampling().ConfigureAwait(false);
    }

    public void Report(EnsembleProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = _clock.Elapsed;
        bool last = progress.Step >= _lastStep || progress.StepsThisRun >= progress.StepsRequested;
        if (!last && now - _lastPrint < interval) return;
        _lastPrint = now;
        output.WriteLine($"{_title}: {Describe(progress, _lastStep)}");
    }

    /// <summary>The text of a report: step, acceptance, τ_max, calls per second, ETA.</summary>
    public static string Describe(EnsembleProgress progress, long lastStep)
    {
        ArgumentNullException.ThrowIfNull(progress);
        double rate = progress.Elapsed.TotalSeconds > 0 ? progress.LikelihoodEvaluations / progress.Elapsed.TotalSeconds : double.NaN;
        string tau = progress.TauMax is { } t && double.IsFinite(t) ? t.ToString("0.#", CultureInfo.InvariantCulture) : "-";
        long remaining = lastStep - progress.Step;
        double perStep = progress.StepsThisRun > 0 ? progress.Elapsed.TotalSeconds / progress.StepsThisRun : double.NaN;
        string eta = double.IsFinite(perStep) ? RunText.Duration(TimeSpan.FromSeconds(perStep * remaining)) : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"step {progress.Step}/{lastStep}, acceptance {progress.AcceptanceFraction:0.00}, tau_max {tau}, {rate:0} calls/s, ETA {eta}");
    }
}
