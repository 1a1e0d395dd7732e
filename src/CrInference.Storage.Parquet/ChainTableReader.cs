using System.Collections.Immutable;
using Parquet;
using Parquet.Schema;

namespace CrInference.Storage.Parquet;

/// <summary>
/// Reads any Parquet file (written by CrInference or another tool) into a <see cref="ChainTable"/>
/// of double columns. Numeric top-level columns (signed and unsigned integers, float16/32/64,
/// decimal, boolean as 0/1) convert to double; nulls become NaN and are counted. Strings,
/// binaries, dates, nested and repeated columns are listed but never converted. Errors are
/// <see cref="ChainTableException"/>s whose message starts with the file name: missing file,
/// a folder, an empty (0-byte) file, not a Parquet file, a column asked for that is absent or
/// not numeric.
/// </summary>
public static class ChainTableReader
{
    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="columns"/> null every numeric column is
    /// read; otherwise exactly the named ones, each of which must exist and be numeric.
    /// </summary>
    public static async Task<ChainTable> ReadAsync(string path, IReadOnlyCollection<string>? columns = null, CancellationToken cancellationToken = default)
    {
        var reader = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var described = Describe(reader);
            var wanted = SelectColumns(path, described, columns);
            long rowCount = reader.RowGroups.Sum(g => g.RowCount);
            if (wanted.Count > 0 && rowCount > Array.MaxLength)
            {
                throw new ChainTableException(path, $"{rowCount} rows are more than one array can hold");
            }
            var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
            var nulls = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string name in wanted)
            {
                values[name] = new double[rowCount];
                nulls[name] = 0;
            }
            int offset = 0;
            for (int g = 0; wanted.Count > 0 && g < reader.RowGroupCount; g++)
            {
                var rowGroup = reader.OpenRowGroupReader(g);
                foreach (string name in wanted)
                {
                    var field = (DataField)reader.Schema.Fields.First(f => f.Name == name);
                    try
                    {
                        nulls[name] += await ReadIntoAsync(rowGroup, field, values[name], offset, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not ChainTableException)
                    {
                        throw new ChainTableException(path, $"cannot read column '{name}' in row group {g} ({e.Message})", e);
                    }
                }
                offset += (int)rowGroup.RowCount;
            }
            var result = described
                .Select(c => values.TryGetValue(c.Name, out double[]? v) ? c with { Values = v, NullCount = nulls[c.Name] } : c)
                .ToImmutableArray();
            return new ChainTable(path, rowCount, [.. reader.RowGroups.Select(g => g.RowCount)], result, Metadata(reader));
        }
    }

    /// <summary>Reads only the footer of <paramref name="path"/>: columns (with no values), row
    /// counts and metadata. Cheap for any file size.</summary>
    public static async Task<ChainTable> ReadSchemaAsync(string path, CancellationToken cancellationToken = default)
    {
        var reader = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            long rowCount = reader.RowGroups.Sum(g => g.RowCount);
            return new ChainTable(path, rowCount, [.. reader.RowGroups.Select(g => g.RowCount)], [.. Describe(reader)], Metadata(reader));
        }
    }

    private static async Task<ParquetReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new ChainTableException(path, "is a folder, not a Parquet file");
        if (!File.Exists(path)) throw new ChainTableException(path, "no such file");
        if (new FileInfo(path).Length == 0) throw new ChainTableException(path, "file is empty (0 bytes), not a Parquet file");
        try
        {
            return await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ChainTableException(path, $"not a Parquet file ({e.Message})", e);
        }
    }

    private static IReadOnlyDictionary<string, string> Metadata(ParquetReader reader) =>
        reader.CustomMetadata is { } metadata
            ? new Dictionary<string, string>(metadata, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static List<ChainTableColumn> Describe(ParquetReader reader) =>
        [.. reader.Schema.Fields.Select(field => field switch
        {
            DataField { IsArray: true } data => new ChainTableColumn(data.Name, "list", false, data.IsNullable, 0, null),
            DataField data => new ChainTableColumn(data.Name, TypeName(data.ClrType), IsNumeric(data.ClrType), data.IsNullable, 0, null),
            _ => new ChainTableColumn(field.Name, field.SchemaType.ToString().ToLowerInvariant(), false, false, 0, null),
        })];

    private static List<string> SelectColumns(string path, List<ChainTableColumn> described, IReadOnlyCollection<string>? columns)
    {
        if (columns is null) return [.. described.Where(c => c.IsNumeric).Select(c => c.Name)];
        var byName = described.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var wanted = new List<string>();
        foreach (string name in columns)
        {
            if (!byName.TryGetValue(name, out var column))
            {
                throw new ChainTableException(path, $"no column '{name}' (columns: {string.Join(", ", described.Select(c => c.Name))})");
            }
            if (!column.IsNumeric)
            {
                throw new ChainTableException(path, $"column '{name}' is not numeric ({column.TypeName})");
            }
            if (!wanted.Contains(name, StringComparer.Ordinal)) wanted.Add(name);
        }
        return wanted;
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(Half) || type == typeof(decimal) ||
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) ||
        type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte) ||
        type == typeof(bool);

    private static string TypeName(Type type) => type switch
    {
        _ when type == typeof(double) => "double",
        _ when type == typeof(float) => "float",
        _ when type == typeof(Half) => "float16",
        _ when type == typeof(decimal) => "decimal",
        _ when type == typeof(int) => "int32",
        _ when type == typeof(long) => "int64",
        _ when type == typeof(short) => "int16",
        _ when type == typeof(sbyte) => "int8",
        _ when type == typeof(uint) => "uint32",
        _ when type == typeof(ulong) => "uint64",
        _ when type == typeof(ushort) => "uint16",
        _ when type == typeof(byte) => "uint8",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => "string",
        _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => "binary",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "timestamp",
        _ when type == typeof(DateOnly) => "date",
        _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) => "time",
        _ when type == typeof(Guid) => "uuid",
        _ => type.Name.ToLowerInvariant(),
    };

    private static ValueTask<long> ReadIntoAsync(ParquetRowGroupReader rowGroup, DataField field, double[] target, int offset, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(double)) return ReadAsync<double>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(float)) return ReadAsync<float>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(Half)) return ReadAsync<Half>(rowGroup, field, target, offset, v => (double)v, cancellationToken);
        if (type == typeof(decimal)) return ReadAsync<decimal>(rowGroup, field, target, offset, v => (double)v, cancellationToken);
        if (type == typeof(int)) return ReadAsync<int>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(long)) return ReadAsync<long>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(short)) return ReadAsync<short>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(sbyte)) return ReadAsync<sbyte>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(uint)) return ReadAsync<uint>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(ulong)) return ReadAsync<ulong>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(ushort)) return ReadAsync<ushort>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(byte)) return ReadAsync<byte>(rowGroup, field, target, offset, v => v, cancellationToken);
        if (type == typeof(bool)) return ReadAsync<bool>(rowGroup, field, target, offset, v => v ? 1.0 : 0.0, cancellationToken);
        throw new InvalidOperationException($"column '{field.Name}' of type {type} is not numeric");
    }

    private static async ValueTask<long> ReadAsync<T>(
        ParquetRowGroupReader rowGroup, DataField field, double[] target, int offset, Func<T, double> convert, CancellationToken cancellationToken)
        where T : struct
    {
        int count = checked((int)rowGroup.RowCount);
        long nulls = 0;
        if (field.IsNullable)
        {
            var buffer = new T?[count];
            await rowGroup.ReadAsync<T>(field, buffer.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] is T value)
                {
                    target[offset + i] = convert(value);
                }
                else
                {
                    target[offset + i] = double.NaN;
                    nulls++;
                }
            }
        }
        else
        {
            var buffer = new T[count];
            await rowGroup.ReadAsync<T>(field, buffer.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < count; i++) target[offset + i] = convert(buffer[i]);
        }
        return nulls;
    }
}
