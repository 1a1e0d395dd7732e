using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Data;
using CrInference.Posterior.Likelihood;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Fit;

/// <summary>
/// The sampler settings of a run as resolved from the prior file, the command line and the defaults.
/// </summary>
/// <param name="Walkers">Walkers of the ensemble.</param>
/// <param name="Steps">Steps (the maximum with <paramref name="UntilConverged"/>).</param>
/// <param name="Seed">User seed; the root key is <c>RandomKey.FromSeed(Seed)</c>.</param>
/// <param name="Thin">Every how many steps a row is stored.</param>
/// <param name="BlockSteps">Steps per chain block (row group, checkpoint).</param>
/// <param name="UntilConverged">The stop rule, or null to run <paramref name="Steps"/> steps.</param>
/// <param name="RelocateLaggingUntilStep">End of the burn-in relocation of lagging walkers (0: none); fixed by the
/// run's first session (<c>relocate_lagging</c> × steps) and kept by resumed ones.</param>
public sealed record FitSamplerSettings(int Walkers, long Steps, ulong Seed, int Thin, int BlockSteps, ConvergenceRule? UntilConverged, long RelocateLaggingUntilStep = 0);

/// <summary>
/// The run manifest: everything that defines a fit and what it was run with — the resolved prior
/// file, the SHA-256 of every data file, the model's conventions (the open choices of KQ22 and of the
/// likelihood), the sampler settings and the code version. It is written as <c>manifest.json</c> when
/// sampling starts and stored in the footer of <c>chains.parquet</c>
/// (<c>ChainColumnNames.ManifestMetadataKey</c>). It holds nothing that depends on the clock, the
/// machine, the thread count or the output folder, so a resumed run reproduces the footer byte for byte.
/// </summary>
/// <remarks>
/// The <c>identity</c> section is what a resume must match: the prior file's <see cref="PriorFileSpec.IdentityHash"/>
/// (the resolved file without <c>sampler.steps</c>, so a run may be extended), the data hashes, the block
/// size and thinning, and the stop rule. Its SHA-256 (<see cref="IdentityHash"/>) is also the
/// checkpoint's <c>ConfigHash</c>.
/// </remarks>
public sealed class RunManifest
{
    /// <summary>Value of the manifest's <c>format</c> key.</summary>
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

    /// <summary>Builds the manifest of a run.</summary>
    /// <param name="spec">The prior file with every sampler setting resolved.</param>
    /// <param name="priorFilePath">The prior file's path as recorded (repository-relative where possible).</param>
    /// <param name="build">The posterior built from <paramref name="spec"/>.</param>
    /// <param name="dataFiles">Per dataset id: its file (repository-relative) and SHA-256.</param>
    /// <param name="settings">The resolved sampler settings.</param>
    /// <param name="moveDescription">The move (or mixture) as the sampler names it.</param>
    /// <param name="columns">The chain table's columns, in order.</param>
    /// <param name="commandLineOverrides">Sampler settings given on the command line (a resumed run carries them over).</param>
    public static RunManifest Create(
        PriorFileSpec spec,
        string priorFilePath,
        PosteriorBuild build,
        IReadOnlyDictionary<string, (string File, string Sha256)> dataFiles,
        FitSamplerSettings settings,
        string moveDescription,
        IReadOnlyList<string> columns,
        JsonObject commandLineOverrides)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(dataFiles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(columns);

        var identity = new JsonObject
        {
            ["prior_identity_hash"] = spec.IdentityHash(),
            ["data_sha256"] = DataHashes(spec, dataFiles),
            ["block_steps"] = settings.BlockSteps,
            ["thin"] = settings.Thin,
            ["until_converged"] = Rule(settings.UntilConverged),
        };
        string identityHash = HashOf(identity);

        var root = new JsonObject { ["format"] = Format };
        AddRunSections(root, spec, priorFilePath, build, dataFiles);
        root.Add("sampler", new JsonObject
        {
            ["algorithm"] = "affine-invariant ensemble sampler, red-blue half-ensemble updates (Goodman & Weare 2010; Foreman-Mackey et al. 2013)",
            ["walkers"] = settings.Walkers,
            ["steps"] = settings.Steps,
            ["seed"] = settings.Seed,
            ["moves"] = Object(spec.Sampler.Moves.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
            ["move"] = moveDescription,
            ["thin"] = settings.Thin,
            ["block_steps"] = settings.BlockSteps,
            ["until_converged"] = Rule(settings.UntilConverged),
            ["relocate_lagging_until_step"] = settings.RelocateLaggingUntilStep,
            ["relocate_lagging"] = settings.RelocateLaggingUntilStep > 0
                ? "before this step, every 50 steps, walkers with ln p more than 5 + 3 sqrt(D/2) below the ensemble median are moved onto copies of random other walkers (Hou et al. 2012); these steps are burn-in"
                : "none",
            ["initial_ensemble"] = "each parameter from its ref ball (sampled coordinates: ln x for log-uniform priors, sigma/mean relative width) or its prior; walkers with log posterior -inf redrawn",
            ["random_keys"] = "step t: RandomKey.FromSeed(seed).Split(t); initial ensemble: .Split(2^64-1); prior-draw check: .Split(2^64-2)",
            });
        AddClosingSections(root, commandLineOverrides, columns, identity, identityHash);
        return new RunManifest(root, identityHash);
    }

    /// <summary>
    /// Builds the manifest of an evidence run (<c>crinf evidence</c>, format <see cref="EvidenceFormat"/>): the
    /// same prior-file, model, dataset and parameter sections as a fit's, the method, and the sampler section
    /// the caller describes. The identity is the prior file's posterior (<see cref="PosteriorIdentityHash"/>:
    /// everything but the <c>sampler</c> and <c>nested</c> sections), the data hashes, the method and
    /// <paramref name="identitySettings"/> (every setting that changes the result; thread counts and
    /// checkpoint intervals do not).
    /// </summary>
    /// <param name="spec">The prior file as recorded (its <c>nested</c> section resolved for nested sampling).</param>
    /// <param name="priorFilePath">The prior file's path as recorded.</param>
    /// <param name="build">The posterior built from <paramref name="spec"/>.</param>
    /// <param name="dataFiles">Per dataset id: its file (repository-relative) and SHA-256.</param>
    /// <param name="method"><c>nested</c> or <c>pt</c>.</param>
    /// <param name="sampler">The <c>sampler</c> section (algorithm, settings, keys).</param>
    /// <param name="identitySettings">The settings that define the result.</param>
    /// <param name="columns">The sample table's columns, in order.</param>
    /// <param name="commandLineOverrides">Settings given on the command line (a resumed run carries them over).</param>
    public static RunManifest CreateEvidence(
        PriorFileSpec spec,
        string priorFilePath,
        PosteriorBuild build,
        IReadOnlyDictionary<string, (string File, string Sha256)> dataFiles,
        string method,
        JsonObject sampler,
        JsonObject identitySettings,
        IReadOnlyList<string> columns,
        JsonObject commandLineOverrides)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(dataFiles);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(identitySettings);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(commandLineOverrides);
        var identity = new JsonObject
        {
            ["prior_identity_hash"] = PosteriorIdentityHash(spec),
            ["data_sha256"] = DataHashes(spec, dataFiles),
            ["method"] = method,
            ["settings"] = identitySettings.DeepClone(),
        };
        string identityHash = HashOf(identity);
        var root = new JsonObject { ["format"] = EvidenceFormat, ["method"] = method };
        AddRunSections(root, spec, priorFilePath, build, dataFiles);
        root.Add("sampler", sampler.DeepClone());
        AddClosingSections(root, commandLineOverrides, columns, identity, identityHash);
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

    /// <summary>The sections every run manifest shares: prior file, model, datasets, parameters, fixed values.</summary>
    private static void AddRunSections(JsonObject root, PriorFileSpec spec, string priorFilePath, PosteriorBuild build,
        IReadOnlyDictionary<string, (string File, string Sha256)> dataFiles)
    {
        root.Add("prior_file", new JsonObject
        {
            ["path"] = priorFilePath,
            ["resolved_hash"] = spec.ResolvedHash(),
            ["resolved"] = JsonNode.Parse(spec.ToResolvedJson()),
        });
        root.Add("model", ModelSection(build));
        root.Add("datasets", new JsonArray([.. build.Datasets.Select(d => (JsonNode)DatasetSection(d, dataFiles[d.Id]))]));
        root.Add("parameters", new JsonArray([.. spec.FreeParams.Select(p => (JsonNode)ParameterSection(p))]));
        root.Add("fixed", Object(spec.FixedParams.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)RunJson.Number(((FixedPrior)p.Prior).Value)))));
    }

    private static void AddClosingSections(JsonObject root, JsonObject commandLineOverrides, IReadOnlyList<string> columns, JsonObject identity, string identityHash)
    {
        root.Add("command_line_overrides", commandLineOverrides.DeepClone());
        root.Add("columns", new JsonArray([.. columns.Select(c => (JsonNode)c)]));
        root.Add("identity", identity);
        root.Add("identity_hash", identityHash);
        root.Add("code_version", CodeVersion.Current);
    }

    private static JsonObject DataHashes(PriorFileSpec spec, IReadOnlyDictionary<string, (string File, string Sha256)> dataFiles) =>
        Object(spec.Datasets.Select(id => KeyValuePair.Create(id, (JsonNode?)dataFiles[id].Sha256)));

    private static string HashOf(JsonObject identity) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToJsonString())));

    /// <summary>Reads the manifest of a run folder; null when it is missing or not a fit manifest.</summary>
    public static JsonObject? TryRead(string runDirectory) => TryRead(runDirectory, Format);

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
            string? where = FirstDifference(oldResolved, newResolved, "", ignore: "sampler.steps");
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
                return $"data file {(string?)dataset?["file"] ?? id} changed since the run started (sha256 {Short(before)} -> {Short((string?)hash)})";
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
                    "settings" => $"a sampler setting changed ({FirstDifference(oldIdentity[key], newIdentity[key], "", ignore: "\0") ?? before + " -> " + now})",
                    _ => $"{key} changed ({before} -> {now})",
                };
            }
        }
        return "the run's identity changed (code or manifest format)";
    }

    private static JsonNode ModelSection(PosteriorBuild build)
    {
        if (build.TestProblem is { } problem)
        {
            return new JsonObject
            {
                ["name"] = problem.Name,
                ["kind"] = "analytic test problem",
                ["settings"] = Object((build.Spec.Problem?.AllSettings() ?? new Dictionary<string, double>())
                    .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
                ["exact_log_evidence"] = problem.ExactLogEvidence is { } z ? RunJson.Number(z) : null,
            };
        }
        var model = build.Model!;
        return new JsonObject
        {
            ["name"] = model.Name,
            ["kind"] = "transport model (Kempski & Quataert 2022)",
            ["summary"] = model.Summary,
            ["options"] = Object(build.Spec.Options.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["conventions"] = Object(ManifestConventions.For(model, build.FixedInput!).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
    }

    private static JsonObject DatasetSection(ObservedDataset dataset, (string File, string Sha256) file) => new()
    {
        ["id"] = dataset.Id,
        ["title"] = dataset.Source.Title,
        ["reference"] = dataset.Source.Reference,
        ["file"] = file.File,
        ["sha256"] = file.Sha256,
        ["quantity"] = dataset.Source.Quantity.ToString(),
        ["unit"] = dataset.Source.ValueUnit,
        ["cut"] = dataset.Cut.ToString(),
        ["points_used"] = dataset.Count,
        ["points_total"] = dataset.Source.Points.Length,
        ["rigidity_range_GV"] = new JsonArray(RunJson.Number(dataset.RigidityGV.Min()), RunJson.Number(dataset.RigidityGV.Max())),
        ["solar_modulation"] = dataset.IsModulated,
        ["errors"] = dataset.Errors.Treatment == ErrorTreatment.CorrelatedSystematics
            ? string.Create(CultureInfo.InvariantCulture, $"stat (independent) + sys correlated with a Gaussian kernel in log10 x, length {dataset.Errors.CorrelationLengthDecades} decades")
            : "stat (+) sys, independent points",
    };

    private static JsonObject ParameterSection(ParamSpec p)
    {
        var prior = new JsonObject { ["kind"] = p.Prior.Kind };
        foreach (var (k, v) in p.Prior.Describe().OrderBy(kv => kv.Key, StringComparer.Ordinal)) prior[k] = RunJson.Number(v);
        return new JsonObject
        {
            ["name"] = p.Name,
            ["unit"] = p.Unit,
            ["latex"] = p.Latex,
            ["prior"] = prior,
            ["sampled_coordinate"] = p.Prior is LogUniformPrior ? $"ln({p.Name})" : p.Name,
            ["start"] = p.Ref is null
                ? "prior"
                : string.Create(CultureInfo.InvariantCulture, $"ref N({p.Ref.Mean}, {p.Ref.Sigma})"),
        };
    }

    private static JsonNode? Rule(ConvergenceRule? rule) => rule is null
        ? null
        : new JsonObject
        {
            ["check_interval_steps"] = rule.CheckIntervalSteps,
            ["minimum_length_in_tau"] = RunJson.Number(rule.MinimumLengthInTau),
            ["maximum_relative_tau_change"] = RunJson.Number(rule.MaximumRelativeTauChange),
        };

    private static JsonObject Object(IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var o = new JsonObject();
        foreach (var (k, v) in entries) o[k] = v;
        return o;
    }

    private static string Short(string? hash) => hash is null ? "none" : hash.Length > 19 ? hash[..19] + "…" : hash;

    /// <summary>The key path and values of the first difference between two JSON trees, or null.</summary>
    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path, string ignore)
    {
        if (path == ignore) return null;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (string key in oa.Select(kv => kv.Key).Union(ob.Select(kv => kv.Key)))
            {
                string child = path.Length == 0 ? key : $"{path}.{key}";
                if (!oa.ContainsKey(key)) return $"{child}: added";
                if (!ob.ContainsKey(key)) return $"{child}: removed";
                string? d = FirstDifference(oa[key], ob[key], child, ignore);
                if (d is not null) return d;
            }
            return null;
        }
        string ta = a?.ToJsonString() ?? "null", tb = b?.ToJsonString() ?? "null";
        return ta == tb ? null : $"{(path.Length == 0 ? "(root)" : path)}: {ta} -> {tb}";
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
