namespace CrInference.Storage.Parquet;

/// <summary>
/// One top-level column of a Parquet file as read by <see cref="ChainTableReader"/>.
/// </summary>
/// <param name="Name">Column name.</param>
/// <param name="TypeName">Type as stored: <c>int8</c>…<c>int64</c>, <c>uint8</c>…<c>uint64</c>,
/// <c>float16</c>, <c>float</c>, <c>double</c>, <c>decimal</c>, <c>boolean</c> (numeric), or
/// <c>string</c>, <c>binary</c>, <c>timestamp</c>, <c>date</c>, <c>time</c>, <c>interval</c>,
/// <c>uuid</c>, <c>list</c>, <c>struct</c>, <c>map</c> (not numeric).</param>
/// <param name="IsNumeric">Whether the column converts to doubles.</param>
/// <param name="IsNullable">Whether the schema allows nulls (OPTIONAL).</param>
/// <param name="NullCount">Nulls met while reading (each became NaN); 0 when not read.</param>
/// <param name="Values">The values as doubles (one per row; null → NaN, boolean → 0/1,
/// int64/decimal rounded to the nearest double), or null where the column was not read.
/// The array belongs to the caller.</param>
public sealed record ChainTableColumn(
    string Name,
    string TypeName,
    bool IsNumeric,
    bool IsNullable,
    long NullCount,
    double[]? Values);
