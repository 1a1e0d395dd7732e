using System.Diagnostics;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Data;
using CrInference.Posterior;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Composition;

/// <summary>What <see cref="LikelihoodRobustness"/> found for one prior file.</summary>
/// <param name="PriorFile">The prior file as given.</param>
/// <param name="Model">Its model.</param>
/// <param name="Draws">Prior draws evaluated.</param>
/// <param name="Finite">Draws with a finite log posterior.</param>
/// <param name="NotANumber">Draws whose log prior or log likelihood is NaN, or whose per-dataset log likelihoods hold a NaN
/// beside a finite total (must be 0).</param>
/// <param name="PositiveInfinity">Draws with a log posterior of +∞ (must be 0).</param>
/// <param name="NegativeInfinity">Draws with a log posterior of −∞.</param>
/// <param name="Reasons">Why the −∞ draws failed (numbers in the reasons replaced by "…"), most frequent first; a draw
/// whose posterior recorded no reason counts as <see cref="LikelihoodRobustness.NoReason"/>.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record RobustnessResult(string PriorFile, string Model, long Draws, long Finite, long NotANumber, long PositiveInfinity,
    long NegativeInfinity, IReadOnlyList<KeyValuePair<string, long>> Reasons, double Seconds);

/// <summary>
/// Robustness of a prior file's posterior over its whole prior: draws from the prior (the unit cube of
/// <c>RandomKey.FromSeed(seed).Split(i)</c> mapped by the priors, as the start-up check of a run draws them) through the
/// likelihood, counting NaN (a bug: models return a failure reason, never NaN; see docs/ARCHITECTURE.md), +∞, and every
/// −∞ with its reason. Draws are split over threads, each with its own posterior (and failure tally), in fixed
/// contiguous ranges, so the counts do not depend on the thread count.
/// </summary>
public static class LikelihoodRobustness
{
    /// <summary>The reason of a −∞ draw for which the posterior recorded none.</summary>
    public const string NoReason = "log posterior is -inf with no reason recorded";

    /// <summary>Evaluates <paramref name="draws"/> prior draws of <paramref name="priorFile"/> (its data from
    /// <paramref name="catalog"/>) on <paramref name="threads"/> threads.</summary>
    public static RobustnessResult Run(string priorFile, DatasetCatalog catalog, long draws, ulong seed, int threads)
    {
        ArgumentException.ThrowIfNullOrEmpty(priorFile);
        ArgumentNullException.ThrowIfNull(catalog);
        var spec = CatalogPriorFileSchema.Parse(priorFile);
        return Run(priorFile, spec.Model, () =>
        {
            var build = PosteriorFactory.Create(spec, catalog);
            return (build.Posterior, build.Transport?.Failures);
        }, draws, seed, threads);
    }

    /// <summary>Evaluates <paramref name="draws"/> prior draws of the posteriors <paramref name="build"/> makes (one per
    /// thread, with its failure tally or null), on <paramref name="threads"/> threads; <paramref name="name"/> and
    /// <paramref name="model"/> label the result.</summary>
    public static RobustnessResult Run(string name, string model, Func<(IPosterior Posterior, FailureCounter? Failures)> build, long draws, ulong seed, int threads)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var clock = Stopwatch.StartNew();
        var key = RandomKey.FromSeed(seed);
        int chunks = (int)Math.Min(threads, draws);
        var tallies = new Tally[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var (posterior, failures) = build();
            var evaluator = new PriorDrawEvaluator(posterior, failures, key);
            var tally = new Tally();
            for (long i = draws * c / chunks; i < draws * (c + 1) / chunks; i++) tally.Add(evaluator, (ulong)i);
            tallies[c] = tally;
        });
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in tallies.SelectMany(t => t.Reasons)) reasons[reason] = reasons.GetValueOrDefault(reason) + count;
        return new RobustnessResult(name, model, draws, tallies.Sum(t => t.Finite), tallies.Sum(t => t.NotANumber),
            tallies.Sum(t => t.PositiveInfinity), tallies.Sum(t => t.NegativeInfinity), FailureReasons.Group(reasons), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The counts of one thread.</summary>
    private sealed class Tally
    {
        public long Finite { get; private set; }

        public long NotANumber { get; private set; }

        public long PositiveInfinity { get; private set; }

        public long NegativeInfinity { get; private set; }

        public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

        public void Add(PriorDrawEvaluator evaluator, ulong index)
        {
            var value = evaluator.Evaluate(index, out string? reason);
            bool nan = double.IsNaN(value.LogPrior) || double.IsNaN(value.LogLikelihood) || (double.IsFinite(value.Value) && HasNaN(evaluator.Derived));
            if (nan) NotANumber++;
            else if (double.IsPositiveInfinity(value.Value)) PositiveInfinity++;
            else if (double.IsNegativeInfinity(value.Value))
            {
                NegativeInfinity++;
                string key = reason ?? (double.IsNegativeInfinity(value.LogPrior) ? "outside the prior" : NoReason);
                Reasons[key] = Reasons.GetValueOrDefault(key) + 1;
            }
            else Finite++;
        }

        private static bool HasNaN(ReadOnlySpan<double> values)
        {
            foreach (double x in values)
            {
                if (double.IsNaN(x)) return true;
            }
            return false;
        }
    }
}
