using CrInference.Core;

namespace CrInference.Sampling;

/// <summary>
/// Wraps a posterior and counts likelihood calls (thread-safe), so a run can report calls and
/// calls per second (parallel tempering counts its initialisation with it). Numbers pass through unchanged.
/// </summary>
public sealed class CountingPosterior(IPosterior inner) : IPosterior
{
    private long _calls;

    /// <summary>The wrapped posterior.</summary>
    public IPosterior Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Likelihood calls so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public ParameterSpace Space => Inner.Space;

    public IReadOnlyList<string> DerivedNames => Inner.DerivedNames;

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        Interlocked.Increment(ref _calls);
        return Inner.LogLikelihood(sampled, derived);
    }
}
