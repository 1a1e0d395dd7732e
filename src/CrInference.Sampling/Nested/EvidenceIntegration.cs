using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// The nested-sampling quadrature (Skilling 2004, 2006). Removing the worst of m live points shrinks
/// the prior volume by t ~ Beta(m, 1), E[ln t] = −1/m, so ln X_i = ln X_{i−1} − 1/m. The dead point
/// gets the trapezoid weight w_i = ½(L_{i−1} + L_i)(X_{i−1} − X_i) (dynesty's convention, L_0 = 0),
/// Z = Σ w_i, and the information is updated as
/// H_i = (w_i/Z_i) ln L̄_i + (Z_{i−1}/Z_i)(H_{i−1} + ln Z_{i−1}) − ln Z_i with L̄_i = ½(L_{i−1} + L_i).
/// </summary>
internal static class EvidenceIntegration
{
    /// <summary>Running sums of the quadrature.</summary>
    public record struct Accumulator(double LogX, double LogZ, double Information, double LastLogLikelihood);

    /// <summary>Removes <paramref name="point"/> with <paramref name="liveCount"/> live points and returns its dead-point record.</summary>
    public static DeadPoint Remove(NestedPoint point, int liveCount, ref Accumulator sums)
    {
        double logShrink = -1.0 / liveCount;
        double logXNext = sums.LogX + logShrink;
        double logWidth = sums.LogX + Math.Log(1 - Math.Exp(logShrink));
        double logMeanLikelihood = LogMath.AddExp(sums.LastLogLikelihood, point.LogLikelihood) - Math.Log(2);
        double logWeight = logWidth + logMeanLikelihood;
        if (!double.IsNegativeInfinity(logWeight))
        {
            double logZNext = LogMath.AddExp(sums.LogZ, logWeight);
            double information = Math.Exp(logWeight - logZNext) * logMeanLikelihood - logZNext;
            if (!double.IsNegativeInfinity(sums.LogZ))
            {
                information += Math.Exp(sums.LogZ - logZNext) * (sums.Information + sums.LogZ);
            }
            sums.LogZ = logZNext;
            sums.Information = information;
        }
        sums.LogX = logXNext;
        sums.LastLogLikelihood = point.LogLikelihood;
        return new DeadPoint(point, liveCount, logXNext, logWeight);
    }

    /// <summary>
    /// Standard deviation of ln Z over <paramref name="simulations"/> re-integrations of the same dead
    /// points with every shrinkage factor redrawn, t_i = U^{1/m_i} (Skilling 2006 §9; dynesty
    /// <c>simulate_run</c>/<c>jitter_run</c>). NaN when fewer than two simulations are asked for.
    /// </summary>
    public static double SimulatedLogZError(IReadOnlyList<DeadPoint> dead, double initialLogX, RandomKey key, int simulations)
    {
        if (simulations < 2) return double.NaN;
        var values = new double[simulations];
        for (int r = 0; r < simulations; r++)
        {
            var random = key.Split((ulong)r).Open();
            double logX = initialLogX, logZ = double.NegativeInfinity, last = double.NegativeInfinity;
            foreach (var p in dead)
            {
                double logShrink = Math.Log(random.NextOpenDouble()) / p.LiveCount;
                double logWidth = logX + Math.Log(1 - Math.Exp(logShrink));
                double logWeight = logWidth + LogMath.AddExp(last, p.Point.LogLikelihood) - Math.Log(2);
                logZ = LogMath.AddExp(logZ, logWeight);
                logX += logShrink;
                last = p.Point.LogLikelihood;
            }
            values[r] = logZ;
        }
        double mean = values.Average();
        double sumSquares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(sumSquares / (simulations - 1));
    }
}
