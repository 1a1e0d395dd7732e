using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Data;
using CrInference.Posterior.TestProblems;
using CrInference.Runs.Composition;
using CrInference.Runs.Manifests;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Figures;

/// <summary>
/// A finished run folder reopened for plots: a <c>fit</c> run (<c>chains.parquet</c>, unweighted MCMC
/// draws, burn-in from <c>summary.json</c>) or an <c>evidence</c> run (<c>samples.parquet</c> with a
/// <c>weight</c> column, no burn-in), its <c>manifest.json</c>, and the posterior rebuilt from the run's
/// copy of its prior file (<see cref="PriorCopyFileName"/>), checked against the manifest.
/// </summary>
/// <remarks>
/// The prior-file check: the copy is parsed, the manifest's resolved <c>sampler</c> and <c>nested</c>
/// sections (command-line overrides and defaults applied by the run) replace the copy's, and the
/// canonical hash (<see cref="PriorFileSpec.ResolvedHash"/>) must equal the manifest's
/// <c>prior_file.resolved_hash</c>; otherwise the folder is refused naming the first differing key.
/// A run made before the copy was kept falls back to the path the manifest records, with the same check.
/// </remarks>
public sealed class RunFolder
{
    /// <summary>File name of the copy of the prior file a run keeps in its folder.</summary>
    public const string PriorCopyFileName = "prior.yaml";

    /// <summary>Samples file of an evidence run.</summary>
    public const string WeightedSampleTableFileName = "samples.parquet";

    private RunFolder(string directory, string samplesPath, bool weighted, JsonObject manifest, string model)
    {
        Directory = directory;
        SamplesPath = samplesPath;
        IsWeighted = weighted;
        Manifest = manifest;
        Model = model;
    }

    /// <summary>The run folder (full path).</summary>
    public string Directory { get; }

    /// <summary><c>chains.parquet</c> or <c>samples.parquet</c>.</summary>
    public string SamplesPath { get; }

    /// <summary>True for an evidence run (weighted samples, no burn-in).</summary>
    public bool IsWeighted { get; }

    /// <summary>The run's manifest.json.</summary>
    public JsonObject Manifest { get; }

    /// <summary>The model (or test problem) name.</summary>
    public string Model { get; }

    /// <summary>Whether <see cref="Model"/> is an analytic test problem (no spectra).</summary>
    public bool IsTestProblem => TestProblemCatalog.Contains(Model);

    /// <summary>Opens <paramref name="path"/>; every problem is a one-line <see cref="UserInputException"/>.</summary>
    public static RunFolder Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string directory = Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new UserInputException(File.Exists(directory)
                ? $"{path}: not a run folder (give the folder that holds chains.parquet or samples.parquet)"
                : $"{path}: no such run folder");
        }
        string chains = ChainRunFiles.FinalPath(directory);
        string samples = Path.Combine(directory, WeightedSampleTableFileName);
        bool weighted;
        string samplesPath;
        if (File.Exists(chains))
        {
            samplesPath = chains;
            weighted = false;
        }
        else if (File.Exists(samples))
        {
            samplesPath = samples;
            weighted = true;
        }
        else
        {
            throw new UserInputException(ChainRunFiles.HoldsRun(directory)
                ? $"{path}: the run is not finished (checkpoint.bin/parts/ but no chains.parquet); finish it with crinf fit PRIORFILE --out {path} --resume"
                : $"{path}: holds no chains.parquet or samples.parquet (not a finished fit or evidence run)");
        }
        string manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath)) throw new UserInputException($"{path}: no manifest.json; cannot tell which model and prior file made the run");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject
                ?? throw new UserInputException($"{manifestPath}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{manifestPath}: not valid JSON ({e.Message})");
        }
        string model = manifest["model"] switch
        {
            JsonObject o when o["name"] is JsonValue v && v.TryGetValue(out string? name) => name,
            JsonValue v when v.TryGetValue(out string? name) => name,
            _ => throw new UserInputException($"{manifestPath}: no model name (model.name)"),
        };
        return new RunFolder(directory, samplesPath, weighted, manifest, model);
    }

    /// <summary>Throws the one-line refusal for test problems (they have no spectra).</summary>
    public void RequireSpectra()
    {
        if (IsTestProblem)
        {
            throw new UserInputException($"{Directory}: model {Model} is an analytic test problem; it has no spectra to plot (use crinf corner)");
        }
    }

    /// <summary>
    /// The prior file the posterior is rebuilt from (the run's copy, else the recorded path), parsed and
    /// checked against the manifest (see the class remarks).
    /// </summary>
    public PriorFileSpec PriorFile()
    {
        string copy = Path.Combine(Directory, PriorCopyFileName);
        string? path = File.Exists(copy) ? copy : null;
        if (path is null && Manifest["prior_file"]?["path"] is JsonValue recorded && recorded.TryGetValue(out string? p))
        {
            string full = Path.IsPathRooted(p) ? p : Path.Combine(RepositoryPaths.Root, p);
            if (File.Exists(full)) path = full;
        }
        if (path is null)
        {
            throw new UserInputException($"{Directory}: no {PriorCopyFileName} in the run folder and the prior file the manifest records is missing; cannot rebuild the posterior");
        }
        var spec = CatalogPriorFileSchema.Parse(path);
        string? expected = Manifest["prior_file"]?["resolved_hash"] is JsonValue h && h.TryGetValue(out string? hash) ? hash : null;
        if (expected is null) throw new UserInputException($"{Directory}/manifest.json: no prior_file.resolved_hash to check {path} against");
        var resolved = Manifest["prior_file"]?["resolved"];
        var candidate = spec with
        {
            Sampler = SamplerOf(resolved?["sampler"]) ?? spec.Sampler,
            Nested = resolved is JsonObject r && r.ContainsKey("nested") ? NestedOf(r["nested"]) : spec.Nested,
        };
        string actual = candidate.ResolvedHash();
        if (actual != expected)
        {
            string? where = JsonDifference.First(resolved, JsonNode.Parse(candidate.ToResolvedJson()));
            throw new UserInputException($"{path}: resolved hash {JsonDifference.Short(actual)} differs from the run manifest's {JsonDifference.Short(expected)}{(where is null ? "" : $" ({where})")}; the run was made with another prior file, refusing to rebuild its posterior");
        }
        return candidate;
    }

    /// <summary>The posterior of the run (data loaded, cuts applied) from <see cref="PriorFile"/>, reading the data
    /// folder the run read (<c>--data-dir</c>, recorded in its manifest) or the bundled tables.</summary>
    public PosteriorBuild BuildPosterior() =>
        PosteriorFactory.Create(PriorFile(), DataDirectoryOption.OfManifest(Manifest, Directory));

    /// <summary>Steps discarded as burn-in by the run's summary.json (0 for evidence runs or without a summary).</summary>
    public int BurnInSteps()
    {
        if (IsWeighted) return 0;
        var summary = Summary();
        return summary?["burn_in"]?["steps_discarded"] is JsonValue v && v.TryGetValue(out int steps) ? steps : 0;
    }

    /// <summary>The run's summary.json, or null.</summary>
    public JsonObject? Summary() => RunFiles.TryReadJson(Path.Combine(Directory, "summary.json"));

    /// <summary>The best-fit point of summary.json (<c>parameters[].best_fit</c>) by parameter name, or null.</summary>
    public IReadOnlyDictionary<string, double>? BestFit()
    {
        if (Summary()?["parameters"] is not JsonArray parameters) return null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (p?["name"] is JsonValue n && n.TryGetValue(out string? name) && p["best_fit"] is JsonValue b && b.TryGetValue(out double value))
            {
                result[name] = value;
            }
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// Keeps a copy of the prior file a run was started from as <see cref="PriorCopyFileName"/> in
    /// <paramref name="runDirectory"/> (atomically), so that plots can rebuild the run's posterior later.
    /// </summary>
    public static void KeepPriorCopy(string priorFile, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(priorFile);
        ArgumentNullException.ThrowIfNull(runDirectory);
        string target = Path.Combine(runDirectory, PriorCopyFileName);
        if (Path.GetFullPath(priorFile) == Path.GetFullPath(target)) return;
        AtomicFile.Copy(priorFile, target);
    }

    private static SamplerSpec? SamplerOf(JsonNode? node)
    {
        if (node is not JsonObject o) return null;
        var moves = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (o["moves"] is JsonObject m)
        {
            foreach (var (name, weight) in m)
            {
                if (weight is JsonValue w && w.TryGetValue(out double value)) moves[name] = value;
            }
        }
        return new SamplerSpec(Int(o["walkers"]), Long(o["steps"]), ULong(o["seed"]), Int(o["thin"]), moves.ToImmutable())
        {
            RelocateLagging = Double(o["relocate_lagging"]),
            Starts = o["starts"] is JsonValue s && s.TryGetValue(out string? starts) ? starts : null,
        };
    }

    private static NestedSpec? NestedOf(JsonNode? node) =>
        node is JsonObject o ? new NestedSpec(Int(o["live"]), Double(o["dlogz"]), ULong(o["seed"])) : null;

    private static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue(out int x) ? x : null;

    private static long? Long(JsonNode? n) => n is JsonValue v && v.TryGetValue(out long x) ? x : null;

    private static ulong? ULong(JsonNode? n) => n is JsonValue v && v.TryGetValue(out ulong x) ? x : null;

    private static double? Double(JsonNode? n) => n is JsonValue v && v.TryGetValue(out double x) ? x : null;
}
