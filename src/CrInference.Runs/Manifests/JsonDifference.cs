using System.Globalization;
using System.Text.Json.Nodes;

namespace CrInference.Runs.Manifests;

/// <summary>Where two JSON trees differ, for the one-line refusals of a resume or of a rebuilt posterior.</summary>
public static class JsonDifference
{
    /// <summary>
    /// The key path and values of the first difference between <paramref name="a"/> and <paramref name="b"/>
    /// (e.g. <c>params.x2.max: 100 -> 50</c>), or null. The subtree at <paramref name="ignore"/> is skipped;
    /// numbers that print differently but are equal (1 and 1.0) are not differences.
    /// </summary>
    public static string? First(JsonNode? a, JsonNode? b, string path = "", string? ignore = null)
    {
        if (path == ignore) return null;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (string key in oa.Select(kv => kv.Key).Union(ob.Select(kv => kv.Key)))
            {
                string child = path.Length == 0 ? key : $"{path}.{key}";
                if (!oa.ContainsKey(key)) return $"{child}: added";
                if (!ob.ContainsKey(key)) return $"{child}: removed";
                string? d = First(oa[key], ob[key], child, ignore);
                if (d is not null) return d;
            }
            return null;
        }
        string ta = a?.ToJsonString() ?? "null", tb = b?.ToJsonString() ?? "null";
        if (ta == tb) return null;
        if (double.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) &&
            double.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out double y) && x == y) return null;
        return $"{(path.Length == 0 ? "(root)" : path)}: {ta} -> {tb}";
    }

    /// <summary>A <c>sha256:…</c> hash shortened for messages (19 characters and an ellipsis); <c>none</c> for null.</summary>
    public static string Short(string? hash) => hash is null ? "none" : hash.Length > 19 ? hash[..19] + "…" : hash;
}
