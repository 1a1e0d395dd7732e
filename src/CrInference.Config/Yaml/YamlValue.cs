using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrInference.Config.Yaml;

/// <summary>
/// One YAML node with the file and key path it came from; converts itself to a typed value or
/// fails with a <see cref="ConfigException"/> at its own line. Typing follows the YAML 1.2 core
/// schema for plain (unquoted) scalars only: <c>1.5</c> is a number, <c>'1.5'</c> is a string;
/// <c>~</c>, <c>null</c> and an empty value are null.
/// </summary>
public sealed partial class YamlValue
{
    /// <summary>A node read from <paramref name="file"/> at <paramref name="path"/>; <paramref name="keyLine"/>
    /// is the line of the key it is the value of (0 for list items and the root).</summary>
    public YamlValue(string file, string path, YamlNode node, int keyLine = 0)
    {
        File = file;
        Path = path;
        Node = node;
        _keyLine = keyLine;
    }

    private readonly int _keyLine;

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Key path, e.g. <c>sampler.walkers</c> or <c>datasets[0]</c>.</summary>
    public string Path { get; }

    /// <summary>The underlying node.</summary>
    public YamlNode Node { get; }

    /// <summary>1-based line errors about this value point at: where a scalar starts, or the line
    /// of the key that holds a mapping or list (a block collection starts on the next line).</summary>
    public int Line => Node is not YamlScalarNode && _keyLine > 0 ? _keyLine : Math.Max(1, (int)Node.Start.Line);

    /// <summary>Whether the node is a YAML null (<c>~</c>, <c>null</c> or nothing).</summary>
    public bool IsNull => Node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Whether the node is a mapping.</summary>
    public bool IsMapping => Node is YamlMappingNode;

    /// <summary>Whether the node is a plain scalar that reads as a number (finite or not).</summary>
    public bool IsNumber => Node is YamlScalarNode { Style: ScalarStyle.Plain } s && s.Value is not null && (NumberPattern().IsMatch(s.Value) || SpecialFloatPattern().IsMatch(s.Value));

    /// <summary>An error at this node's line and key path.</summary>
    public ConfigException Error(string problem) => new(File, Line, Path, problem);

    /// <summary>The node as a string (any non-null scalar, quoted or not).</summary>
    public string AsString()
    {
        if (Node is YamlScalarNode scalar && !IsNull) return scalar.Value ?? "";
        throw Error(IsNull ? "missing value (expected a string)" : $"expected a string, got {Describe(Node)}");
    }

    /// <summary>The node as a finite double (plain decimal or scientific notation).</summary>
    public double AsNumber()
    {
        if (Node is YamlScalarNode scalar && !IsNull)
        {
            string text = scalar.Value ?? "";
            if (scalar.Style is not ScalarStyle.Plain)
            {
                throw Error($"expected a number, got the string '{text}' (remove the quotes)");
            }
            if (SpecialFloatPattern().IsMatch(text)) throw Error($"must be a finite number (got {text})");
            if (NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                return value;
            }
            throw Error($"expected a number, got '{text}'");
        }
        throw Error(IsNull ? "missing value (expected a number)" : $"expected a number, got {Describe(Node)}");
    }

    /// <summary>The node as an integer in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public long AsInteger(long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        string text = IntegerText();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < minimum || value > maximum)
        {
            throw Error($"must be an integer {RangeText(minimum, maximum)} (got {text})");
        }
        return value;
    }

    /// <summary>The node as an unsigned 64-bit integer (e.g. a seed).</summary>
    public ulong AsUInt64()
    {
        string text = IntegerText();
        if (!ulong.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ulong value))
        {
            throw Error($"must be an integer from 0 to {ulong.MaxValue} (got {text})");
        }
        return value;
    }

    /// <summary>The node as a boolean (plain <c>true</c>/<c>false</c>).</summary>
    public bool AsBoolean()
    {
        if (Node is YamlScalarNode { Style: ScalarStyle.Plain } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }
        throw Error(IsNull ? "missing value (expected true or false)" : $"expected true or false, got {Describe(Node)}");
    }

    /// <summary>The node as a mapping.</summary>
    public YamlMap AsMapping() =>
        Node is YamlMappingNode mapping
            ? new YamlMap(File, Path, mapping, Line)
            : throw Error(IsNull ? "missing value (expected a mapping of keys)" : $"expected a mapping of keys, got {Describe(Node)}");

    /// <summary>The node as a list (block or flow sequence); items carry paths <c>key[i]</c>.</summary>
    public IReadOnlyList<YamlValue> AsSequence() =>
        Node is YamlSequenceNode sequence
            ? [.. sequence.Children.Select((child, i) => new YamlValue(File, $"{Path}[{i}]", child))]
            : throw Error(IsNull ? "missing value (expected a list)" : $"expected a list such as [a, b], got {Describe(Node)}");

    /// <summary>A short description of a node for error messages: "a mapping", "a list", "the string 'x'", "'x'".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s => $"'{s.Value}'",
        YamlScalarNode s => $"the string '{s.Value}'",
        _ => "an unsupported node",
    };

    private string IntegerText()
    {
        if (Node is YamlScalarNode scalar && !IsNull)
        {
            string text = scalar.Value ?? "";
            if (scalar.Style is not ScalarStyle.Plain) throw Error($"expected an integer, got the string '{text}' (remove the quotes)");
            if (!IntegerPattern().IsMatch(text)) throw Error($"expected an integer, got '{text}'");
            return text;
        }
        throw Error(IsNull ? "missing value (expected an integer)" : $"expected an integer, got {Describe(Node)}");
    }

    private static string RangeText(long minimum, long maximum) => (minimum, maximum) switch
    {
        (long.MinValue, long.MaxValue) => "",
        (_, long.MaxValue) => $">= {minimum}",
        (long.MinValue, _) => $"<= {maximum}",
        _ => $"from {minimum} to {maximum}",
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialFloatPattern();
}
