using Parquet;
using Parquet.Schema;

namespace CrInference.Storage.Parquet;

/// <summary>
/// The Parquet.Net calls that encode and decode chain blocks, one row group per block. Options
/// are fixed here (Snappy, Parquet.Net defaults otherwise) so that a block's bytes depend on
/// its values alone: Parquet.Net 6.1 writes no timestamps, and its <c>created_by</c> names the
/// library version, so the same data give the same file with the same library version.
/// </summary>
internal static class ParquetBlockCodec
{
    /// <summary>Writer options used for every file this project writes.</summary>
    public static ParquetOptions WriterOptions() => new() { CompressionMethod = CompressionMethod.Snappy };

    /// <summary>The Parquet schema of a chain table: every column REQUIRED (non-nullable).</summary>
    public static ParquetSchema ToParquet(ChainTableSchema schema) =>
        new(schema.Columns.Select(c => (Field)(c.Type switch
        {
            ChainColumnType.Int32 => new DataField<int>(c.Name, false),
            ChainColumnType.Int64 => new DataField<long>(c.Name, false),
            ChainColumnType.Float64 => new DataField<double>(c.Name, false),
            ChainColumnType.Boolean => new DataField<bool>(c.Name, false),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), c.Type, "unknown column type"),
        })));

    /// <summary>Writes <paramref name="block"/> as the next row group of <paramref name="writer"/>.</summary>
    public static async Task WriteRowGroupAsync(
        ParquetWriter writer, ParquetSchema parquetSchema, ChainTableBlock block, CancellationToken cancellationToken)
    {
        var fields = parquetSchema.DataFields;
        using var rowGroup = writer.CreateRowGroup();
        for (int i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            Task write = block.Values(i) switch
            {
                int[] v => rowGroup.WriteAsync<int>(field, v.AsMemory(0, block.RowCount), null, null, cancellationToken),
                long[] v => rowGroup.WriteAsync<long>(field, v.AsMemory(0, block.RowCount), null, null, cancellationToken),
                double[] v => rowGroup.WriteAsync<double>(field, v.AsMemory(0, block.RowCount), null, null, cancellationToken),
                bool[] v => rowGroup.WriteAsync<bool>(field, v.AsMemory(0, block.RowCount), null, null, cancellationToken),
                var other => throw new InvalidOperationException($"unsupported column buffer {other.GetType()}"),
            };
            await write.ConfigureAwait(false);
        }
        rowGroup.CompleteValidate();
    }

    /// <summary>Writes a complete Parquet file holding <paramref name="block"/> as its only row group.</summary>
    public static async Task WriteSingleBlockFileAsync(Stream output, ChainTableBlock block, CancellationToken cancellationToken)
    {
        await WriteBlocksAsync(output, block.Schema, [block], new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a file whose row groups are <paramref name="blocks"/>, in order, with
    /// <paramref name="metadata"/> in the footer.</summary>
    public static async Task WriteBlocksAsync(
        Stream output,
        ChainTableSchema schema,
        IReadOnlyList<ChainTableBlock> blocks,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var parquetSchema = ToParquet(schema);
        await using var writer = await CreateWriterAsync(parquetSchema, output, metadata, cancellationToken).ConfigureAwait(false);
        foreach (var block in blocks)
        {
            await WriteRowGroupAsync(writer, parquetSchema, block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes one file whose row groups are, in order, the single row groups of
    /// <paramref name="partFiles"/>, with <paramref name="metadata"/> in the footer. Each part is
    /// decoded and re-encoded with the same options, one at a time.
    /// </summary>
    public static async Task MergeAsync(
        Stream output,
        ChainTableSchema schema,
        IReadOnlyList<string> partFiles,
        IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var parquetSchema = ToParquet(schema);
        await using var writer = await CreateWriterAsync(parquetSchema, output, metadata, cancellationToken).ConfigureAwait(false);
        foreach (string part in partFiles)
        {
            var block = await ReadSingleBlockFileAsync(part, schema, cancellationToken).ConfigureAwait(false);
            await WriteRowGroupAsync(writer, parquetSchema, block, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a file written by <see cref="WriteSingleBlockFileAsync"/>; throws
    /// <see cref="ChainTableException"/> if it is not one or its columns differ from <paramref name="schema"/>.</summary>
    public static async Task<ChainTableBlock> ReadSingleBlockFileAsync(string path, ChainTableSchema schema, CancellationToken cancellationToken)
    {
        var reader = await OpenPartAsync(path, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var rowGroup = ValidatePart(path, reader, schema);
            var block = new ChainTableBlock(schema, (int)rowGroup.RowCount);
            var fields = reader.Schema.DataFields;
            for (int i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                ValueTask read = block.Values(i) switch
                {
                    int[] v => rowGroup.ReadAsync<int>(field, v.AsMemory(), null, cancellationToken),
                    long[] v => rowGroup.ReadAsync<long>(field, v.AsMemory(), null, cancellationToken),
                    double[] v => rowGroup.ReadAsync<double>(field, v.AsMemory(), null, cancellationToken),
                    bool[] v => rowGroup.ReadAsync<bool>(field, v.AsMemory(), null, cancellationToken),
                    var other => throw new InvalidOperationException($"unsupported column buffer {other.GetType()}"),
                };
                await read.ConfigureAwait(false);
            }
            return block;
        }
    }

    /// <summary>Checks a part file's footer against <paramref name="schema"/> and returns its row count.</summary>
    public static async Task<long> ReadSingleBlockRowCountAsync(string path, ChainTableSchema schema, CancellationToken cancellationToken)
    {
        var reader = await OpenPartAsync(path, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return ValidatePart(path, reader, schema).RowCount;
        }
    }

    private static async Task<ParquetWriter> CreateWriterAsync(
        ParquetSchema parquetSchema, Stream output, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var writer = await ParquetWriter.CreateAsync(parquetSchema, output, WriterOptions(), false, cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = metadata
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return writer;
    }

    private static async Task<ParquetReader> OpenPartAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ChainTableException(path, $"not a readable chain part ({e.Message})", e);
        }
    }

    private static ParquetRowGroupReader ValidatePart(string path, ParquetReader reader, ChainTableSchema schema)
    {
        var expected = ToParquet(schema);
        if (!expected.Equals(reader.Schema))
        {
            throw new ChainTableException(path, $"columns differ from this run's ({reader.Schema.GetNotEqualsMessage(expected, "part", "run")})");
        }
        if (reader.RowGroupCount != 1)
        {
            throw new ChainTableException(path, $"a chain part holds one row group, this one {reader.RowGroupCount}");
        }
        var rowGroup = reader.OpenRowGroupReader(0);
        if (rowGroup.RowCount is <= 0 or > int.MaxValue)
        {
            throw new ChainTableException(path, $"a chain part holds 1 to {int.MaxValue} rows, this one {rowGroup.RowCount}");
        }
        return rowGroup;
    }
}
