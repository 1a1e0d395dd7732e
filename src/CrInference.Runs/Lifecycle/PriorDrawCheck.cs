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
/// per-evaluation cost. Draw i uses the stream of <c>key.Split(i)</c>. One extra evaluation at the
/// first draw warms up the code (JIT, caches) and is not timed.
/// </summary>
public static class PriorDrawCheck
{
    /// <summary>Evaluates <paramref name="draws"/> prior draws; <paramref name="failures"/> (may be null) is the
    /// posterior's failure tally, read before and after to attribute reasons.</summary>
    public static PriorDrawResult Run(IPosterior posterior, FailureCounter? failures, RandomKey key, int draws)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        var space = posterior.Space;
        int d = space.Dimension;
        var unit = new double[d];
        var point = new double[d];
        var derived = new double[posterior.DerivedNames.Count];
        var times = new List<double>(draws);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        int finite = 0;
        for (int i = 0; i < draws; i++)
        {
            var random = key.Split((ulong)i).Open();
            for (int j = 0; j < d; j++) unit[j] = random.NextOpenDouble();
            space.FromUnitCube(unit, point);
            if (i == 0) posterior.Evaluate(point, derived);
            var before = Snapshot(failures);
            long start = Stopwatch.GetTimestamp();
            var value = posterior.Evaluate(point, derived);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (double.IsFinite(value.Value))
            {
                finite++;
                continue;
            }
            string reason = Difference(before, Snapshot(failures))
                ?? (double.IsNegativeInfinity(value.LogPrior) ? "outside the prior" : "log likelihood is -inf");
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        return new PriorDrawResult(draws, finite, times, FailureReasons.Group(reasons));
    }

    private static Dictionary<string, long> Snapshot(FailureCounter? failures) =>
        failures is null ? [] : failures.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    private static string? Difference(Dictionary<string, long> before, Dictionary<string, long> after)
    {
        foreach (var (reason, count) in after)
        {
            if (count > before.GetValueOrDefault(reason)) return reason;
        }
        return null;
    }
}
