namespace CrInference.Config;

/// <summary>
/// A user input file that cannot be used as written. <see cref="Exception.Message"/> is one line,
/// <c>&lt;file&gt;:&lt;line&gt;: &lt;key path&gt;: &lt;what is wrong&gt;</c>, e.g.
/// <c>priors/x.yaml:7: params.warm_n_cm3.max: min (2) must be &lt; max (0.5)</c>, which a command
/// prints after <c>error: </c> unchanged (and exits with code 2). Lines are 1-based. Errors about
/// the file as a whole (missing, empty) use line 1 and the key path <c>(file)</c>; errors in the
/// YAML syntax use the key path reached when the parser stopped, or <c>(root)</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>An error in <paramref name="file"/> at <paramref name="line"/> under <paramref name="keyPath"/>.</summary>
    public ConfigException(string file, int line, string keyPath, string problem)
        : base(Format(file, line, keyPath, problem))
    {
        File = file;
        Line = line;
        KeyPath = keyPath;
        Problem = problem;
    }

    /// <summary>As above, caused by <paramref name="inner"/>.</summary>
    public ConfigException(string file, int line, string keyPath, string problem, Exception inner)
        : base(Format(file, line, keyPath, problem), inner)
    {
        File = file;
        Line = line;
        KeyPath = keyPath;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending key or value.</summary>
    public int Line { get; }

    /// <summary>Dotted key path, e.g. <c>params.warm_n_cm3.max</c> or <c>datasets[1]</c>.</summary>
    public string KeyPath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string keyPath, string problem) =>
        $"{file}:{line}: {(keyPath.Length == 0 ? "(root)" : keyPath)}: {OneLine(problem)}";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
