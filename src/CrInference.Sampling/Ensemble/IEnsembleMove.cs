using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// A red–blue ensemble proposal (emcee's <c>RedBlueMove</c>, Foreman-Mackey et al. 2013): proposes a
/// new position for one walker from the walkers of the complementary half-ensemble. One file per move.
/// </summary>
public interface IEnsembleMove
{
    /// <summary>Short description for manifests and logs, e.g. <c>stretch(a=2)</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The move used for a whole step. Plain moves return themselves; a mixture picks one of its
    /// moves from <paramref name="selectionKey"/> (so the choice is reproducible from the step key).
    /// </summary>
    IEnsembleMove ChooseForStep(RandomKey selectionKey) => this;

    /// <summary>
    /// Writes a proposal for <paramref name="walker"/> into <paramref name="proposal"/> and returns the
    /// natural log of the Hastings factor (0 for a symmetric proposal, −∞ to force a rejection).
    /// </summary>
    /// <param name="random">The walker's own stream for this step; draw only from it.</param>
    /// <param name="walker">Current position of the walker (sampled coordinates).</param>
    /// <param name="complement">The complementary walkers, walker-major, each of length <c>walker.Length</c>.</param>
    /// <param name="proposal">Output, same length as <paramref name="walker"/>.</param>
    double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal);
}
