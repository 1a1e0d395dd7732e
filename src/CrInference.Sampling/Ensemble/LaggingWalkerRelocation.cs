using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;
using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// Burn-in aid for multimodal or ridge-shaped posteriors: every <see cref="IntervalSteps"/> steps before
/// <see cref="UntilStep"/>, each walker whose current ln p lies more than
/// <see cref="LaggingWalkers.Threshold"/>(D) = 5 + 3√(D/2) below the ensemble's median ln p is moved onto a copy of
/// a walker drawn uniformly from the rest (position, ln p and derived values). A walker stranded in a local mode
/// e^{−10} or more below the bulk never comes back by stretch or differential-evolution moves (both interpolate
/// between walkers, and the region between the modes is improbable); moving it lets all walkers sample the bulk.
/// This follows Hou, Goodman, Hogg, Weare &amp; Schwab (2012, ApJ 745, 198), who cluster walkers by their
/// likelihood during burn-in and restart those stranded at local optima from the others; the lagging rule of
/// <see cref="LaggingWalkers"/> takes the place of their clustering.
/// </summary>
/// <remarks>
/// <para>The move is not a Markov-chain step: the chain is a valid MCMC chain only from <see cref="UntilStep"/>
/// on, so the burn-in of a run that uses it must discard at least the steps before <see cref="UntilStep"/>.
/// A mode whose density is that far below the bulk carries no posterior mass unless it is e^{10}× wider, which
/// the nested-sampling evidence would reveal; the run reports how many walkers were moved.</para>
/// <para>Randomness: the donors of the check at step t come from the stream <c>stepKey.Split(</c><see cref="KeyIndex"/><c>)</c>
/// with stepKey = <c>root.Split(t)</c> (the kernel uses children 0, 1 and 2), drawn in walker order; the check
/// reads only the current state, so a resumed run repeats it exactly and the result does not depend on threads.</para>
/// </remarks>
/// <param name="UntilStep">No check at or after this step (steps are counted from 0, before the step is taken).</param>
/// <param name="IntervalSteps">Steps between checks; checks happen at positive multiples of it.</param>
public sealed record LaggingWalkerRelocation(long UntilStep, int IntervalSteps = LaggingWalkerRelocation.DefaultIntervalSteps)
{
    /// <summary>Steps between checks unless stated: long enough for walkers on their way to the bulk to move.</summary>
    public const int DefaultIntervalSteps = 50;

    /// <summary>Child index of the step key for the donor draws.</summary>
    public const ulong KeyIndex = 3;

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (UntilStep < 0) throw new ArgumentOutOfRangeException(nameof(UntilStep), UntilStep, "the relocation phase must end at step ≥ 0");
        if (IntervalSteps < 1) throw new ArgumentOutOfRangeException(nameof(IntervalSteps), IntervalSteps, "the relocation interval must be ≥ 1 step");
    }

    /// <summary>Whether a check happens before the step taken from state step <paramref name="step"/>.</summary>
    public bool AppliesAt(long step) => step > 0 && step < UntilStep && step % IntervalSteps == 0;

    /// <summary>
    /// Moves the lagging walkers of the state held in the arrays (walker-major, as in <see cref="EnsembleState"/>)
    /// onto copies of non-lagging walkers; returns how many were moved.
    /// </summary>
    public static int Apply(RandomKey stepKey, int dimension, int derivedCount, double[] positions, LogPosterior[] logPosteriors, double[] derived)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(logPosteriors);
        ArgumentNullException.ThrowIfNull(derived);
        int walkers = logPosteriors.Length;
        var values = new double[walkers];
        for (int w = 0; w < walkers; w++) values[w] = logPosteriors[w].Value;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double level = SortedArrayStatistics.Median(sorted) - LaggingWalkers.Threshold(dimension);
        var bulk = new List<int>(walkers);
        for (int w = 0; w < walkers; w++)
        {
            if (values[w] >= level) bulk.Add(w);
        }
        if (bulk.Count == walkers || bulk.Count == 0) return 0;
        var random = new RandomStream(stepKey.Split(KeyIndex));
        int moved = 0;
        for (int w = 0; w < walkers; w++)
        {
            if (values[w] >= level) continue;
            int donor = bulk[random.NextInt(bulk.Count)];
            Array.Copy(positions, donor * dimension, positions, w * dimension, dimension);
            Array.Copy(derived, donor * derivedCount, derived, w * derivedCount, derivedCount);
            logPosteriors[w] = logPosteriors[donor];
            moved++;
        }
        return moved;
    }
}
