namespace CrInference.Storage.Parquet;

/// <summary>
/// A chain file or run folder that cannot be read or written as asked. The message is one line
/// that starts with the file (or folder) name, e.g. <c>results/x/chains.parquet: no column 'z'
/// (columns: a, b)</c>, so a command can print it after <c>error: </c> unchanged.
/// </summary>
public sealed class ChainTableException : Exception
{
    /// <summary>An error about <paramref name="path"/>.</summary>
    public ChainTableException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>An error about <paramref name="path"/> caused by <paramref name="inner"/>.</summary>
    public ChainTableException(string path, string problem, Exception inner)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file or folder concerned.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
