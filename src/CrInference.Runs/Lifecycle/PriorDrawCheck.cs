using System.Diagnostics;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Posterior;

namespace CrInference.Runs.Lifecycle;

/// <summary>The outcome of <see cref="PriorDrawCheck.Run"/>.</summary>
/// <param name="Draws">Prior draws evaluated.</param>
/// <param name="Finite">Draws with a finite log posterior.</param>
/// <param name="Milliseconds">Wall time of each evaluation (prior + likelihood), ms, in draw order.</param>
/// <param name="Failures">Why the others failed (numbers in the reasons replaced by "…", see <see cref="FailureReasons"/>), most frequent first.</param>
public sealed record PriorDrawResult(int Draws, int Finite, IReadOnlyList<double> Milliseconds, IReadOnlyList<KeyValuePair<string, long>> Failures)
{
    /// <summary>Median evaluation time, ms.</summary>
    public double MedianMilliseconds
    {
        get
        {
            var sorted = Milliseconds.Order().ToArray();
            if (sorted.Length == 0) return double.NaN;
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        }
    }

    /// <summary>The most common failure as "reason (n of N draws)", or null.</summary>
    public string? MostCommonFailure =>
        Failures.Count == 0 ? null : $"{Failures[0].Key} ({Failures[0].Value} of {Draws} draws)";
}

/// <summary>
/// Evaluates the posterior at a few prior draws before sampling (UltraNest's and Cobaya's start-up
/// check): a run whose every draw fails stops at once and says why; <c>--dry-run</c> reports the
/// per-evaluation cost. Draw i uses the stream of <c>key.Split(i)</c> (<see cref="PriorDrawEvaluator"/>). One
/// extra evaluation at the first draw warms up the code (JIT, caches) and is not timed.
/// </summary>
public static class PriorDrawCheck
{
    /// <summary>Evaluates <paramref name="draws"/> prior draws; <paramref name="failures"/> (may be null) is the
    /// posterior's failure tally, read before and after to attribute reasons.</summary>
    public static PriorDrawResult Run(IPosterior posterior, FailureCounter? failures, RandomKey key, int draws)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        var evaluator = new PriorDrawEvaluator(posterior, failures, key);
        var times = new List<double>(draws);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        int finite = 0;
        for (int i = 0; i < draws; i++)
        {
            if (i == 0) evaluator.Evaluate(0, out _);
            long start = Stopwatch.GetTimestamp();
            var value = evaluator.Evaluate((ulong)i, out string? reason);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (double.IsFinite(value.Value))
            {
                finite++;
                continue;
            }
            reason ??= double.IsNegativeInfinity(value.LogPrior) ? "outside the prior" : double.IsNaN(value.Value) ? "log posterior is NaN" : "log likelihood is -inf";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        return new PriorDrawResult(draws, finite, times, FailureReasons.Group(reasons));
    }
}
