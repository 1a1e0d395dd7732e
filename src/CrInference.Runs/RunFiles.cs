using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrInference.Runs;

/// <summary>
/// Small file helpers shared by every run: paths as shown to the user, tolerant JSON reads (writes go
/// through <see cref="Storage.Parquet.AtomicFile"/>).
/// </summary>
public static class RunFiles
{
    /// <summary>A path as shown to the user: relative to the working folder when inside it.</summary>
    public static string Display(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>The JSON object in <paramref name="path"/>, or null when the file is missing or not a JSON object.</summary>
    public static JsonObject? TryReadJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
