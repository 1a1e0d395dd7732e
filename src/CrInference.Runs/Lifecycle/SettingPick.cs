using System.Text.Json.Nodes;

namespace CrInference.Runs.Lifecycle;

/// <summary>How a run setting is resolved, shared by <c>fit</c> and <c>evidence</c>: the command line, else (resuming)
/// the value the original run took from its command line, else the prior file, else the default.</summary>
internal static class SettingPick
{
    /// <summary>The resolved value; a command-line or carried-over value is recorded in <paramref name="overrides"/>
    /// under <paramref name="key"/> (the manifest's <c>command_line_overrides</c>), so a resumed run keeps it.</summary>
    public static T Pick<T>(T? cli, JsonObject? inherited, string key, Func<JsonValue, T> read, Func<T, JsonNode> write, T? file, T fallback, JsonObject overrides)
        where T : struct
    {
        if (cli is { } given)
        {
            overrides[key] = write(given);
            return given;
        }
        if (inherited?[key] is JsonValue value)
        {
            T carried = read(value);
            overrides[key] = write(carried);
            return carried;
        }
        return file ?? fallback;
    }
}
