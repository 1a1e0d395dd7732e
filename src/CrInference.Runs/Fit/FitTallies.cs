using System.Collections.Immutable;
using CrInference.Runs.Composition;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Reports;
using CrInference.Sampling;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Fit;

/// <summary>Counts a run carries across sessions (stored in each checkpoint).</summary>
/// <param name="WallSeconds">Wall time of every session, from building the posterior to the last block stored
/// (start-up checks and initial ensemble included; finalising and the summary excluded).</param>
/// <param name="LikelihoodCalls">Likelihood calls, start-up checks and initial ensemble included.</param>
/// <param name="Failures">Why likelihood calls gave −∞, with counts.</param>
/// <param name="Sessions">Number of sessions (1 + resumes).</param>
public sealed record RunTallies(double WallSeconds, long LikelihoodCalls, ImmutableSortedDictionary<string, long> Failures, int Sessions)
{
    private const string FailurePrefix = "failure: ";

    /// <summary>Nothing counted yet.</summary>
    public static RunTallies None { get; } = new(0, 0, ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), 0);

    /// <summary>The tallies a checkpoint stored (its counters and scalars).</summary>
    public static RunTallies Of(ResumeCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var failures = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in checkpoint.Counters)
        {
            if (key.StartsWith(FailurePrefix, StringComparison.Ordinal)) failures[key[FailurePrefix.Length..]] = value;
        }
        return new RunTallies(
            checkpoint.Scalars.GetValueOrDefault("wall_seconds"),
            checkpoint.Counters.GetValueOrDefault("likelihood_calls"),
            failures.ToImmutable(),
            (int)checkpoint.Counters.GetValueOrDefault("sessions"));
    }

    /// <summary>These tallies plus this session's: its wall time, the calls counted by <paramref name="posterior"/> and
    /// the failures of <paramref name="build"/> (grouped) added to <paramref name="failureBase"/>.</summary>
    public RunTallies Plus(ImmutableSortedDictionary<string, long> failureBase, PosteriorBuild build, CountingPosterior posterior, double seconds)
    {
        ArgumentNullException.ThrowIfNull(failureBase);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(posterior);
        var failures = failureBase.ToBuilder();
        failures.KeyComparer = StringComparer.Ordinal;
        foreach (var (reason, count) in FailureReasons.Group(build.Transport?.Failures.Snapshot() ?? []))
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }
        return new RunTallies(WallSeconds + seconds, LikelihoodCalls + posterior.Calls, failures.ToImmutable(), Sessions + 1);
    }

    /// <summary>The counters a checkpoint stores: calls, sessions and one <c>failure: …</c> entry per reason.</summary>
    public ImmutableSortedDictionary<string, long> Counters()
    {
        var counters = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        counters["likelihood_calls"] = LikelihoodCalls;
        counters["sessions"] = Sessions;
        foreach (var (reason, count) in Failures) counters[FailurePrefix + reason] = count;
        return counters.ToImmutable();
    }

    /// <summary>The run's cost for its summary, with this session's <paramref name="threads"/>.</summary>
    public RunCost Cost(int threads) => new(WallSeconds, LikelihoodCalls, Failures, Sessions, threads);

    /// <summary>The scalars a checkpoint stores: the wall time.</summary>
    public ImmutableSortedDictionary<string, double> Scalars() =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("wall_seconds", WallSeconds)]);
}
