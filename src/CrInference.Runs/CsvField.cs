namespace CrInference.Runs;

/// <summary>RFC 4180 quoting for the CSV tables the commands write (figure data, comparison tables).</summary>
internal static class CsvField
{
    /// <summary>The field as is, or in double quotes (inner quotes doubled) when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
