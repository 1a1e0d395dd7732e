namespace CrInference.Config.PriorFiles;

/// <summary>The optional <c>nested</c> section (nested sampling for <c>evidence</c>). Null
/// members were not given: the caller applies its defaults.</summary>
/// <param name="Live">Number of live points.</param>
/// <param name="DeltaLogZ">Stop when the remaining evidence would change ln Z by less than this (<c>dlogz</c>).</param>
/// <param name="Seed">Random seed.</param>
public sealed record NestedSpec(int? Live, double? DeltaLogZ, ulong? Seed);
