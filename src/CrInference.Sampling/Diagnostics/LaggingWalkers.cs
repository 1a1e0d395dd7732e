using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// Walkers whose log posterior stays far below the rest of the ensemble: a walker stranded on a
/// ridge or in a minor mode still accepts moves (so the acceptance rules of
/// <see cref="StuckWalkerReport"/> miss it) but never reaches the bulk. The reference level is the
/// median over walkers of each walker's median ln p over the last half of the chain; in a D-dimensional
/// posterior ln p fluctuates by about √(D/2) (ln p = const − χ²_D/2 near a Gaussian mode), so a walker
/// "has joined" at the first step where its ln p reaches the reference minus
/// <see cref="Threshold"/> = 5 + 3√(D/2), and "lags" when its own median over the last half is below
/// that level. <see cref="JoinSteps"/> also sets the fit's burn-in: no kept step precedes the last walker's
/// arrival.
/// </summary>
public static class LaggingWalkers
{
    /// <summary>Gap in ln p below the ensemble reference that marks a walker as not (yet) in the bulk.</summary>
    public static double Threshold(int dimension) => 5 + 3 * Math.Sqrt(dimension / 2.0);

    /// <summary>Per walker, the first step at which its ln p reached the bulk (−1 when it never did), and
    /// which walkers lag over the last half. <paramref name="logPosterior"/> is step-major
    /// (<c>[t·walkers + w]</c>).</summary>
    public static (int[] JoinStep, bool[] Lagging, double Reference) JoinSteps(ReadOnlySpan<double> logPosterior, int walkers, int dimension)
    {
        int steps = logPosterior.Length / walkers;
        var join = new int[walkers];
        var lagging = new bool[walkers];
        if (steps == 0) return (join, lagging, double.NaN);
        int from = steps / 2;
        var walkerMedians = new double[walkers];
        var buffer = new double[steps - from];
        for (int w = 0; w < walkers; w++)
        {
            for (int t = from; t < steps; t++) buffer[t - from] = logPosterior[t * walkers + w];
            Array.Sort(buffer);
            walkerMedians[w] = SortedArrayStatistics.Median(buffer);
        }
        var sorted = (double[])walkerMedians.Clone();
        Array.Sort(sorted);
        double reference = SortedArrayStatistics.Median(sorted);
        double level = reference - Threshold(dimension);
        for (int w = 0; w < walkers; w++)
        {
            lagging[w] = !(walkerMedians[w] >= level);
            join[w] = -1;
            for (int t = 0; t < steps; t++)
            {
                if (logPosterior[t * walkers + w] >= level)
                {
                    join[w] = t;
                    break;
                }
            }
        }
        return (join, lagging, reference);
    }
}
