using System.Collections.Immutable;

namespace CrInference.Storage.Parquet;

/// <summary>
/// A Parquet file read into columns of doubles by <see cref="ChainTableReader"/>: every
/// top-level column (numeric or not, read or not), the row count, the rows per row group and
/// the footer key-value metadata. Lookups that fail throw <see cref="ChainTableException"/>
/// naming the file.
/// </summary>
public sealed class ChainTable
{
    private readonly Dictionary<string, int> _index;

    /// <summary>A table read from <paramref name="path"/>.</summary>
    public ChainTable(
        string path,
        long rowCount,
        ImmutableArray<long> rowGroupRowCounts,
        ImmutableArray<ChainTableColumn> columns,
        IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        RowCount = rowCount;
        RowGroupRowCounts = rowGroupRowCounts;
        Columns = columns;
        Metadata = metadata;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++) _index.TryAdd(columns[i].Name, i);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Number of rows.</summary>
    public long RowCount { get; }

    /// <summary>Rows in each row group, in file order (a CrInference chain file has one per block).</summary>
    public ImmutableArray<long> RowGroupRowCounts { get; }

    /// <summary>Every top-level column in file order.</summary>
    public ImmutableArray<ChainTableColumn> Columns { get; }

    /// <summary>Footer key-value metadata (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The run manifest JSON (<see cref="ChainColumnNames.ManifestMetadataKey"/>), or null
    /// for files not written by CrInference.</summary>
    public string? Manifest => Metadata.TryGetValue(ChainColumnNames.ManifestMetadataKey, out string? json) ? json : null;

    /// <summary>Names of the numeric columns, in file order.</summary>
    public IEnumerable<string> NumericColumnNames => Columns.Where(c => c.IsNumeric).Select(c => c.Name);

    /// <summary>Whether the file has a column named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>Column <paramref name="name"/>; throws naming the file and its columns if absent.</summary>
    public ChainTableColumn Column(string name) =>
        _index.TryGetValue(name, out int i)
            ? Columns[i]
            : throw new ChainTableException(Path, $"no column '{name}' (columns: {string.Join(", ", Columns.Select(c => c.Name))})");

    /// <summary>The values of numeric column <paramref name="name"/>; throws if it is absent, not
    /// numeric, or was not read.</summary>
    public double[] Values(string name)
    {
        var column = Column(name);
        if (!column.IsNumeric)
        {
            throw new ChainTableException(Path, $"column '{name}' is not numeric ({column.TypeName})");
        }
        return column.Values ?? throw new ChainTableException(Path, $"column '{name}' was not read (ask for it when reading)");
    }
}
