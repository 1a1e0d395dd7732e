namespace CrInference.Core;

/// <summary>Log prior and log likelihood of one point, kept apart all the way to the chain file.</summary>
public readonly record struct LogPosterior(double LogPrior, double LogLikelihood)
{
    /// <summary>ln prior + ln likelihood; −∞ when either is.</summary>
    public double Value => double.IsNegativeInfinity(LogPrior) ? double.NegativeInfinity : LogPrior + LogLikelihood;

    public static LogPosterior Impossible => new(double.NegativeInfinity, double.NegativeInfinity);
}

/// <summary>
/// The only thing samplers see: a log prior and a log likelihood over a parameter vector in
/// sampled coordinates (see <see cref="ParameterSpace"/>). Implementations must be thread-safe
/// (walkers are evaluated in parallel) and must never return NaN: a failed model evaluation
/// is −∞ (implementations count the reasons themselves).
/// </summary>
public interface IPosterior
{
    ParameterSpace Space { get; }

    /// <summary>Names of the per-point derived values written next to each draw, e.g.
    /// <c>log_likelihood__ams02-p-2015</c>. May be empty.</summary>
    IReadOnlyList<string> DerivedNames { get; }

    /// <summary>ln likelihood at <paramref name="sampled"/>; fills <paramref name="derived"/>
    /// (length <see cref="DerivedNames"/>.Count). Callers skip it where the prior is −∞.</summary>
    double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived);
}

/// <summary>Helpers shared by every sampler.</summary>
public static class PosteriorExtensions
{
    /// <summary>Evaluates prior then likelihood (skipping the likelihood where the prior is −∞).
    /// Any NaN from a misbehaving likelihood becomes −∞.</summary>
    public static LogPosterior Evaluate(this IPosterior posterior, ReadOnlySpan<double> sampled, Span<double> derived)
    {
        double logPrior = posterior.Space.LogPrior(sampled);
        if (double.IsNegativeInfinity(logPrior) || double.IsNaN(logPrior))
        {
            derived.Fill(double.NegativeInfinity);
            return LogPosterior.Impossible;
        }
        double logLikelihood = posterior.LogLikelihood(sampled, derived);
        if (double.IsNaN(logLikelihood) || double.IsPositiveInfinity(logLikelihood))
        {
            logLikelihood = double.NegativeInfinity;
        }
        return new LogPosterior(logPrior, logLikelihood);
    }
}
