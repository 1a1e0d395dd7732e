using System.Collections.Immutable;

namespace CrInference.Storage.Parquet;

/// <summary>
/// The ordered columns of a chain table. Names are unique (ordinal), non-empty and free of
/// control characters and dots (a dot would read as a nested path in some Parquet tools).
/// </summary>
public sealed class ChainTableSchema : IEquatable<ChainTableSchema>
{
    private readonly Dictionary<string, int> _index;

    /// <summary>A schema with exactly <paramref name="columns"/>, in that order.</summary>
    public ChainTableSchema(IEnumerable<ChainColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns];
        if (Columns.IsEmpty)
        {
            throw new ArgumentException("a chain table needs at least one column", nameof(columns));
        }
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Columns.Length; i++)
        {
            string name = Columns[i].Name;
            if (string.IsNullOrWhiteSpace(name) || name.Contains('.', StringComparison.Ordinal) || name.Any(char.IsControl))
            {
                throw new ArgumentException($"invalid column name '{name}' (empty, or contains '.' or a control character)", nameof(columns));
            }
            if (!_index.TryAdd(name, i))
            {
                throw new ArgumentException($"column '{name}' is listed twice", nameof(columns));
            }
        }
    }

    /// <summary>
    /// A schema from column names alone, typed by <see cref="ChainColumnNames.TypeOf"/>:
    /// <c>chain</c> int32, <c>draw</c> int64, <c>accepted</c> boolean, everything else float64.
    /// </summary>
    public static ChainTableSchema FromNames(IEnumerable<string> names) =>
        new(names.Select(n => new ChainColumn(n, ChainColumnNames.TypeOf(n))));

    /// <summary>The columns in file order.</summary>
    public ImmutableArray<ChainColumn> Columns { get; }

    /// <summary>Column names in file order.</summary>
    public IEnumerable<string> Names => Columns.Select(c => c.Name);

    /// <summary>Index of column <paramref name="name"/>; throws naming the known columns if absent.</summary>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i)
            ? i
            : throw new KeyNotFoundException($"no column '{name}' (columns: {string.Join(", ", Names)})");

    /// <summary>Whether a column named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <inheritdoc/>
    public bool Equals(ChainTableSchema? other) =>
        other is not null && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ChainTableSchema);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in Columns) hash.Add(column);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Columns.Select(c => $"{c.Name}:{c.Type}"));
}
