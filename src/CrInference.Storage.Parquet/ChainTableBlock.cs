namespace CrInference.Storage.Parquet;

/// <summary>
/// A reusable buffer of <see cref="RowCount"/> rows for one block (one row group) of a chain
/// table. Fill each column through its typed span, then pass the block to
/// <see cref="ChainTableWriter.AppendBlockAsync"/>, which encodes it at once, so the same block
/// can be refilled for the next step range. For an ensemble, row <c>s·W + w</c> conventionally
/// holds walker <c>w</c> at the block's step <c>s</c>. Not thread-safe.
/// </summary>
public sealed class ChainTableBlock
{
    private readonly Array[] _values;

    /// <summary>A zero-filled block of <paramref name="rowCount"/> rows for <paramref name="schema"/>.</summary>
    public ChainTableBlock(ChainTableSchema schema, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        Schema = schema;
        RowCount = rowCount;
        _values = new Array[schema.Columns.Length];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = schema.Columns[i].Type switch
            {
                ChainColumnType.Int32 => new int[rowCount],
                ChainColumnType.Int64 => new long[rowCount],
                ChainColumnType.Float64 => new double[rowCount],
                ChainColumnType.Boolean => new bool[rowCount],
                _ => throw new ArgumentOutOfRangeException(nameof(schema), schema.Columns[i].Type, "unknown column type"),
            };
        }
    }

    /// <summary>The columns this block holds.</summary>
    public ChainTableSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The values of int32 column <paramref name="name"/>.</summary>
    public Span<int> Int32(string name) => Typed<int>(name, ChainColumnType.Int32);

    /// <summary>The values of int64 column <paramref name="name"/>.</summary>
    public Span<long> Int64(string name) => Typed<long>(name, ChainColumnType.Int64);

    /// <summary>The values of float64 column <paramref name="name"/>.</summary>
    public Span<double> Float64(string name) => Typed<double>(name, ChainColumnType.Float64);

    /// <summary>The values of boolean column <paramref name="name"/>.</summary>
    public Span<bool> Boolean(string name) => Typed<bool>(name, ChainColumnType.Boolean);

    /// <summary>The backing array of column <paramref name="index"/> (int[], long[], double[] or bool[]).</summary>
    internal Array Values(int index) => _values[index];

    private T[] Typed<T>(string name, ChainColumnType expected)
    {
        int index = Schema.IndexOf(name);
        var actual = Schema.Columns[index].Type;
        if (actual != expected)
        {
            throw new InvalidOperationException($"column '{name}' is {actual}, not {expected}");
        }
        return (T[])_values[index];
    }
}
