using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Posterior;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// Evaluates prior draw i of a posterior: the unit cube from the stream of <c>key.Split(i)</c>, mapped by
/// <see cref="ParameterSpace.FromUnitCube"/>, and the posterior there as it is — a NaN or +∞ of a misbehaving
/// likelihood is kept, not turned into −∞ as samplers see it (<see cref="PosteriorExtensions.Evaluate"/>); a draw that
/// fails is attributed to the reason the posterior's failure tally gained meanwhile. One evaluator per thread (the
/// buffers and the attribution are not shared).
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
        double logPrior = _posterior.Space.LogPrior(_point);
        if (!double.IsFinite(logPrior)) _derived.AsSpan().Fill(double.NegativeInfinity);
        var value = new LogPosterior(logPrior, double.IsFinite(logPrior) ? _posterior.LogLikelihood(_point, _derived) : double.NegativeInfinity);
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
