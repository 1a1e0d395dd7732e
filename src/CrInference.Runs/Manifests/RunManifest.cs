using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Data;

namespace CrInference.Runs.Manifests;

/// <summary>
/// The run manifest: everything that defines a run and what it was run with — the resolved prior
/// file, the SHA-256 of every data file, the model's conventions (the open choices of KQ22 and of the
/// likelihood), the sampler settings and the code version. It is written as <c>manifest.json</c> when
/// sampling starts and stored in the footer of the run's Parquet table
/// (<c>ChainColumnNames.ManifestMetadataKey</c>). It holds nothing that depends on the clock, the
/// machine, the thread count or the output folder, so a resumed run reproduces the footer byte for byte.
/// </summary>
/// <remarks>
/// The <c>identity</c> section is what a resume must match: the hash of the prior file's part that defines
/// the run (a fit: <see cref="PriorFileSpec.IdentityHash"/>, the resolved file without <c>sampler.steps</c>, so
/// a run may be extended; an evidence run: <see cref="PosteriorIdentityHash"/>), the data hashes, and the
/// kind's result-changing settings. Its SHA-256 (<see cref="IdentityHash"/>) is also the checkpoints' identity.
/// </remarks>
public sealed class RunManifest
{
    /// <summary>Value of the <c>format</c> key of a fit's manifest.</summary>
    public const string Format = "crinference-fit-manifest/1";

    /// <summary>File name of the manifest in a run folder.</summary>
    public const string FileName = "manifest.json";

    private RunManifest(JsonObject root, string identityHash)
    {
        Root = root;
        IdentityHash = identityHash;
        Text = RunJson.Serialize(root);
    }

    /// <summary>The manifest as JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The manifest text (indented JSON), identical in <c>manifest.json</c> and the Parquet footer.</summary>
    public string Text { get; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the canonical <c>identity</c> section.</summary>
    public string IdentityHash { get; }

    /// <summary>
    /// Builds the manifest of a run: <c>format</c> (then <c>method</c> when <paramref name="method"/> is given), the
    /// prior-file, model, dataset and parameter sections every run shares, the kind's <paramref name="sampler"/>
    /// section, then the command-line overrides, the columns and the identity: <c>prior_identity_hash</c>,
    /// <c>data_sha256</c>, then <paramref name="identitySettings"/>'s entries in order.
    /// </summary>
    public static RunManifest Create(string format, string? method, ManifestInputs inputs, string priorIdentityHash,
        JsonObject identitySettings, JsonObject sampler)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(identitySettings);
        ArgumentNullException.ThrowIfNull(sampler);
        var identity = new JsonObject
        {
            ["prior_identity_hash"] = priorIdentityHash,
            ["data_sha256"] = ManifestSections.DataHashes(inputs.Spec, inputs.DataFiles),
        };
        foreach (var (key, value) in identitySettings) identity[key] = value?.DeepClone();
        string identityHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToJsonString())));
        var root = new JsonObject { ["format"] = format };
        if (method is not null) root["method"] = method;
        ManifestSections.AddRunSections(root, inputs);
        root.Add("sampler", sampler.DeepClone());
        root.Add("command_line_overrides", inputs.Overrides.DeepClone());
        root.Add("columns", new JsonArray([.. inputs.Columns.Select(c => (JsonNode)c)]));
        root.Add("identity", identity);
        root.Add("identity_hash", identityHash);
        root.Add("code_version", CodeVersion.Current);
        return new RunManifest(root, identityHash);
    }

    /// <summary>Value of the <c>format</c> key of an evidence run's manifest.</summary>
    public const string EvidenceFormat = "crinference-evidence-manifest/1";

    /// <summary>
    /// <c>sha256:</c> of the canonical JSON of the parts of a prior file that define its posterior: everything
    /// but the <c>sampler</c> and <c>nested</c> sections (model, datasets, options, parameters with their priors,
    /// likelihood, test problem).
    /// </summary>
    public static string PosteriorIdentityHash(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (spec with { Sampler = SamplerSpec.Empty, Nested = null }).ResolvedHash();
    }

    /// <summary>Reads the manifest of a run folder; null when it is missing or its <c>format</c> is not <paramref name="format"/>.</summary>
    public static JsonObject? TryRead(string runDirectory, string format)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject o && (string?)o["format"] == format ? o : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Null when <paramref name="previous"/> (an earlier manifest of the run folder) has the same identity as
    /// this manifest; else a one-line description of the first difference (a prior-file key, a data file, a
    /// sampler setting).
    /// </summary>
    public string? DescribeIdentityChange(JsonObject previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if ((string?)previous["identity_hash"] == IdentityHash) return null;
        var oldIdentity = previous["identity"] as JsonObject;
        var newIdentity = (JsonObject)Root["identity"]!;
        if (oldIdentity is null) return "the run folder's manifest.json has no identity section";

        if ((string?)oldIdentity["prior_identity_hash"] != (string?)newIdentity["prior_identity_hash"])
        {
            var oldResolved = previous["prior_file"]?["resolved"];
            var newResolved = Root["prior_file"]!["resolved"];
            string? where = JsonDifference.First(oldResolved, newResolved, "", ignore: "sampler.steps");
            return where is null
                ? "the prior file changed since the run started"
                : $"the prior file changed since the run started ({where})";
        }
        var oldData = oldIdentity["data_sha256"] as JsonObject;
        var newData = (JsonObject)newIdentity["data_sha256"]!;
        foreach (var (id, hash) in newData)
        {
            string? before = (string?)oldData?[id];
            if (before != (string?)hash)
            {
                var dataset = ((JsonArray)Root["datasets"]!).FirstOrDefault(d => (string?)d!["id"] == id);
                return $"data file {(string?)dataset?["file"] ?? id} changed since the run started (sha256 {JsonDifference.Short(before)} -> {JsonDifference.Short((string?)hash)})";
            }
        }
        // The sampler's part of the identity: a fit's block_steps, thin, until_converged; an evidence run's
        // method and settings.
        foreach (string key in newIdentity.Select(kv => kv.Key).Where(k => k is not "prior_identity_hash" and not "data_sha256"))
        {
            string before = oldIdentity[key]?.ToJsonString() ?? "null";
            string now = newIdentity[key]?.ToJsonString() ?? "null";
            if (before != now)
            {
                return key switch
                {
                    "until_converged" => $"the run was started {(before == "null" ? "without" : "with")} --until-converged",
                    "method" => $"the run was made with --method {(string?)oldIdentity[key] ?? before}",
                    "settings" => $"a sampler setting changed ({JsonDifference.First(oldIdentity[key], newIdentity[key]) ?? before + " -> " + now})",
                    _ => $"{key} changed ({before} -> {now})",
                };
            }
        }
        return "the run's identity changed (code or manifest format)";
    }

    /// <summary>Repository-relative path with '/' separators where <paramref name="path"/> lies in the repository; else the full path.</summary>
    public static string RecordedPath(string path, string repositoryRoot)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(repositoryRoot, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full.Replace('\\', '/')
            : relative.Replace('\\', '/');
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of a file's bytes.</summary>
    public static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The data files of <paramref name="spec"/>: repository-relative path and SHA-256, by dataset id.</summary>
    public static Dictionary<string, (string File, string Sha256)> DataFiles(PriorFileSpec spec, DatasetCatalog catalog, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string id in spec.Datasets)
        {
            string path = catalog.PathOf(id);
            result[id] = (RecordedPath(path, repositoryRoot), FileHash(path));
        }
        return result;
    }
}
