using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// Swap proposals between adjacent temperatures (Swendsen &amp; Wang 1986; Geyer 1991; in the ensemble
/// form of ptemcee, Vousden et al. 2016 §2): for each pair (k, k+1), taken from the hottest pair to the
/// coldest, the walkers of temperature k are paired with a uniformly random permutation of the walkers
/// of temperature k+1 and each pair (x at β_k, y at β_{k+1}) exchanges positions with probability
/// min(1, exp[(β_k − β_{k+1})(ln L(y) − ln L(x))]) — the ratio of the tempered targets, in which the
/// prior cancels. All random numbers of one step's swaps come from one stream, in a fixed order (a
/// permutation by Fisher–Yates, then one uniform per walker pair), so the result depends on the key alone.
/// </summary>
internal static class TemperatureSwap
{
    /// <summary>
    /// Swaps walkers in place between the temperatures' arrays and writes the number of accepted swaps
    /// per pair into <paramref name="acceptedPerPair"/> (length K − 1).
    /// </summary>
    /// <param name="key">The swap key of this step.</param>
    /// <param name="betas">The ladder, β_0 = 1 first.</param>
    /// <param name="walkers">Walkers per temperature.</param>
    /// <param name="dimension">Parameters per walker.</param>
    /// <param name="positions">Per temperature, walker-major positions.</param>
    /// <param name="logPosteriors">Per temperature, (ln π, β ln L) per walker.</param>
    /// <param name="derived">Per temperature, walker-major derived values whose last entry per walker is the untempered ln L.</param>
    /// <param name="derivedCount">Derived values per walker, the untempered ln L included.</param>
    /// <param name="permutation">Scratch of length <paramref name="walkers"/>.</param>
    /// <param name="scratch">Scratch of length max(dimension, derivedCount).</param>
    /// <param name="acceptedPerPair">Output: accepted swaps of pair (k, k+1) at index k.</param>
    public static void Apply(
        RandomKey key, ReadOnlySpan<double> betas, int walkers, int dimension,
        double[][] positions, LogPosterior[][] logPosteriors, double[][] derived, int derivedCount,
        int[] permutation, double[] scratch, Span<int> acceptedPerPair)
    {
        var random = key.Open();
        int last = derivedCount - 1;
        for (int k = betas.Length - 2; k >= 0; k--)
        {
            for (int i = 0; i < walkers; i++) permutation[i] = i;
            for (int i = walkers - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
            }
            double cold = betas[k], hot = betas[k + 1];
            double deltaBeta = cold - hot;
            int accepted = 0;
            for (int a = 0; a < walkers; a++)
            {
                int b = permutation[a];
                double logLikelihoodA = derived[k][a * derivedCount + last];
                double logLikelihoodB = derived[k + 1][b * derivedCount + last];
                double logRatio = deltaBeta * (logLikelihoodB - logLikelihoodA);
                double u = random.NextOpenDouble();
                if (!(logRatio >= 0 || Math.Log(u) < logRatio)) continue;
                accepted++;
                Exchange(positions[k].AsSpan(a * dimension, dimension), positions[k + 1].AsSpan(b * dimension, dimension), scratch);
                Exchange(derived[k].AsSpan(a * derivedCount, derivedCount), derived[k + 1].AsSpan(b * derivedCount, derivedCount), scratch);
                double logPriorA = logPosteriors[k][a].LogPrior;
                logPosteriors[k][a] = new LogPosterior(logPosteriors[k + 1][b].LogPrior, TemperedPosterior.Temper(cold, logLikelihoodB));
                logPosteriors[k + 1][b] = new LogPosterior(logPriorA, TemperedPosterior.Temper(hot, logLikelihoodA));
            }
            acceptedPerPair[k] = accepted;
        }
    }

    private static void Exchange(Span<double> a, Span<double> b, double[] scratch)
    {
        var temporary = scratch.AsSpan(0, a.Length);
        a.CopyTo(temporary);
        b.CopyTo(a);
        temporary.CopyTo(b);
    }
}
