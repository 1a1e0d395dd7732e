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
            reason ??= double.IsNegativeInfinity(value.LogPrior) ? "outside the prior" : "log likelihood is -inf";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        return new PriorDrawResult(draws, finite, times, FailureReasons.Group(reasons));
    }
}

/// <summary>
/// Evaluates prior draw i of a posterior: the unit cube from the stream of <c>key.Split(i)</c>, mapped by
/// <see cref="ParameterSpace.FromUnitCube"/>, and the posterior there; a draw that fails is attributed to the reason
/// the posterior's failure tally gained meanwhile. One evaluator per thread (the buffers and the attribution are not
/// shared).
/// </summary>
public sealed class PriorDrawEvaluator
{
    private readonly IPosterior _posterior;
    private readonly FailureCounter? _failures;
    private readonly RandomKey _key;
    private readonly double[] _unit;
    private readonly double[] _point;
    private readonly double[] _derived;
    private readonly Dictionary<string, long> _known = new(StringComparer.Ordinal);
    private long _recorded;

    /// <summary>An evaluator of <paramref name="posterior"/>'s prior draws under <paramref name="key"/>;
    /// <paramref name="failures"/> (may be null) is the posterior's failure tally.</summary>
    public PriorDrawEvaluator(IPosterior posterior, FailureCounter? failures, RandomKey key)
    {
        _posterior = posterior ?? throw new ArgumentNullException(nameof(posterior));
        _failures = failures;
        _key = key;
        _unit = new double[posterior.Space.Dimension];
        _point = new double[posterior.Space.Dimension];
        _derived = new double[posterior.DerivedNames.Count];
        foreach (var (name, count) in failures?.Snapshot() ?? []) _known[name] = count;
        _recorded = failures?.Total ?? 0;
    }

    /// <summary>The derived values of the last evaluation.</summary>
    public ReadOnlySpan<double> Derived => _derived;

    /// <summary>The posterior at draw <paramref name="index"/>; <paramref name="reason"/> is the failure the posterior
    /// recorded for it, or null.</summary>
    public LogPosterior Evaluate(ulong index, out string? reason)
    {
        var random = _key.Split(index).Open();
        for (int j = 0; j < _unit.Length; j++) _unit[j] = random.NextOpenDouble();
        _posterior.Space.FromUnitCube(_unit, _point);
        var value = _posterior.Evaluate(_point, _derived);
        reason = null;
        if (_failures is null || _failures.Total == _recorded) return value;
        // The tally grew: the new reason is this draw's (the tally is this evaluator's posterior's alone).
        foreach (var (name, count) in _failures.Snapshot())
        {
            if (count > _known.GetValueOrDefault(name)) reason ??= name;
            _known[name] = count;
        }
        _recorded = _failures.Total;
        return value;
    }
}
