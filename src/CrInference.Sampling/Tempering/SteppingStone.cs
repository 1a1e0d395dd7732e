namespace CrInference.Sampling.Tempering;

/// <summary>
/// The stepping-stone estimator (Xie, Lewis, Fan, Kuo &amp; Chen 2011, Syst. Biol. 60, 150, eqs. 7–8):
/// Z = Π_k Z_{β_k}/Z_{β_{k+1}} over the ladder closed by β = 0, each ratio estimated by importance
/// sampling from the hotter of its two temperatures, r_k = ⟨L^{β_k − β_{k+1}}⟩_{β_{k+1}}, and the last
/// one from the prior draws, r = ⟨L^{β_min}⟩_π (draws with L = 0 count as zeros, so the finite-likelihood
/// fraction is built in). Sums are kept as logarithms (log-sum-exp) so L^Δβ never overflows.
/// </summary>
public static class SteppingStone
{
    /// <summary>
    /// ln Z. <paramref name="stoneLogSums"/> holds, per step t (step-major) and pair k = 0 … K−2,
    /// ln Σ_w exp[(β_k − β_{k+1}) ln L_w] over the <paramref name="walkers"/> walkers of temperature k + 1.
    /// <paramref name="stepCounts"/> (optional, one per step) and <paramref name="priorCounts"/> (optional,
    /// one per prior draw) weight the terms, as a bootstrap replicate does; absent means 1 each.
    /// </summary>
    public static double LogEvidence(
        ReadOnlySpan<double> betas, ReadOnlySpan<double> stoneLogSums, int walkers, ReadOnlySpan<double> priorLogLikelihoods,
        ReadOnlySpan<int> stepCounts = default, ReadOnlySpan<int> priorCounts = default)
    {
        int pairs = betas.Length - 1;
        if (pairs < 1 || stoneLogSums.Length % pairs != 0)
        {
            throw new ArgumentException($"{stoneLogSums.Length} stone sums are not whole steps of {pairs} pairs");
        }
        int steps = stoneLogSums.Length / pairs;
        double logZ = 0;
        for (int k = 0; k < pairs; k++)
        {
            double max = double.NegativeInfinity;
            long count = 0;
            for (int t = 0; t < steps; t++)
            {
                if (!stepCounts.IsEmpty && stepCounts[t] == 0) continue;
                max = Math.Max(max, stoneLogSums[t * pairs + k]);
            }
            double sum = 0;
            for (int t = 0; t < steps; t++)
            {
                int c = stepCounts.IsEmpty ? 1 : stepCounts[t];
                if (c == 0) continue;
                sum += c * Math.Exp(stoneLogSums[t * pairs + k] - max);
                count += c;
            }
            logZ += max + Math.Log(sum) - Math.Log((double)count * walkers);
        }
        return logZ + PriorStone(betas[^1], priorLogLikelihoods, priorCounts);
    }

    /// <summary>ln ⟨L^β⟩_π over the prior draws (zeros included).</summary>
    public static double PriorStone(double beta, ReadOnlySpan<double> priorLogLikelihoods, ReadOnlySpan<int> priorCounts = default)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < priorLogLikelihoods.Length; i++)
        {
            if (!priorCounts.IsEmpty && priorCounts[i] == 0) continue;
            max = Math.Max(max, beta * priorLogLikelihoods[i]);
        }
        double sum = 0;
        long count = 0;
        for (int i = 0; i < priorLogLikelihoods.Length; i++)
        {
            int c = priorCounts.IsEmpty ? 1 : priorCounts[i];
            if (c == 0) continue;
            count += c;
            double x = beta * priorLogLikelihoods[i];
            if (!double.IsNegativeInfinity(x)) sum += c * Math.Exp(x - max);
        }
        return max + Math.Log(sum) - Math.Log(count);
    }

    /// <summary>ln Σ_w exp(Δβ · ln L_w) for one temperature's walkers (−∞ terms are zeros).</summary>
    public static double LogSum(double deltaBeta, ReadOnlySpan<double> logLikelihoods)
    {
        double max = double.NegativeInfinity;
        foreach (double x in logLikelihoods) max = Math.Max(max, deltaBeta * x);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double x in logLikelihoods) sum += Math.Exp(deltaBeta * x - max);
        return max + Math.Log(sum);
    }
}
