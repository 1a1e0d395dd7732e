using CrInference.Config.Yaml;

namespace CrInference.Config;

/// <summary>
/// A parameter-values file for <c>crinf predict --params</c>: a YAML mapping of parameter names to
/// numbers, plus an optional <c>options:</c> mapping of model options to strings. Names are checked
/// against the model by the caller; this reader checks the shape and reports file:line:key errors.
/// </summary>
public sealed record ParameterValuesFile(IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, string> Options)
{
    public static ParameterValuesFile Parse(string path)
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
            else
            {
                values[key] = value.AsNumber();
            }
        }
        return new ParameterValuesFile(values, options);
    }
}
