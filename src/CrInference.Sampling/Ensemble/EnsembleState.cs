using CrInference.Core;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The state of an affine-invariant ensemble (Goodman &amp; Weare 2010): every walker's position in
/// sampled coordinates, its log posterior, its derived values (<see cref="IPosterior.DerivedNames"/>),
/// and the number of steps taken so far. Never mutated after construction.
/// </summary>
/// <remarks>
/// This is everything a sampler carries from one step to the next: step t draws its random numbers
/// from <c>root.Split(t)</c>, so a saved state plus the run's root key continues a chain exactly as
/// if it had never stopped. Arrays are walker-major: <c>Positions[w·Dimension + i]</c>,
/// <c>Derived[w·DerivedCount + k]</c>.
/// </remarks>
public sealed class EnsembleState
{
    private readonly double[] _positions;
    private readonly LogPosterior[] _logPosteriors;
    private readonly double[] _derived;

    private EnsembleState(int walkers, int dimension, int derivedCount, double[] positions, LogPosterior[] logPosteriors, double[] derived, long step)
    {
        Walkers = walkers;
        Dimension = dimension;
        DerivedCount = derivedCount;
        _positions = positions;
        _logPosteriors = logPosteriors;
        _derived = derived;
        Step = step;
    }

    public int Walkers { get; }

    public int Dimension { get; }

    public int DerivedCount { get; }

    /// <summary>Number of steps taken since the initial ensemble (0 for the initial ensemble).
    /// The next step uses the key <c>root.Split(Step)</c>.</summary>
    public long Step { get; }

    /// <summary>Sampled coordinates, walker-major (<see cref="Walkers"/> × <see cref="Dimension"/>).</summary>
    public ReadOnlyMemory<double> Positions => _positions;

    /// <summary>Log prior and log likelihood per walker.</summary>
    public ReadOnlyMemory<LogPosterior> LogPosteriors => _logPosteriors;

    /// <summary>Derived values, walker-major (<see cref="Walkers"/> × <see cref="DerivedCount"/>).</summary>
    public ReadOnlyMemory<double> Derived => _derived;

    /// <summary>Position of one walker.</summary>
    public ReadOnlySpan<double> PositionOf(int walker) => _positions.AsSpan(walker * Dimension, Dimension);

    /// <summary>Derived values of one walker.</summary>
    public ReadOnlySpan<double> DerivedOf(int walker) => _derived.AsSpan(walker * DerivedCount, DerivedCount);

    /// <summary>A state from saved arrays (copied), e.g. the last row of a chain file.</summary>
    public static EnsembleState Create(
        int walkers,
        int dimension,
        int derivedCount,
        ReadOnlySpan<double> positions,
        ReadOnlySpan<LogPosterior> logPosteriors,
        ReadOnlySpan<double> derived,
        long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(derivedCount);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (positions.Length != walkers * dimension || logPosteriors.Length != walkers || derived.Length != walkers * derivedCount)
        {
            throw new ArgumentException(
                $"ensemble state of {walkers} walkers × {dimension} parameters (+{derivedCount} derived) got " +
                $"{positions.Length} positions, {logPosteriors.Length} log posteriors and {derived.Length} derived values");
        }
        return new EnsembleState(walkers, dimension, derivedCount, positions.ToArray(), logPosteriors.ToArray(), derived.ToArray(), step);
    }

    /// <summary>
    /// Evaluates <paramref name="posterior"/> at every walker of <paramref name="positions"/>
    /// (walker-major, sampled coordinates) and returns the resulting state at <paramref name="step"/>.
    /// Walkers may come out at −∞; <see cref="InitialEnsemble"/> redraws those.
    /// </summary>
    public static EnsembleState Evaluate(IPosterior posterior, ReadOnlySpan<double> positions, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        int dimension = posterior.Space.Dimension;
        int derivedCount = posterior.DerivedNames.Count;
        if (dimension == 0 || positions.Length == 0 || positions.Length % dimension != 0)
        {
            throw new ArgumentException($"{positions.Length} coordinates do not make whole walkers of dimension {dimension}");
        }
        int walkers = positions.Length / dimension;
        var logPosteriors = new LogPosterior[walkers];
        var derived = new double[walkers * derivedCount];
        for (int w = 0; w < walkers; w++)
        {
            logPosteriors[w] = posterior.Evaluate(positions.Slice(w * dimension, dimension), derived.AsSpan(w * derivedCount, derivedCount));
        }
        return new EnsembleState(walkers, dimension, derivedCount, positions.ToArray(), logPosteriors, derived, step);
    }

    /// <summary>True when both states hold the same step and bitwise the same numbers.</summary>
    public bool BitwiseEquals(EnsembleState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Walkers != other.Walkers || Dimension != other.Dimension || DerivedCount != other.DerivedCount || Step != other.Step)
        {
            return false;
        }
        for (int i = 0; i < _positions.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(_positions[i]) != BitConverter.DoubleToInt64Bits(other._positions[i])) return false;
        }
        for (int i = 0; i < _derived.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(_derived[i]) != BitConverter.DoubleToInt64Bits(other._derived[i])) return false;
        }
        for (int w = 0; w < _logPosteriors.Length; w++)
        {
            if (BitConverter.DoubleToInt64Bits(_logPosteriors[w].LogPrior) != BitConverter.DoubleToInt64Bits(other._logPosteriors[w].LogPrior)
                || BitConverter.DoubleToInt64Bits(_logPosteriors[w].LogLikelihood) != BitConverter.DoubleToInt64Bits(other._logPosteriors[w].LogLikelihood))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Takes ownership of the arrays (no copy); callers must not keep writing to them.</summary>
    internal static EnsembleState Own(int walkers, int dimension, int derivedCount, double[] positions, LogPosterior[] logPosteriors, double[] derived, long step) =>
        new(walkers, dimension, derivedCount, positions, logPosteriors, derived, step);
}
