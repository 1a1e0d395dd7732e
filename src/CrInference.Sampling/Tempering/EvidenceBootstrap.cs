using CrInference.Core.Random;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// The evidence estimates of a tempering state, for all production steps and prior draws or for a
/// bootstrap replicate of them, and the block bootstrap itself (Künsch 1989; non-overlapping blocks,
/// the same blocks for every temperature). A replicate r draws its blocks and then its prior-draw
/// indices from <c>key.Split(r)</c>, so errors are deterministic per run key.
/// </summary>
internal static class EvidenceBootstrap
{
    /// <summary>Every estimate of one (possibly resampled) data set.</summary>
    public sealed record Estimate(
        double[] Means, double[] Variances, double PriorMean, double PriorVariance, double PriorFiniteFraction,
        double LogZ, double LogZCoarse, double LogZTrapezoid, double LogZSteppingStone);

    /// <summary>Standard deviations over the replicates.</summary>
    public sealed record Spread(double[] Means, double PriorMean, double LogZ, double LogZSteppingStone);

    /// <summary>Estimates from the production steps weighted by <paramref name="stepCounts"/> and the prior
    /// draws weighted by <paramref name="priorCounts"/> (empty spans: weight 1 each).</summary>
    public static Estimate Compute(TemperingState state, ReadOnlySpan<int> stepCounts, ReadOnlySpan<int> priorCounts)
    {
        int k = state.Temperatures;
        int steps = (int)state.ProductionSteps;
        var betas = state.Betas.AsSpan();
        var mean = state.MeanLogLikelihood.AsSpan();
        var within = state.WithinStepVariance.AsSpan();
        var means = new double[k];
        var variances = new double[k];
        long n = 0;
        for (int t = 0; t < steps; t++)
        {
            int c = stepCounts.IsEmpty ? 1 : stepCounts[t];
            if (c == 0) continue;
            n += c;
            for (int j = 0; j < k; j++) means[j] += c * mean[t * k + j];
        }
        for (int j = 0; j < k; j++) means[j] /= n;
        for (int t = 0; t < steps; t++)
        {
            int c = stepCounts.IsEmpty ? 1 : stepCounts[t];
            if (c == 0) continue;
            for (int j = 0; j < k; j++)
            {
                double d = mean[t * k + j] - means[j];
                variances[j] += c * (within[t * k + j] + d * d);
            }
        }
        for (int j = 0; j < k; j++) variances[j] /= n;

        var prior = state.PriorLogLikelihoods.AsSpan();
        long drawn = 0, finite = 0;
        double priorMean = 0;
        for (int i = 0; i < prior.Length; i++)
        {
            int c = priorCounts.IsEmpty ? 1 : priorCounts[i];
            drawn += c;
            if (c == 0 || double.IsNegativeInfinity(prior[i])) continue;
            finite += c;
            priorMean += c * prior[i];
        }
        priorMean /= finite;
        double priorVariance = 0;
        for (int i = 0; i < prior.Length; i++)
        {
            int c = priorCounts.IsEmpty ? 1 : priorCounts[i];
            if (c == 0 || double.IsNegativeInfinity(prior[i])) continue;
            double d = prior[i] - priorMean;
            priorVariance += c * d * d;
        }
        priorVariance /= finite;
        double fraction = (double)finite / drawn;

        return new Estimate(
            means, variances, priorMean, priorVariance, fraction,
            ThermodynamicIntegration.LogEvidence(betas, means, variances, priorMean, priorVariance, fraction),
            ThermodynamicIntegration.CoarseLogEvidence(betas, means, variances, priorMean, priorVariance, fraction),
            ThermodynamicIntegration.Trapezoid(betas, means, priorMean, fraction),
            SteppingStone.LogEvidence(betas, state.StoneLogSums.AsSpan(), state.Walkers, prior, stepCounts, priorCounts));
    }

    /// <summary>First step of block <paramref name="block"/> of <paramref name="blocks"/> over <paramref name="steps"/> steps.</summary>
    public static int BlockStart(int block, int blocks, int steps) => (int)((long)block * steps / blocks);

    /// <summary>Bootstrap standard deviations over <paramref name="replicates"/> replicates.</summary>
    public static Spread Run(TemperingState state, RandomKey key, int blocks, int replicates)
    {
        int steps = (int)state.ProductionSteps;
        int k = state.Temperatures;
        int draws = state.PriorLogLikelihoods.Length;
        var stepCounts = new int[steps];
        var priorCounts = new int[draws];
        var means = new double[replicates, k];
        var priorMeans = new double[replicates];
        var logZ = new double[replicates];
        var logZStones = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            var random = key.Split((ulong)r).Open();
            Array.Clear(stepCounts);
            Array.Clear(priorCounts);
            for (int b = 0; b < blocks; b++)
            {
                int chosen = random.NextInt(blocks);
                int end = BlockStart(chosen + 1, blocks, steps);
                for (int t = BlockStart(chosen, blocks, steps); t < end; t++) stepCounts[t]++;
            }
            for (int i = 0; i < draws; i++) priorCounts[random.NextInt(draws)]++;
            var estimate = Compute(state, stepCounts, priorCounts);
            for (int j = 0; j < k; j++) means[r, j] = estimate.Means[j];
            priorMeans[r] = estimate.PriorMean;
            logZ[r] = estimate.LogZ;
            logZStones[r] = estimate.LogZSteppingStone;
        }
        var meanSpread = new double[k];
        var column = new double[replicates];
        for (int j = 0; j < k; j++)
        {
            for (int r = 0; r < replicates; r++) column[r] = means[r, j];
            meanSpread[j] = StandardDeviation(column);
        }
        return new Spread(meanSpread, StandardDeviation(priorMeans), StandardDeviation(logZ), StandardDeviation(logZStones));
    }

    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Length - 1));
    }
}
