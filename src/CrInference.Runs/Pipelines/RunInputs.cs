using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Data;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// What defines a pipeline run's results, and the command that makes them. The input hash is the
/// SHA-256 of the canonical JSON of: the method, the SHA-256 of the effective prior file's text
/// (<c>input.yaml</c>), the SHA-256 of every data file it fits and of every truth file of an injection–recovery run, and the overrides. Neither the prior
/// file's path, the thread count, the results folder nor the code version is part of it: moving a
/// prior file, changing <c>--jobs</c> or rebuilding does not rerun a finished study.
/// </summary>
/// <remarks>
/// Overrides go to the launched command as flags (<c>--seed</c>, <c>--walkers</c>, <c>--steps</c>,
/// <c>--until-converged</c>, <c>--live</c>); <c>input.yaml</c> differs from the prior file only by a
/// <c>datasets</c> override, which has no flag. The fit records the flags in its manifest
/// (<c>command_line_overrides</c>), so the run folder alone says how it was made.
/// </remarks>
public sealed class RunInputs
{
    /// <summary>Value of the <c>format</c> key of <see cref="Components"/>.</summary>
    public const string Format = "crinference-pipeline-inputs/1";

    private RunInputs(PipelineRunSpec run, JsonObject components)
    {
        Run = run;
        Components = components;
        Hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(components.ToJsonString())));
    }

    /// <summary>The run.</summary>
    public PipelineRunSpec Run { get; }

    /// <summary>The hashed components (recorded in <c>pipeline-run.json</c> to say what changed).</summary>
    public JsonObject Components { get; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of <see cref="Components"/>.</summary>
    public string Hash { get; }

    /// <summary>The inputs of <paramref name="run"/>, hashing the data files in <paramref name="dataDirectory"/>.</summary>
    public static RunInputs Of(PipelineRunSpec run, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var catalog = new DatasetCatalog(dataDirectory);
        var data = new JsonObject();
        foreach (string id in run.EffectivePrior.Datasets.Order(StringComparer.Ordinal))
        {
            data[id] = FileHash(catalog.PathOf(id));
        }
        var components = new JsonObject
        {
            ["format"] = Format,
            ["method"] = run.Method.Name(),
            ["prior_text_sha256"] = TextHash(run.EffectivePriorText),
            ["data_sha256"] = data,
            ["overrides"] = Overrides(run),
        };
        var truthFiles = new JsonObject();
        foreach (string truth in run.Truths ?? [])
        {
            if (!PipelineFileParser.KeywordTruths.Contains(truth, StringComparer.Ordinal)) truthFiles[truth] = FileHash(Path.Combine(RepositoryPaths.Root, truth));
        }
        if (truthFiles.Count > 0) components["truth_sha256"] = truthFiles;
        return new RunInputs(run, components);
    }

    /// <summary>The launched command's arguments (after <c>crinf</c>).</summary>
    /// <param name="inputFile">The effective prior file.</param>
    /// <param name="runDirectory">The run folder (<c>--out</c>).</param>
    /// <param name="threads">Threads for the run.</param>
    /// <param name="resume">Continue the run in the folder.</param>
    public IReadOnlyList<string> Arguments(string inputFile, string runDirectory, int threads, bool resume)
    {
        var args = new List<string> { Run.Method.Name(), inputFile, "--out", runDirectory, "--threads", Invariant(threads) };
        if (Run.Replicates is { } replicates) args.AddRange(["--replicates", Invariant(replicates), "--jobs", Invariant(threads)]);
        if (Run.Chunk is { } chunk) args.AddRange(["--chunk", string.Create(CultureInfo.InvariantCulture, $"{chunk.Index}/{chunk.Count}")]);
        args.AddRange(SamplerArguments(Run));
        if (Run.Live is { } live) args.AddRange(["--live", Invariant(live)]);
        if (Run.UntilConverged) args.Add("--until-converged");
        if (resume) args.Add("--resume");
        return args;
    }

    /// <summary>The flags that set what a run samples and where (<c>--starts</c>, <c>--truth</c>, <c>--seed</c>, <c>--walkers</c>,
    /// <c>--steps</c>): the same for a calibration run's chunks and the command that gathers them.</summary>
    public static IEnumerable<string> SamplerArguments(PipelineRunSpec run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Starts is { } starts) { yield return "--starts"; yield return starts; }
        foreach (string truth in run.Truths ?? [])
        {
            yield return "--truth";
            yield return truth;
        }
        if (run.Seed is { } seed) { yield return "--seed"; yield return Invariant(seed); }
        if (run.Walkers is { } walkers) { yield return "--walkers"; yield return Invariant(walkers); }
        if (run.Steps is { } steps) { yield return "--steps"; yield return Invariant(steps); }
    }

    /// <summary>What differs between <paramref name="recorded"/> components and these, e.g.
    /// <c>prior file text, overrides.steps (200 -> 400)</c>; null when nothing does.</summary>
    public string? DescribeChange(JsonObject? recorded)
    {
        if (recorded is null) return "no record of the inputs";
        var changes = new List<string>();
        Compare("", recorded, Components, changes);
        return changes.Count == 0 ? null : string.Join(", ", changes);
    }

    private static void Compare(string path, JsonNode? before, JsonNode? now, List<string> changes)
    {
        if (before is JsonObject a && now is JsonObject b)
        {
            foreach (string key in a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
            {
                Compare(path.Length == 0 ? key : $"{path}.{key}", a[key], b[key], changes);
            }
            return;
        }
        string ta = before?.ToJsonString() ?? "none", tb = now?.ToJsonString() ?? "none";
        if (ta == tb) return;
        changes.Add(path switch
        {
            "prior_text_sha256" => "prior file text",
            _ when path.StartsWith("data_sha256.", StringComparison.Ordinal) => $"data file of {path["data_sha256.".Length..]}",
            _ when path.StartsWith("truth_sha256.", StringComparison.Ordinal) => $"truth file {path["truth_sha256.".Length..]}",
            _ => $"{path} ({ta} -> {tb})",
        });
    }

    private static JsonObject Overrides(PipelineRunSpec run)
    {
        var overrides = new JsonObject();
        if (run.Seed is { } seed) overrides["seed"] = seed;
        if (run.Walkers is { } walkers) overrides["walkers"] = walkers;
        if (run.Steps is { } steps) overrides["steps"] = steps;
        if (run.Live is { } live) overrides["live"] = live;
        if (run.UntilConverged) overrides["until_converged"] = true;
        if (run.Replicates is { } replicates) overrides["replicates"] = replicates;
        if (run.Chunk is { } chunk) overrides["chunk"] = string.Create(CultureInfo.InvariantCulture, $"{chunk.Index}/{chunk.Count}");
        if (run.Starts is { } starts) overrides["starts"] = starts;
        if (run.Truths is { } truths) overrides["truths"] = new JsonArray([.. truths.Select(t => (JsonNode)t)]);
        if (run.Datasets is { } datasets) overrides["datasets"] = new JsonArray([.. datasets.Select(d => (JsonNode)d)]);
        return overrides;
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of a file's bytes.</summary>
    public static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of <paramref name="text"/> in UTF-8.</summary>
    public static string TextHash(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
