using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CrInference.Config.Yaml;

/// <summary>
/// Loads one YAML input file (a prior file, a pipeline file) into YamlDotNet's representation
/// model and hands back its root mapping as a <see cref="YamlMap"/>, through which every read
/// is typed and every error is a <see cref="ConfigException"/> with file, line and key path.
/// Nothing is instantiated from YAML tags. Before building the model, one pass over the parser
/// events finds duplicate keys (reported with their full key path and the first occurrence) and
/// syntax errors (reported with the line YamlDotNet gives and the key path reached). Input files are
/// hand-written and small: a file over <see cref="MaxFileBytes"/> is refused before it is read, and aliases
/// that would expand to more than <see cref="MaxExpandedNodes"/> nodes (a "billion laughs" alias bomb) are
/// refused during that first pass, before anything is built.
/// </summary>
public static class YamlReader
{
    /// <summary>Largest input file read: 1 MiB (the shipped prior and pipeline files are 1–5 kB).</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Most nodes a document may hold once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>Reads <paramref name="path"/> (named in errors exactly as given) and returns its root mapping.</summary>
    public static YamlMap LoadMapping(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            if (Directory.Exists(path)) throw new ConfigException(path, 1, "(file)", "is a folder, not a YAML file");
            long bytes = new FileInfo(path).Length;
            if (bytes > MaxFileBytes)
            {
                throw new ConfigException(path, 1, "(file)", $"file is {bytes} bytes; input files are limited to {MaxFileBytes} bytes (1 MiB)");
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, 1, "(file)", "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 1, "(file)", $"cannot read the file ({e.Message})", e);
        }
        return ParseMapping(path, text);
    }

    /// <summary>Parses <paramref name="text"/> as if read from <paramref name="path"/>.</summary>
    public static YamlMap ParseMapping(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckEvents(path, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(path, Math.Max(1, (int)e.Start.Line), "(root)", $"invalid YAML: {e.Message}", e);
        }
        if (stream.Documents.Count == 0)
        {
            throw new ConfigException(path, 1, "(file)", "file is empty (no YAML document)");
        }
        if (stream.Documents.Count > 1)
        {
            throw new ConfigException(path, (int)stream.Documents[1].RootNode.Start.Line, "(file)", "holds more than one YAML document (remove the '---' separator)");
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            throw new ConfigException(path, (int)root.Start.Line, "", $"expected a mapping of keys at the top level, got {YamlValue.Describe(root)}");
        }
        return new YamlMap(path, "", mapping);
    }

    private sealed class Frame(string path, bool isMapping, string? anchor, long firstNode)
    {
        public string Path { get; } = path;
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public long FirstNode { get; } = firstNode;
        public Dictionary<string, long> Keys { get; } = new(StringComparer.Ordinal);
        public string? PendingKey { get; set; }
        public int Index { get; set; }
    }

    private static void CheckEvents(string path, string text)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current;
                nodes += current switch
                {
                    AnchorAlias alias => anchors.GetValueOrDefault(alias.Value.Value, 1),
                    NodeEvent => 1,
                    _ => 0,
                };
                if (nodes > MaxExpandedNodes)
                {
                    throw new ConfigException(path, (int)current.Start.Line, ChildPath(stack), $"aliases expand the document to more than {MaxExpandedNodes} nodes (an alias bomb?); write the values out");
                }
                switch (current)
                {
                    case DocumentStart:
                        stack.Clear();
                        break;
                    case MappingStart start:
                        stack.Push(new Frame(ChildPath(stack), isMapping: true, AnchorOf(start), nodes));
                        break;
                    case SequenceStart start:
                        stack.Push(new Frame(ChildPath(stack), isMapping: false, AnchorOf(start), nodes));
                        break;
                    case MappingEnd or SequenceEnd:
                        var closed = stack.Pop();
                        if (closed.Anchor is { } name) anchors[name] = nodes - closed.FirstNode + 1;
                        Advance(stack);
                        break;
                    case Scalar scalar when stack.TryPeek(out var frame) && frame.IsMapping && frame.PendingKey is null:
                        if (frame.Keys.TryGetValue(scalar.Value, out long firstLine))
                        {
                            throw new ConfigException(path, (int)scalar.Start.Line, Join(frame.Path, scalar.Value), $"duplicate key (first given on line {firstLine})");
                        }
                        frame.Keys.Add(scalar.Value, scalar.Start.Line);
                        frame.PendingKey = scalar.Value;
                        break;
                    case AnchorAlias alias when stack.TryPeek(out var frame) && frame.IsMapping && frame.PendingKey is null:
                        throw new ConfigException(path, (int)alias.Start.Line, frame.Path, "a key must be a plain name, not an alias");
                    case Scalar or AnchorAlias:
                        if (current is Scalar { Anchor.IsEmpty: false } anchored) anchors[anchored.Anchor.Value] = 1;
                        Advance(stack);
                        break;
                }
                if (current is MappingStart or SequenceStart && stack.Count >= 2)
                {
                    var parent = stack.ElementAt(1);
                    if (parent.IsMapping && parent.PendingKey is null)
                    {
                        throw new ConfigException(path, (int)current.Start.Line, parent.Path, "a key must be a plain name, not a mapping or a list");
                    }
                }
            }
        }
        catch (YamlException e)
        {
            string at = stack.TryPeek(out var frame) ? (frame.IsMapping && frame.PendingKey is not null ? Join(frame.Path, frame.PendingKey) : frame.Path) : "";
            throw new ConfigException(path, Math.Max(1, (int)e.Start.Line), at, $"invalid YAML: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18.1 gives up this way on some unterminated flow collections.
            string at = stack.TryPeek(out var frame) ? frame.Path : "";
            throw new ConfigException(path, Math.Max(1, (int)(last?.End.Line ?? 1)), at, "invalid YAML after this point (check for an unclosed '[', '{' or quote)", e);
        }
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static string ChildPath(Stack<Frame> stack)
    {
        if (!stack.TryPeek(out var parent)) return "";
        return parent.IsMapping
            ? (parent.PendingKey is null ? parent.Path : Join(parent.Path, parent.PendingKey))
            : $"{parent.Path}[{parent.Index}]";
    }

    private static void Advance(Stack<Frame> stack)
    {
        if (!stack.TryPeek(out var frame)) return;
        if (frame.IsMapping) frame.PendingKey = null;
        else frame.Index++;
    }

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
