using CrInference.Core;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Chains;

/// <summary>
/// Consecutive ensemble steps as handed to an <see cref="IChainSink"/>. Row r (0 ≤ r &lt; <see cref="Steps"/>)
/// is the ensemble after step <see cref="FirstStep"/> + r, i.e. the <see cref="EnsembleState"/> whose
/// <see cref="EnsembleState.Step"/> is <see cref="FirstStep"/> + r + 1; the chain file's <c>draw</c>
/// column is <see cref="FirstStep"/> + r and its <c>chain</c> column the walker index. The initial
/// state (step 0) is never a row, as in emcee.
/// </summary>
/// <remarks>
/// Layout is step-major, then walker, then component, all in sampled coordinates:
/// <c>Positions[(r·Walkers + w)·Dimension + i]</c>, <c>LogPosteriors[r·Walkers + w]</c>,
/// <c>Derived[(r·Walkers + w)·DerivedCount + k]</c> (values named by <see cref="IPosterior.DerivedNames"/>),
/// <c>Accepted[r·Walkers + w]</c> (whether walker w moved at that step).
/// A block handed to <see cref="IChainSink.AppendAsync"/> views the sampler's reusable buffers; use
/// <see cref="Copy"/> to keep it.
/// </remarks>
public sealed class ChainBlock
{
    public ChainBlock(
        long firstStep,
        int steps,
        int walkers,
        int dimension,
        int derivedCount,
        ReadOnlyMemory<double> positions,
        ReadOnlyMemory<LogPosterior> logPosteriors,
        ReadOnlyMemory<double> derived,
        ReadOnlyMemory<bool> accepted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(derivedCount);
        long rows = (long)steps * walkers;
        if (positions.Length != rows * dimension || logPosteriors.Length != rows
            || derived.Length != rows * derivedCount || accepted.Length != rows)
        {
            throw new ArgumentException(
                $"chain block arrays do not match {steps} steps × {walkers} walkers × {dimension} parameters " +
                $"(+{derivedCount} derived): got {positions.Length} positions, {logPosteriors.Length} log posteriors, " +
                $"{derived.Length} derived, {accepted.Length} accepted flags");
        }
        FirstStep = firstStep;
        Steps = steps;
        Walkers = walkers;
        Dimension = dimension;
        DerivedCount = derivedCount;
        Positions = positions;
        LogPosteriors = logPosteriors;
        Derived = derived;
        Accepted = accepted;
    }

    /// <summary>Index of the step whose result is row 0 (the <c>draw</c> of row 0).</summary>
    public long FirstStep { get; }

    /// <summary>Number of rows (steps) in the block.</summary>
    public int Steps { get; }

    public int Walkers { get; }

    public int Dimension { get; }

    public int DerivedCount { get; }

    /// <summary>Sampled coordinates, step × walker × component.</summary>
    public ReadOnlyMemory<double> Positions { get; }

    /// <summary>Log prior and log likelihood, step × walker.</summary>
    public ReadOnlyMemory<LogPosterior> LogPosteriors { get; }

    /// <summary>Derived values, step × walker × derived name.</summary>
    public ReadOnlyMemory<double> Derived { get; }

    /// <summary>Whether the walker's proposal was accepted at that step, step × walker.</summary>
    public ReadOnlyMemory<bool> Accepted { get; }

    /// <summary>The step index after the last row: <see cref="FirstStep"/> + <see cref="Steps"/>.</summary>
    public long EndStep => FirstStep + Steps;

    /// <summary>A block with its own copy of the arrays.</summary>
    public ChainBlock Copy() =>
        new(FirstStep, Steps, Walkers, Dimension, DerivedCount, Positions.ToArray(), LogPosteriors.ToArray(), Derived.ToArray(), Accepted.ToArray());

    /// <summary>
    /// The ensemble after the block's last row, with <see cref="EnsembleState.Step"/> = <see cref="EndStep"/>.
    /// With the run's root key this is all a sampler needs to continue the chain exactly.
    /// </summary>
    public EnsembleState LastState()
    {
        int last = Steps - 1;
        return EnsembleState.Create(
            Walkers,
            Dimension,
            DerivedCount,
            Positions.Span.Slice(last * Walkers * Dimension, Walkers * Dimension),
            LogPosteriors.Span.Slice(last * Walkers, Walkers),
            Derived.Span.Slice(last * Walkers * DerivedCount, Walkers * DerivedCount),
            EndStep);
    }
}
