using System.Collections.Immutable;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// One registered ensemble move: its name in prior files (<c>sampler.moves</c>), a one-line
/// description with its source, and a factory for the move with its default settings.
/// </summary>
/// <param name="Name">The name a prior file weights, e.g. <c>stretch</c>.</param>
/// <param name="Title">The move in words for summaries, e.g. <c>differential evolution</c>.</param>
/// <param name="Description">What the move does and where it comes from.</param>
/// <param name="Create">A new instance with the move's default settings.</param>
public sealed record MoveEntry(string Name, string Title, string Description, Func<IEnsembleMove> Create);

/// <summary>A move name and its relative weight in a mixture (&gt; 0, finite).</summary>
/// <param name="Name">A name of <see cref="MoveCatalog"/>.</param>
/// <param name="Weight">The relative weight.</param>
public sealed record MoveWeight(string Name, double Weight);

/// <summary>
/// The registry of ensemble moves. The prior-file schema (which names <c>sampler.moves</c> may
/// weight), the fit and parallel tempering all build their moves here, so a new move is one file
/// (the move, with its <see cref="MoveEntry"/>) plus one line in <see cref="Entries"/>.
/// </summary>
public static class MoveCatalog
{
    /// <summary>Every registered move, in listing order.</summary>
    public static IReadOnlyList<MoveEntry> Entries { get; } =
    [
        // One line per move.
        StretchMove.Entry,
        DifferentialEvolutionMove.Entry,
        DifferentialEvolutionMove.JumpEntry,
    ];

    /// <summary>The registered names, in listing order.</summary>
    public static ImmutableArray<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public static MoveEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The move of <paramref name="weights"/>: the move itself when there is one, else a
    /// <see cref="WeightedMixtureMove"/> of the moves in the order given (the order decides which
    /// move a step's uniform number picks, so it is part of a run's identity).
    /// </summary>
    /// <exception cref="ArgumentException">No move, an unknown name, or a weight that is not finite and &gt; 0.</exception>
    public static IEnsembleMove Build(IEnumerable<MoveWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var components = new List<(IEnsembleMove Move, double Weight)>();
        foreach (var (name, weight) in weights)
        {
            var entry = Find(name) ?? throw new ArgumentException($"unknown move '{name}' (one of: {string.Join(", ", Names)})", nameof(weights));
            components.Add((entry.Create(), weight));
        }
        if (components.Count == 0) throw new ArgumentException("no move given", nameof(weights));
        if (components.Count == 1)
        {
            var (move, weight) = components[0];
            if (!(weight > 0) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"move '{move.Name}' has weight {weight}; weights must be finite and > 0", nameof(weights));
            }
            return move;
        }
        return new WeightedMixtureMove(components);
    }
}
