using YamlDotNet.RepresentationModel;

namespace CrInference.Config.Yaml;

/// <summary>
/// A YAML mapping with the file and key path it came from: typed accessors for its keys and
/// errors that name file, line and key path. Missing required keys are reported at the
/// mapping's first line with the full path of the missing key.
/// </summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, (YamlValue Value, int KeyLine)> _entries;

    /// <summary>The mapping <paramref name="node"/> at <paramref name="path"/> of <paramref name="file"/>;
    /// <paramref name="line"/> is where errors about the mapping as a whole point (its key's line;
    /// 0 for the node's own start).</summary>
    public YamlMap(string file, string path, YamlMappingNode node, int line = 0)
    {
        File = file;
        Path = path;
        Node = node;
        Line = line > 0 ? line : Math.Max(1, (int)node.Start.Line);
        _entries = new Dictionary<string, (YamlValue, int)>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in node.Children)
        {
            int keyLine = Math.Max(1, (int)key.Start.Line);
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new ConfigException(file, keyLine, path, "a key must be a plain name, not a mapping or a list");
            }
            if (!_entries.TryAdd(name, (new YamlValue(file, YamlReader.Join(path, name), value, keyLine), keyLine)))
            {
                throw new ConfigException(file, keyLine, YamlReader.Join(path, name), "duplicate key");
            }
            keys.Add(name);
        }
        Keys = keys;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Key path of this mapping ("" for the document root).</summary>
    public string Path { get; }

    /// <summary>The underlying node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>1-based line errors about the whole mapping point at: the line of the key that
    /// holds it, or where it starts (the document root).</summary>
    public int Line { get; }

    /// <summary>Keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Key path of child <paramref name="key"/>.</summary>
    public string PathOf(string key) => YamlReader.Join(Path, key);

    /// <summary>Whether <paramref name="key"/> is present (even with a null value).</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>1-based line of <paramref name="key"/> itself (the mapping's line if absent).</summary>
    public int KeyLine(string key) => _entries.TryGetValue(key, out var entry) ? entry.KeyLine : Line;

    /// <summary>Throws at the first key not in <paramref name="allowed"/>, listing the allowed keys.</summary>
    public void AllowedKeys(params IReadOnlyCollection<string> allowed)
    {
        foreach (string key in Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ConfigException(File, KeyLine(key), PathOf(key), $"unknown key (allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlValue? Find(string key) =>
        _entries.TryGetValue(key, out var entry) && !entry.Value.IsNull ? entry.Value : null;

    /// <summary>The value of <paramref name="key"/>; throws "missing" (with <paramref name="hint"/>) when absent or null.</summary>
    public YamlValue Require(string key, string? hint = null)
    {
        if (Find(key) is { } value) return value;
        int line = _entries.TryGetValue(key, out var entry) ? entry.KeyLine : Line;
        throw new ConfigException(File, line, PathOf(key), hint is null ? "missing (required)" : $"missing ({hint})");
    }

    /// <summary>An error at <paramref name="key"/>'s value (or at this mapping when absent).</summary>
    public ConfigException ErrorAt(string key, string problem) =>
        _entries.TryGetValue(key, out var entry) ? entry.Value.Error(problem) : new ConfigException(File, Line, PathOf(key), problem);

    /// <summary>An error at this mapping's first line and path.</summary>
    public ConfigException Error(string problem) => new(File, Line, Path, problem);

    /// <summary>Required mapping under <paramref name="key"/>.</summary>
    public YamlMap RequireMapping(string key, string? hint = null) => Require(key, hint).AsMapping();

    /// <summary>Optional mapping under <paramref name="key"/>.</summary>
    public YamlMap? OptionalMapping(string key) => Find(key)?.AsMapping();

    /// <summary>Required string under <paramref name="key"/>.</summary>
    public string RequireString(string key, string? hint = null) => Require(key, hint).AsString();

    /// <summary>Optional string under <paramref name="key"/>.</summary>
    public string? OptionalString(string key) => Find(key)?.AsString();

    /// <summary>Required finite number under <paramref name="key"/>.</summary>
    public double RequireNumber(string key, string? hint = null) => Require(key, hint).AsNumber();

    /// <summary>Optional finite number under <paramref name="key"/>.</summary>
    public double? OptionalNumber(string key) => Find(key)?.AsNumber();

    /// <summary>Optional integer in [<paramref name="minimum"/>, <paramref name="maximum"/>] under <paramref name="key"/>.</summary>
    public long? OptionalInteger(string key, long minimum = long.MinValue, long maximum = long.MaxValue) =>
        Find(key)?.AsInteger(minimum, maximum);

    /// <summary>Optional unsigned 64-bit integer under <paramref name="key"/>.</summary>
    public ulong? OptionalUInt64(string key) => Find(key)?.AsUInt64();

    /// <summary>Optional boolean under <paramref name="key"/>.</summary>
    public bool? OptionalBoolean(string key) => Find(key)?.AsBoolean();

    /// <summary>Optional list under <paramref name="key"/>.</summary>
    public IReadOnlyList<YamlValue>? OptionalSequence(string key) => Find(key)?.AsSequence();

    /// <summary>Required list under <paramref name="key"/>.</summary>
    public IReadOnlyList<YamlValue> RequireSequence(string key, string? hint = null) => Require(key, hint).AsSequence();

    /// <summary>Entries in file order, as (key, value) with value paths set.</summary>
    public IEnumerable<(string Key, YamlValue Value)> Entries => Keys.Select(k => (k, _entries[k].Value));
}
