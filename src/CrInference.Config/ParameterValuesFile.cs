using CrInference.Config.Yaml;

namespace CrInference.Config;

/// <summary>
/// A parameter-values file for <c>crinf predict --params</c>: a YAML mapping of parameter names to
/// numbers, plus an optional <c>options:</c> mapping of model options to strings. This reader checks the shape, and
/// the parameter names against <c>knownNames</c> when given, and reports file:line:key errors; option names and
/// values are checked by the caller.
/// </summary>
public sealed record ParameterValuesFile(IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Reads <paramref name="path"/>; a parameter not in <paramref name="knownNames"/> (when given) is an error that
    /// names <paramref name="owner"/> (e.g. <c>model 'two-phase'</c>).</summary>
    public static ParameterValuesFile Parse(string path, IReadOnlyCollection<string>? knownNames = null, string owner = "the model")
    {
        var root = YamlReader.LoadMapping(path);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries)
        {
            if (key == "options")
            {
                foreach (var (option, text) in value.AsMapping().Entries) options[option] = text.AsString();
            }
            else if (knownNames is not null && !knownNames.Contains(key))
            {
                throw root.ErrorAt(key, $"{owner} has no parameter '{key}' (known: {string.Join(", ", knownNames)})");
            }
            else
            {
                values[key] = value.AsNumber();
            }
        }
        return new ParameterValuesFile(values, options);
    }
}
