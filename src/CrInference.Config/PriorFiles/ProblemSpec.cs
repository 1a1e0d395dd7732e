using System.Collections.Immutable;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// The <c>problem</c> section of an analytic test model (<c>test/*</c>): its dimension and the
/// model's numeric settings (e.g. <c>correlation</c> of <c>test/gaussian</c>), by name. Which
/// settings a model accepts is the schema's business (<see cref="IPriorFileSchema.FindModel"/>).
/// Equality compares the settings by value.
/// </summary>
/// <param name="Dimension">Number of dimensions of the test problem (≥ 1).</param>
/// <param name="Settings">Further settings, by ordinal key (empty when none are given).</param>
public sealed record ProblemSpec(int Dimension, ImmutableSortedDictionary<string, double> Settings)
{
    /// <summary>A problem of <paramref name="dimension"/> dimensions with no further settings.</summary>
    public ProblemSpec(int dimension)
        : this(dimension, NoSettings)
    {
    }

    /// <summary>The empty settings.</summary>
    public static ImmutableSortedDictionary<string, double> NoSettings { get; } = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    /// <summary>The settings with <c>dimension</c> added, as a test-problem catalog takes them.</summary>
    public IReadOnlyDictionary<string, double> AllSettings() => Settings.SetItem("dimension", Dimension);

    /// <inheritdoc/>
    public bool Equals(ProblemSpec? other) =>
        other is not null && Dimension == other.Dimension && Settings.Count == other.Settings.Count
        && Settings.All(kv => other.Settings.TryGetValue(kv.Key, out double v) && v.Equals(kv.Value));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Dimension);
        foreach (var (key, value) in Settings)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }
}
