using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// One step of the affine-invariant ensemble sampler with red–blue half-ensemble updates
/// (Goodman &amp; Weare 2010, §5; Foreman-Mackey et al. 2013, PASP 125, 306, Algorithm 3), as a pure
/// function (key, state) → (state, info) in the style of blackjax.
/// </summary>
/// <remarks>
/// <para>Walkers [0, W/2) form the first half and [W/2, W) the second. The first half is proposed from
/// the second as complement; then the second half from the <em>updated</em> first half. A proposal y for
/// walker x is accepted when ln u &lt; ln q + ln p(y) − ln p(x) (q the move's Hastings factor), with
/// u ~ U(0, 1) drawn from the walker's stream after the move's own draws, and only when that log ratio
/// is negative (otherwise the proposal is accepted without a draw); proposals with a −∞ prior are rejected without calling the likelihood; a walker whose
/// current log posterior is −∞ accepts any proposal with a finite one.</para>
/// <para>Randomness: the move for the step comes from <c>stepKey.Split(2)</c>; every random number of
/// walker w in half h comes from the stream of <see cref="WalkerKey"/>(stepKey, h, w) =
/// <c>stepKey.Split(h).Split(w)</c>. No stream is shared, so the result is bitwise the same for any
/// number of threads. Drivers pass <c>root.Split(state.Step)</c> as the step key.</para>
/// <para>Walkers of a half are evaluated in parallel on up to <c>threads</c> threads, in contiguous
/// chunks (a few per thread) to keep the per-walker scheduling cost low; with one thread, or while the
/// measured work of a half-ensemble is too small (≲ 0.1–0.2 ms) to repay a Parallel.For, they run
/// serially on the caller's thread. None of this changes the numbers.</para>
/// </remarks>
public static class RedBlueKernel
{
    /// <summary>Child index of the step key from which the move of the step is chosen.</summary>
    public const ulong MoveSelectionIndex = 2;

    /// <summary>Smallest ensemble the kernel accepts: two walkers per half.</summary>
    public const int MinimumWalkers = 4;

    /// <summary>The key of walker <paramref name="walker"/> (global index) in half <paramref name="half"/> (0 or 1).</summary>
    public static RandomKey WalkerKey(RandomKey stepKey, int half, int walker) =>
        stepKey.Split((ulong)half).Split((ulong)walker);

    /// <summary>
    /// Advances <paramref name="state"/> by one step with <paramref name="move"/>; the new state has
    /// <see cref="EnsembleState.Step"/> + 1. <paramref name="stepKey"/> is the key of this step
    /// (<c>root.Split(state.Step)</c> in a driver).
    /// </summary>
    public static (EnsembleState State, EnsembleStepInfo Info) Step(
        RandomKey stepKey, EnsembleState state, IEnsembleMove move, IPosterior posterior, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(posterior);
        var worker = new RedBlueWorker(posterior, state.Walkers, threads);
        worker.CheckShape(state);
        double[] positions = state.Positions.ToArray();
        LogPosterior[] logPosteriors = state.LogPosteriors.ToArray();
        double[] derived = state.Derived.ToArray();
        var accepted = new bool[state.Walkers];
        var (chosen, acceptedCount, evaluations) = worker.Step(stepKey, move, positions, logPosteriors, derived, accepted);
        var next = EnsembleState.Own(state.Walkers, state.Dimension, state.DerivedCount, positions, logPosteriors, derived, state.Step + 1);
        return (next, new EnsembleStepInfo(accepted, acceptedCount, evaluations, chosen));
    }
}
