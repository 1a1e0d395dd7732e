using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Calibration;

/// <summary>
/// One file per finished replicate, <c>replicates/r&lt;index&gt;.json</c>, written atomically when the replicate ends:
/// a calibration run resumes by skipping the replicates whose file exists (a replicate stopped mid-way has none
/// and runs again from its start, with the same key, hence the same result). Each file carries the run's identity
/// hash, so replicates of another configuration are never mixed in. No timing is stored: the files, and everything
/// made from them, are the same bytes for any <c>--jobs</c> and any interruption.
/// </summary>
public static class ReplicateFiles
{
    /// <summary>Value of the files' <c>format</c> key.</summary>
    public const string Format = "crinference-calibration-replicate/1";

    /// <summary>The folder of the replicate files in a run folder.</summary>
    public const string FolderName = "replicates";

    /// <summary>Path of replicate <paramref name="index"/>'s file.</summary>
    public static string PathOf(string runDirectory, int index) =>
        Path.Combine(runDirectory, FolderName, string.Create(CultureInfo.InvariantCulture, $"r{index:D6}.json"));

    /// <summary>Writes <paramref name="outcome"/> atomically.</summary>
    public static void Write(string runDirectory, ReplicateOutcome outcome, string identityHash)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Directory.CreateDirectory(Path.Combine(runDirectory, FolderName));
        var parameters = new JsonArray();
        foreach (var p in outcome.Parameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["true_value"] = RunJson.Number(p.TrueValue),
                ["true_sampled"] = RunJson.Number(p.TrueSampled),
                ["rank"] = p.Rank,
                ["draws"] = p.Draws,
                ["cdf"] = RunJson.Number(p.Cdf),
                ["mean_sampled"] = RunJson.Number(p.MeanSampled),
                ["sd_sampled"] = RunJson.Number(p.SdSampled),
            });
        }
        var root = new JsonObject
        {
            ["format"] = Format,
            ["identity_hash"] = identityHash,
            ["replicate"] = outcome.Index,
            ["truth_index"] = outcome.TruthIndex,
            ["truth_redraws"] = outcome.TruthRedraws,
            ["parameters"] = parameters,
            ["sampler"] = new JsonObject([.. outcome.Numbers.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))]),
        };
        AtomicFile.WriteAllText(PathOf(runDirectory, outcome.Index), RunJson.Serialize(root) + "\n");
    }

    /// <summary>Replicate <paramref name="index"/>'s outcome, or null when it has no file yet. A file of another run
    /// (identity) or one that cannot be read is a user error naming it: it is never silently replaced.</summary>
    public static ReplicateOutcome? TryRead(string runDirectory, int index, string identityHash)
    {
        string path = PathOf(runDirectory, index);
        if (!File.Exists(path)) return null;
        string shown = RunFiles.Display(path);
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
            if ((string?)root["format"] != Format) throw new JsonException($"format is not {Format}");
            if ((string?)root["identity_hash"] != identityHash)
            {
                throw new UserInputException($"{shown} belongs to a calibration run with another configuration (identity hash); move it away or use another --out");
            }
            var parameters = ((JsonArray)root["parameters"]!).Select(n => new ParameterOutcome(
                (string)n!["name"]!, Number(n["true_value"]), Number(n["true_sampled"]), (int)n["rank"]!, (int)n["draws"]!,
                Number(n["cdf"]), Number(n["mean_sampled"]), Number(n["sd_sampled"]))).ToImmutableArray();
            var numbers = ((JsonObject)root["sampler"]!).ToDictionary(kv => kv.Key, kv => Number(kv.Value), StringComparer.Ordinal);
            if ((int)root["replicate"]! != index) throw new JsonException($"it holds replicate {(int)root["replicate"]!}");
            return new ReplicateOutcome(index, (int)root["truth_index"]!, (int)root["truth_redraws"]!, parameters, numbers);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or InvalidCastException or FormatException)
        {
            throw new UserInputException($"{shown}: not a readable replicate file ({e.Message}); delete it to run the replicate again");
        }
    }

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? text)
        ? double.Parse(text, CultureInfo.InvariantCulture)
        : (double)node!;
}
