using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Calibration;

namespace CrInference.Runs.Calibration;

/// <summary>Where one parameter's truth fell in one replicate's posterior.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="TrueValue">The truth, physical units.</param>
/// <param name="TrueSampled">The truth in the sampled coordinate (ln x for a log-uniform prior, else x).</param>
/// <param name="Rank">Its rank among <paramref name="Draws"/> posterior draws (0 … L).</param>
/// <param name="Draws">L.</param>
/// <param name="Cdf">The posterior CDF at the truth (from every kept draw).</param>
/// <param name="MeanSampled">Posterior mean of the sampled coordinate.</param>
/// <param name="SdSampled">Posterior standard deviation of the sampled coordinate.</param>
public sealed record ParameterOutcome(string Name, double TrueValue, double TrueSampled, int Rank, int Draws, double Cdf, double MeanSampled, double SdSampled)
{
    /// <summary>Inside the central 68 % credible interval.</summary>
    public bool In68 => CalibrationRanks.InCentralInterval(Cdf, 0.68);

    /// <summary>Inside the central 95 % credible interval.</summary>
    public bool In95 => CalibrationRanks.InCentralInterval(Cdf, 0.95);

    /// <summary>(posterior mean − truth)/posterior σ, in the sampled coordinate.</summary>
    public double BiasInSigma => (MeanSampled - TrueSampled) / SdSampled;
}

/// <summary>One replicate: which truth (index into the run's truths; 0 for prior draws), how many prior draws the model
/// failed at before this truth, the outcome per parameter, and the sampler's numbers.</summary>
public sealed record ReplicateOutcome(int Index, int TruthIndex, int TruthRedraws, ImmutableArray<ParameterOutcome> Parameters,
    IReadOnlyDictionary<string, double> Numbers);

/// <summary>
/// One replicate of a calibration run: take the truth (a fixed point, or a prior draw: SBC), simulate data at it,
/// sample the posterior given them, and locate the truth in that posterior (<see cref="CalibrationRanks"/>).
/// Everything random comes from the replicate's key, <c>RandomKey.FromSeed(seed).Split(replicate)</c>, split into
/// streams for the truth, the data, the sampler and the choice of rank draws; so a replicate's result depends on
/// neither the thread count, nor the other replicates, nor the order in which they run.
/// </summary>
public static class CalibrationReplicate
{
    /// <summary>Prior draws tried before a replicate gives up (each one the model fails at is redrawn).</summary>
    public const int MaxTruthDraws = 1000;

    private const ulong TruthStream = 0;
    private const ulong DataStream = 1;
    private const ulong SamplerStream = 2;
    private const ulong RankStream = 3;

    /// <summary>Runs replicate <paramref name="index"/>; null when <paramref name="stop"/> fired.</summary>
    /// <param name="target">Simulates data and conditions on them.</param>
    /// <param name="sampler">Samples each replicate's posterior.</param>
    /// <param name="draws">L, the draws each truth is ranked among.</param>
    /// <param name="replicateKey">The replicate's key, <c>RandomKey.FromSeed(seed).Split(index)</c>.</param>
    /// <param name="index">The replicate.</param>
    /// <param name="truthIndex">Which of the run's truths <paramref name="fixedTruth"/> is (0 for prior draws).</param>
    /// <param name="fixedTruth">The truth in physical units (injection–recovery), or null to draw it from the prior (SBC).</param>
    /// <param name="threads">Threads of the replicate's sampler (the result does not depend on them).</param>
    /// <param name="stop">Stops the sampler at its next step.</param>
    public static async Task<ReplicateOutcome?> RunAsync(ISimulationTarget target, CalibrationSampler sampler, int draws, RandomKey replicateKey,
        int index, int truthIndex, double[]? fixedTruth, int threads, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sampler);
        var space = target.Space;
        var (truth, posterior, redraws) = Simulate(target, replicateKey, fixedTruth, index);
        var sample = await sampler.SampleAsync(posterior, replicateKey.Split(SamplerStream), threads, stop).ConfigureAwait(false);
        if (sample is null) return null;
        var chosen = sample.RankCandidates is { } candidates ? Choose(candidates, draws, replicateKey.Split(RankStream)) : null;
        var ties = replicateKey.Split(RankStream).Split(1).Open();
        var mean = sample.Samples.Mean();
        var covariance = sample.Samples.Covariance();
        int d = space.Dimension;
        var column = new double[sample.Samples.Count];
        var weights = sample.Samples.IsEquallyWeighted ? ReadOnlySpan<double>.Empty : sample.Samples.Weights;
        var outcomes = ImmutableArray.CreateBuilder<ParameterOutcome>(d);
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < column.Length; i++) column[i] = sample.Samples.Positions[i * d + j];
            double cdf = CalibrationRanks.CdfAt(column, weights, truth[j]);
            int rank = chosen is null
                ? CalibrationRanks.RankFromCdf(cdf, draws)
                : CalibrationRanks.Rank(chosen.Select(i => column[i]).ToArray(), truth[j], ref ties);
            var prior = space.Parameters[j].Prior;
            outcomes.Add(new ParameterOutcome(space.Parameters[j].Name, prior.FromSampled(truth[j]), truth[j], rank, draws, cdf,
                mean[j], Math.Sqrt(covariance[j * d + j])));
        }
        // ln p at the truth beside the best the chain found: a truth above the chain's best means the sampler never
        // reached the truth's mode; a chain's best far above the truth means the data favour another region.
        var numbers = new Dictionary<string, double>(sample.Numbers, StringComparer.Ordinal)
        {
            ["log_posterior_at_truth"] = posterior.Evaluate(truth, new double[posterior.DerivedNames.Count]).Value,
        };
        return new ReplicateOutcome(index, truthIndex, redraws, outcomes.MoveToImmutable(), numbers);
    }

    /// <summary>The truth (sampled coordinates), the posterior given data simulated at it, and the prior draws redrawn.</summary>
    private static (double[] Truth, IPosterior Posterior, int Redraws) Simulate(ISimulationTarget target, RandomKey key, double[]? fixedTruth, int index)
    {
        var space = target.Space;
        var truth = new double[space.Dimension];
        if (fixedTruth is not null)
        {
            space.ToSampled(fixedTruth, truth);
            var posterior = target.Condition(truth, key.Split(DataStream), out string? failure)
                ?? throw new UserInputException($"the model fails at the truth of replicate {index}: {failure}");
            return (truth, posterior, 0);
        }
        var unit = new double[space.Dimension];
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int attempt = 0; attempt < MaxTruthDraws; attempt++)
        {
            var stream = key.Split(TruthStream).Split((ulong)attempt).Open();
            for (int i = 0; i < unit.Length; i++) unit[i] = stream.NextOpenDouble();
            space.FromUnitCube(unit, truth);
            var posterior = target.Condition(truth, key.Split(DataStream).Split((ulong)attempt), out string? failure);
            if (posterior is not null) return (truth, posterior, attempt);
            failures[failure ?? "unknown"] = failures.GetValueOrDefault(failure ?? "unknown") + 1;
        }
        var common = failures.MaxBy(kv => kv.Value);
        throw new UserInputException($"replicate {index}: the model failed at all {MaxTruthDraws} prior draws; most common reason: {common.Key} ({common.Value} times)");
    }

    /// <summary><paramref name="count"/> distinct entries of <paramref name="candidates"/> (partial Fisher–Yates shuffle).</summary>
    private static int[] Choose(int[] candidates, int count, RandomKey key)
    {
        if (candidates.Length < count) throw new InvalidOperationException($"{candidates.Length} rank candidates for {count} draws");
        var pool = (int[])candidates.Clone();
        var stream = key.Open();
        for (int i = 0; i < count; i++)
        {
            int j = i + stream.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }
}
