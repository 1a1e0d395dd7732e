namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// The burn-in of an ensemble chain: the first max(⌈2 τ_max⌉, ⌈10 % of the steps⌉, the last walker's arrival in
/// the bulk, the end of a lagging-walker relocation) steps, at most half the chain (10 % when τ_max is not finite).
/// τ_max is estimated on the whole chain (walker-averaged, <see cref="Autocorrelation"/>); a walker "arrives" when
/// its ln p first comes within <see cref="LaggingWalkers.Threshold"/> of the final median (<see cref="LaggingWalkers"/>);
/// walkers that never do are left out of the arrival.
/// </summary>
public static class BurnIn
{
    /// <summary>max(⌈2 τ_max⌉, ⌈0.1 steps⌉, <paramref name="arrivalStep"/>), at most half of <paramref name="steps"/>
    /// (10 % when <paramref name="tauMax"/> is not finite).</summary>
    public static int Steps(int steps, double tauMax, int arrivalStep = 0)
    {
        int tenth = (int)Math.Ceiling(0.1 * steps);
        int byTau = double.IsFinite(tauMax) && tauMax > 0 ? (int)Math.Ceiling(2 * tauMax) : 0;
        return Math.Min(Math.Max(Math.Max(tenth, byTau), arrivalStep), steps / 2);
    }

    /// <summary>
    /// The burn-in of a stored chain (step-major, <paramref name="walkers"/> × <paramref name="dimension"/> values per step)
    /// with its ln p per row; <paramref name="relocationSteps"/> stored steps of lagging-walker relocation count as burn-in.
    /// </summary>
    public static int ForChain(ReadOnlySpan<double> chain, ReadOnlySpan<double> logPosterior, int walkers, int dimension, int relocationSteps = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        int steps = chain.Length / (walkers * dimension);
        double tauMax = Autocorrelation.IntegratedTimes(chain, walkers, dimension).Max(t => t.Tau);
        var (joinSteps, lagging, _) = LaggingWalkers.JoinSteps(logPosterior, walkers, dimension);
        int arrival = 0;
        for (int w = 0; w < walkers; w++)
        {
            if (!lagging[w]) arrival = Math.Max(arrival, joinSteps[w]);
        }
        return Steps(steps, tauMax, Math.Max(arrival, relocationSteps));
    }
}
