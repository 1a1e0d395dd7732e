using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrInference.Cli.Runs;

/// <summary>
/// Small file helpers shared by the run commands (<c>fit</c>, <c>evidence</c>, <c>compare</c>):
/// atomic text writes, paths as shown to the user, tolerant JSON reads.
/// </summary>
public static class RunFiles
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <c>path.tmp</c> and renames it over
    /// <paramref name="path"/>, so readers see the old or the complete new file. With
    /// <paramref name="durable"/> the bytes are flushed to disk (fsync) before the rename, so that the
    /// file also survives a power cut (checkpoints); without, a crash of the process alone cannot tear it.
    /// </summary>
    public static void WriteAtomically(string path, string text, bool durable = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        string temporary = path + ".tmp";
        if (durable)
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
        }
        else
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
        }
        File.Move(temporary, path, overwrite: true);
    }

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
