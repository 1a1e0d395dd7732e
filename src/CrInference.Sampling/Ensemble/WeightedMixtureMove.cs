using System.Collections.Immutable;
using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// A weighted mixture of moves, as emcee's <c>moves=[(move, weight), ...]</c>: at each step one move is
/// chosen with probability proportional to its weight, from the step's selection key, and every walker
/// of that step uses it. Each component keeps detailed balance, so the mixture does too.
/// </summary>
public sealed class WeightedMixtureMove : IEnsembleMove
{
    private readonly double[] _cumulative;

    /// <summary>A mixture of <paramref name="components"/> with positive, finite weights (normalised here).</summary>
    public WeightedMixtureMove(IEnumerable<(IEnsembleMove Move, double Weight)> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var list = components.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a move mixture needs at least one move", nameof(components));
        }
        double total = 0;
        foreach (var (move, weight) in list)
        {
            ArgumentNullException.ThrowIfNull(move, nameof(components));
            if (!(weight > 0) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"move '{move.Name}' has weight {weight}; weights must be finite and > 0", nameof(components));
            }
            total += weight;
        }
        Moves = [.. list.Select(c => c.Move)];
        Weights = [.. list.Select(c => c.Weight / total)];
        _cumulative = new double[list.Count];
        double running = 0;
        for (int i = 0; i < list.Count; i++)
        {
            running += Weights[i];
            _cumulative[i] = running;
        }
        _cumulative[^1] = 1.0;
    }

    public ImmutableArray<IEnsembleMove> Moves { get; }

    /// <summary>Normalised weights (sum 1), in the order of <see cref="Moves"/>.</summary>
    public ImmutableArray<double> Weights { get; }

    public string Name => string.Join(" + ", Moves.Select((m, i) => FormattableString.Invariant($"{Weights[i]:0.###}×{m.Name}")));

    /// <summary>Picks component i with probability <see cref="Weights"/>[i] from the first uniform of
    /// <paramref name="selectionKey"/>'s stream; a nested mixture chooses again from a child key.</summary>
    public IEnsembleMove ChooseForStep(RandomKey selectionKey)
    {
        var stream = selectionKey.Open();
        double u = stream.NextDouble();
        int index = 0;
        while (u >= _cumulative[index]) index++;
        return Moves[index].ChooseForStep(selectionKey.Split(0));
    }

    /// <summary>Not used: the kernel proposes with the move returned by <see cref="ChooseForStep"/>.</summary>
    public double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal) =>
        throw new InvalidOperationException("a mixture proposes through the move chosen by ChooseForStep for the step");
}
