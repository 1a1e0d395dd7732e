using System.Collections.Immutable;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// The <c>sampler</c> section (ensemble sampler). Null means "not given": the caller applies its
/// default or a command-line override (e.g. <c>spec.Sampler with { Walkers = 64 }</c>) before
/// writing the resolved spec. <see cref="Moves"/> maps a move name (one of <see cref="IPriorFileSchema.MoveNames"/>)
/// to its relative weight (&gt; 0); empty means the caller's default.
/// </summary>
public sealed record SamplerSpec(int? Walkers, long? Steps, ulong? Seed, int? Thin, ImmutableSortedDictionary<string, double> Moves)
{
    /// <summary>Largest <see cref="RelocateLagging"/>: the relocation phase is burn-in, and at least half the chain is kept.</summary>
    public const double MaxRelocateLagging = 0.5;

    /// <summary><c>relocate_lagging</c>: the fraction of the steps (0 … <see cref="MaxRelocateLagging"/>) during which
    /// walkers stranded far below the bulk are moved onto bulk walkers (a burn-in aid; null: none).</summary>
    public double? RelocateLagging { get; init; }

    /// <summary>The values of <see cref="Starts"/>: <c>ref</c> (the default: each parameter's <c>ref</c> ball, else its prior)
    /// and <c>optimize</c> (a ball around the best point of a multi-start local optimisation from prior draws).</summary>
    public static IReadOnlyList<string> StartChoices { get; } = ["ref", OptimizeStarts];

    /// <summary>The <see cref="Starts"/> value (and <c>crinf sbc --starts</c> value) that asks for the mode search.</summary>
    public const string OptimizeStarts = "optimize";

    /// <summary>Whether the walkers start around the best point of a mode search (<c>starts: optimize</c>).</summary>
    public bool SearchesForMode => Starts == OptimizeStarts;

    /// <summary><c>starts</c>: where the walkers start (one of <see cref="StartChoices"/>; null: <c>ref</c>).</summary>
    public string? Starts { get; init; }

    /// <summary>Nothing given.</summary>
    public static SamplerSpec Empty { get; } =
        new(null, null, null, null, ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal));
}
