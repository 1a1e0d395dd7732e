using CrInference.Config.PriorFiles;
using CrInference.Config.Yaml;

namespace CrInference.Config;

/// <summary>
/// Points errors found after parsing (when the posterior is built, when sampler settings are resolved)
/// at the line of the prior file they concern: <see cref="Error"/> reads the file again (or uses the YAML
/// given) and follows a key path such as <c>problem.sigma</c>, <c>likelihood.cuts.ams02-p-2015</c> or
/// <c>datasets[1]</c> as far as it exists (line 1 when the file cannot be read).
/// </summary>
public static class PriorFileLocation
{
    /// <summary>A <see cref="ConfigException"/> at <paramref name="keyPath"/> of <paramref name="spec"/>'s file.</summary>
    public static ConfigException Error(PriorFileSpec spec, string keyPath, string problem, YamlMap? root = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(keyPath);
        root ??= File.Exists(spec.SourcePath) ? TryLoad(spec.SourcePath) : null;
        return new ConfigException(spec.SourcePath, root is null ? 1 : LineOf(root, keyPath), keyPath, problem);
    }

    /// <summary>The line of the deepest existing key along <paramref name="keyPath"/> (1 if none).</summary>
    public static int LineOf(YamlMap root, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(keyPath);
        try
        {
            YamlMap? map = root;
            int line = 1;
            foreach (string part in keyPath.Split('.'))
            {
                if (map is null) break;
                int bracket = part.IndexOf('[', StringComparison.Ordinal);
                string key = bracket >= 0 ? part[..bracket] : part;
                if (!map.Contains(key)) break;
                line = map.KeyLine(key);
                var value = map.Find(key)!;
                if (bracket >= 0)
                {
                    if (int.TryParse(part[(bracket + 1)..^1], out int index) && value.Node is YamlDotNet.RepresentationModel.YamlSequenceNode)
                    {
                        var items = value.AsSequence();
                        if (index < items.Count) line = items[index].Line;
                    }
                    break;
                }
                map = value.IsMapping ? value.AsMapping() : null;
            }
            return line;
        }
        catch (ConfigException)
        {
            return 1;
        }
    }

    private static YamlMap? TryLoad(string path)
    {
        try
        {
            return YamlReader.LoadMapping(path);
        }
        catch (ConfigException)
        {
            return null;
        }
    }
}
