namespace CrInference.Plotting;

/// <summary>
/// A plot request that cannot be honoured because of its input: a requested column that does not
/// exist or is not numeric, an empty table, an unsupported output format. The message is one line
/// that names the file (or table) and the column, so the CLI can print it after <c>error: </c> and
/// exit with code 2.
/// </summary>
public sealed class PlotInputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public PlotInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the error that caused it.</summary>
    public PlotInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PlotInputException()
        : base("invalid plot input")
    {
    }

    internal static PlotInputException MissingColumn(string source, string column, IEnumerable<string> available) =>
        new($"{source}: column '{column}' not found (columns: {string.Join(", ", available)})");

    internal static PlotInputException NonNumericColumn(string source, string column, string typeName) =>
        new($"{source}: column '{column}' is not numeric ({typeName})");

    internal static PlotInputException EmptyTable(string source, string why) =>
        new($"{source}: {why}");
}
