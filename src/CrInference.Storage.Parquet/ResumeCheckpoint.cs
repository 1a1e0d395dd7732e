using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Storage.Parquet;

/// <summary>
/// What a sampler needs to continue a run exactly where it stopped, written next to the chain
/// parts after every block (see <see cref="ChainTableWriter.AppendBlockAsync"/>) and restored
/// bit for bit by <see cref="ResumeCheckpointFile"/>.
/// </summary>
/// <param name="CompletedBlocks">Blocks written to the chain table, this one included.</param>
/// <param name="NextStep">Index of the first step not yet taken (the <c>draw</c> the next block starts at).</param>
/// <param name="Key">Root random key of the run; per-step keys derive from it with <see cref="RandomKey.Split"/>.</param>
/// <param name="Walkers">Number of walkers (or live points) W.</param>
/// <param name="Dimension">Number of sampled parameters D.</param>
/// <param name="Positions">W·D positions in <em>sampled</em> coordinates, walker-major.</param>
/// <param name="LogPosteriors">W log priors and log likelihoods of those positions.</param>
/// <param name="DerivedNames">Names of the per-walker derived values (e.g. <c>log_likelihood__ams02-p-2015</c>); K of them.</param>
/// <param name="Derived">W·K derived values, walker-major.</param>
/// <param name="ConfigHash">Hash of the resolved configuration the run was started with; resuming refuses a different one.</param>
/// <param name="Scalars">Further exact doubles a sampler carries (e.g. nested sampling's ln X and ln Z), by name.</param>
/// <param name="Counters">Running counts (likelihood calls, failures by reason), by name.</param>
public sealed record ResumeCheckpoint(
    int CompletedBlocks,
    long NextStep,
    RandomKey Key,
    int Walkers,
    int Dimension,
    ImmutableArray<double> Positions,
    ImmutableArray<LogPosterior> LogPosteriors,
    ImmutableArray<string> DerivedNames,
    ImmutableArray<double> Derived,
    string ConfigHash,
    ImmutableSortedDictionary<string, double> Scalars,
    ImmutableSortedDictionary<string, long> Counters)
{
    /// <summary>SHA-256 (lowercase hex) of each part file the checkpoint covers, block 0 first: a resume checks the parts
    /// against them. Empty in a checkpoint of format 1 (written before the parts were hashed) or not yet set.</summary>
    public ImmutableArray<string> PartHashes { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> unless the array lengths agree with
    /// <see cref="Walkers"/>, <see cref="Dimension"/> and <see cref="DerivedNames"/>.</summary>
    public void Validate()
    {
        if (CompletedBlocks < 0) throw new ArgumentException($"CompletedBlocks must be >= 0 (got {CompletedBlocks})");
        if (NextStep < 0) throw new ArgumentException($"NextStep must be >= 0 (got {NextStep})");
        if (Walkers < 0 || Dimension < 0) throw new ArgumentException($"Walkers and Dimension must be >= 0 (got {Walkers}, {Dimension})");
        if (Positions.IsDefault || Positions.Length != (long)Walkers * Dimension)
        {
            throw new ArgumentException($"Positions must hold Walkers*Dimension = {(long)Walkers * Dimension} values (got {(Positions.IsDefault ? 0 : Positions.Length)})");
        }
        if (LogPosteriors.IsDefault || LogPosteriors.Length != Walkers)
        {
            throw new ArgumentException($"LogPosteriors must hold Walkers = {Walkers} values (got {(LogPosteriors.IsDefault ? 0 : LogPosteriors.Length)})");
        }
        int derivedCount = DerivedNames.IsDefault ? 0 : DerivedNames.Length;
        if (Derived.IsDefault || Derived.Length != (long)Walkers * derivedCount)
        {
            throw new ArgumentException($"Derived must hold Walkers*DerivedNames = {(long)Walkers * derivedCount} values (got {(Derived.IsDefault ? 0 : Derived.Length)})");
        }
        if (!PartHashes.IsDefaultOrEmpty && PartHashes.Length != CompletedBlocks)
        {
            throw new ArgumentException($"PartHashes must be empty or hold CompletedBlocks = {CompletedBlocks} hashes (got {PartHashes.Length})");
        }
        if (!PartHashes.IsDefaultOrEmpty && PartHashes.Any(h => h is null || h.Length != 64 || !h.All(char.IsAsciiHexDigitLower)))
        {
            throw new ArgumentException("PartHashes must be SHA-256 digests as 64 lowercase hex digits");
        }
        ArgumentNullException.ThrowIfNull(ConfigHash);
        ArgumentNullException.ThrowIfNull(Scalars);
        ArgumentNullException.ThrowIfNull(Counters);
    }
}
