using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CrInference.Config.Pipelines;

/// <summary>
/// Applies a pipeline's <c>datasets</c> override to a prior file's text. Only the top-level
/// <c>datasets</c> entry changes (it becomes one flow-style line, <c>datasets: [a, b]</c>); every other
/// byte, comments included, is kept, so the effective prior file reads like the original and a
/// prior file without an override is copied unchanged.
/// </summary>
public static class PriorFileRewriter
{
    /// <summary>
    /// <paramref name="text"/> (a prior file named <paramref name="path"/> in errors) with its top-level
    /// <c>datasets</c> entry replaced by <paramref name="datasets"/>; appended when absent.
    /// </summary>
    public static string ReplaceDatasets(string path, string text, IReadOnlyList<string> datasets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(datasets);
        _ = Yaml.YamlReader.ParseMapping(path, text); // reports syntax errors with file, line and key
        string replacement = $"datasets: [{string.Join(", ", datasets)}]";
        if (FindEntry(text, "datasets") is var (start, end))
        {
            return string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
        }
        string separator = text.Length == 0 || text.EndsWith('\n') ? "" : "\n";
        return text + separator + replacement + "\n";
    }

    /// <summary>
    /// The character span of the top-level entry <paramref name="key"/> (from the key to the last
    /// character of its value), or null. Found from the parser's events: YamlDotNet's representation
    /// model does not keep where a collection ends. A flow collection ends after its closing bracket; a
    /// block collection ends with its last scalar (its end event points at the next key).
    /// </summary>
    private static (int Start, int End)? FindEntry(string text, string key)
    {
        var parser = new Parser(new StringReader(text));
        parser.MoveNext();
        while (parser.Current is StreamStart or DocumentStart) parser.MoveNext();
        if (parser.Current is not MappingStart) return null;
        parser.MoveNext();
        while (parser.Current is Scalar name)
        {
            int start = (int)name.Start.Index;
            parser.MoveNext();
            int end = SkipNode(parser, text, (int)name.End.Index);
            if (name.Value == key) return (start, end);
        }
        return null;
    }

    /// <summary>Moves <paramref name="parser"/> past one node; returns the index after its last character.</summary>
    private static int SkipNode(Parser parser, string text, int end)
    {
        var first = parser.Current!;
        parser.MoveNext();
        if (first is not (MappingStart or SequenceStart)) return Math.Max(end, (int)first.End.Index);
        while (parser.Current is not (MappingEnd or SequenceEnd or null)) end = SkipNode(parser, text, end);
        int close = (int)parser.Current!.Start.Index;
        parser.MoveNext();
        return close < text.Length && text[close] is ']' or '}' ? Math.Max(end, close + 1) : end;
    }
}
