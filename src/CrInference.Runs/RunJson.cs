using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrInference.Runs;

/// <summary>JSON output conventions: indented, invariant, non-finite numbers written as strings.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A JSON number, or the string "Infinity"/"-Infinity"/"NaN" when not finite.</summary>
    public static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static void Write(string path, JsonNode node) => File.WriteAllText(path, Serialize(node) + "\n");
}
