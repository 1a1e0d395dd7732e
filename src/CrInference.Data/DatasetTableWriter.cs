using System.Globalization;

namespace CrInference.Data;

/// <summary>
/// Writes a dataset's table with its measured values replaced (mock data): the header and every other field are
/// the text read from the source file, unchanged; each value is printed in shortest round-trip form, so reading the
/// written table back (<see cref="DatasetCatalog.WithDataDirectory"/>) gives exactly the same numbers. The caller
/// owns the output (write it atomically).
/// </summary>
public static class DatasetTableWriter
{
    /// <summary>Writes <paramref name="source"/> with value i of the table replaced by <paramref name="values"/>[i]
    /// (one per row of the table, cut or not) to <paramref name="output"/>, lines ending in <c>\n</c>.</summary>
    public static void Write(Dataset source, IReadOnlyList<double> values, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(output);
        var table = source.Table;
        if (values.Count != table.Rows.Length)
        {
            throw new ArgumentException($"dataset {source.Id}: {values.Count} values for {table.Rows.Length} rows");
        }
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"dataset {source.Id}: value of row {i + 1} is not finite ({values[i]})");
        }
        output.Write(string.Join(",", table.Header));
        output.Write('\n');
        for (int i = 0; i < table.Rows.Length; i++)
        {
            var row = table.Rows[i];
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) output.Write(',');
                output.Write(c == table.ValueColumn ? values[i].ToString("R", CultureInfo.InvariantCulture) : row[c]);
            }
            output.Write('\n');
        }
    }
}
