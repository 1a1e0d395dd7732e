using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CrInference.Config.PriorFiles;
using CrInference.Config.Yaml;

namespace CrInference.Config.Pipelines;

/// <summary>
/// Reads a pipeline file (<c>pipelines/*.yaml</c>) into a <see cref="PipelineSpec"/>, as strictly as
/// prior files: every problem is a <see cref="ConfigException"/> naming file, line and key path, and
/// the first problem stops parsing. Layout:
/// <code>
/// name: paper                      # [a-z0-9-]; results go to results/paper/
/// description: free text           # optional
/// runs:
///   - { name: two-phase, prior: priors/two-phase.yaml, method: fit, seed: 2, steps: 4000 }
///   - { name: two-phase-z, prior: priors/two-phase.yaml, method: evidence, live: 400 }
///   - { name: pheno-sbc, prior: priors/phenomenological.yaml, method: sbc, replicates: 200, chunks: 8, steps: 2000 }
///   - { name: tp-inject, prior: priors/two-phase.yaml, method: sbc, replicates: 2, truths: [fiducial, priors/truths/two-phase-hot-halo.yaml] }
/// report:                          # optional, in order; each kind at most once
///   - compare                      # every run; or compare: { runs: [a, b], allow_mixed_data: false }
///   - corner: { runs: [a], overlay: [[a, b]] }
///   - spectra                      # every physics run
///   - figures
///   - sbc                          # every calibration run; chunks gathered into one report
/// </code>
/// Run keys: <c>name</c>, <c>prior</c> (relative to the repository root), <c>method</c>
/// (<c>fit</c> | <c>evidence</c> | <c>sbc</c>) and the optional overrides <c>seed</c>, <c>walkers</c> and
/// <c>steps</c> (fit, sbc), <c>until_converged</c> (fit only), <c>live</c> (evidence only), <c>replicates</c>
/// (sbc, required), <c>chunks</c> (sbc: split into that many runs <c>&lt;name&gt;-chunk-&lt;k&gt;</c>, one array task
/// each; the <c>sbc</c> report step gathers them), <c>starts</c> (sbc: <c>file</c> | <c>prior</c>, <c>crinf sbc --starts</c>),
/// <c>truths</c> (sbc: a list of <c>ref</c>, <c>fiducial</c> or parameter files relative to the repository root, one
/// <c>crinf sbc --truth</c> each: injection–recovery instead of SBC) and <c>datasets</c> (a list replacing the prior file's). Each prior file is parsed too (its errors
/// name the prior file), and again with the datasets override applied (errors then point at the
/// pipeline's <c>datasets</c>).
/// </summary>
public static partial class PipelineFileParser
{
    /// <summary>Keys allowed at the top level of a pipeline file.</summary>
    public static ImmutableArray<string> TopLevelKeys { get; } = ["name", "description", "runs", "report"];

    /// <summary>Keys allowed in a run.</summary>
    public static ImmutableArray<string> RunKeys { get; } =
        ["name", "prior", "method", "seed", "walkers", "steps", "live", "datasets", "until_converged", "replicates", "chunks", "starts", "truths"];

    /// <summary>Run names that would collide with the pipeline's own folders in <c>results/&lt;pipeline&gt;/</c>.</summary>
    public static ImmutableArray<string> ReservedRunNames { get; } = ["report", "slurm", "superseded"];

    /// <summary>Keys that only some methods take, with those methods.</summary>
    private static readonly (string Key, PipelineMethod[] Methods)[] MethodKeys =
    [
        ("walkers", [PipelineMethod.Fit, PipelineMethod.Sbc]),
        ("steps", [PipelineMethod.Fit, PipelineMethod.Sbc]),
        ("until_converged", [PipelineMethod.Fit]),
        ("live", [PipelineMethod.Evidence]),
        ("replicates", [PipelineMethod.Sbc]),
        ("chunks", [PipelineMethod.Sbc]),
        ("starts", [PipelineMethod.Sbc]),
        ("truths", [PipelineMethod.Sbc]),
    ];

    /// <summary>Values of a calibration run's <c>starts</c> (<c>crinf sbc --starts</c>).</summary>
    public static ImmutableArray<string> CalibrationStarts { get; } = ["file", "prior", PriorFiles.SamplerSpec.OptimizeStarts];

    /// <summary>Keyword truths of a calibration run's <c>truths</c> (anything else is a parameter file).</summary>
    public static ImmutableArray<string> KeywordTruths { get; } = ["ref", "fiducial"];

    /// <summary>Reads and validates the pipeline file at <paramref name="path"/> (named in errors as given);
    /// prior files are resolved against <paramref name="repositoryRoot"/> and checked against <paramref name="schema"/>.</summary>
    public static PipelineSpec Parse(string path, string repositoryRoot, IPriorFileSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(schema);
        return Parse(YamlReader.LoadMapping(path), repositoryRoot, schema);
    }

    /// <summary>Validates pipeline-file <paramref name="text"/> as if read from <paramref name="path"/>.</summary>
    public static PipelineSpec ParseText(string path, string text, string repositoryRoot, IPriorFileSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentNullException.ThrowIfNull(schema);
        return Parse(YamlReader.ParseMapping(path, text), repositoryRoot, schema);
    }

    /// <summary>Whether <paramref name="name"/> is a valid pipeline or run name: lower-case letters, digits and
    /// inner hyphens, at most 64 characters.</summary>
    public static bool IsValidName(string name) => name.Length <= 64 && NamePattern().IsMatch(name);

    private static PipelineSpec Parse(YamlMap root, string repositoryRoot, IPriorFileSchema schema)
    {
        root.AllowedKeys(TopLevelKeys);
        var nameValue = root.Require("name", "name the pipeline, e.g. name: paper (its results go to results/<name>/)");
        string name = nameValue.AsString();
        if (!IsValidName(name))
        {
            throw nameValue.Error($"'{name}' is not a valid name (lower-case letters, digits and '-', not at either end; at most 64 characters)");
        }
        string? description = root.OptionalString("description");

        var items = root.RequireSequence("runs", "list the runs, e.g. - { name: two-phase, prior: priors/two-phase.yaml, method: fit }");
        if (items.Count == 0)
        {
            throw root.ErrorAt("runs", "list at least one run");
        }
        var runs = new List<PipelineRunSpec>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var priorCache = new Dictionary<string, (string Text, PriorFileSpec Spec)>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var run = ParseRun(items[i], i, repositoryRoot, schema, lines, priorCache);
            runs.AddRange(Chunks(items[i].AsMapping(), run, lines));
        }
        // Array indices follow the runs after chunking.
        runs = [.. runs.Select((r, i) => r with { Index = i })];
        var report = ParseReport(root, runs);
        return new PipelineSpec(root.File, name, description, [.. runs], report);
    }

    private static PipelineRunSpec ParseRun(YamlValue item, int index, string repositoryRoot, IPriorFileSchema schema,
        Dictionary<string, int> lines, Dictionary<string, (string Text, PriorFileSpec Spec)> priorCache)
    {
        var map = item.AsMapping();
        map.AllowedKeys(RunKeys);
        var nameValue = map.Require("name", "give the run a name, e.g. name: two-phase (its folder in results/<pipeline>/)");
        string name = nameValue.AsString();
        if (!IsValidName(name))
        {
            throw nameValue.Error($"'{name}' is not a valid run name (lower-case letters, digits and '-', not at either end; at most 64 characters)");
        }
        if (ReservedRunNames.Contains(name, StringComparer.Ordinal))
        {
            throw nameValue.Error($"'{name}' is reserved for the pipeline's own folder (reserved: {string.Join(", ", ReservedRunNames)})");
        }
        if (lines.TryGetValue(name, out int first))
        {
            throw nameValue.Error($"duplicate run name '{name}' (first used on line {first})");
        }
        lines.Add(name, nameValue.Line);

        var priorValue = map.Require("prior", "the prior file, relative to the repository root, e.g. prior: priors/two-phase.yaml");
        string prior = priorValue.AsString().Replace('\\', '/');
        if (Path.IsPathRooted(prior))
        {
            throw priorValue.Error($"'{prior}' is an absolute path; give the prior file relative to the repository root");
        }
        string full = Path.GetFullPath(Path.Combine(repositoryRoot, prior));
        if (!File.Exists(full))
        {
            throw priorValue.Error(Directory.Exists(full)
                ? $"'{prior}' is a folder, not a prior file"
                : $"no such prior file '{prior}' (paths are relative to the repository root {repositoryRoot})");
        }

        var methodValue = map.Require("method", $"one of: {string.Join(", ", PipelineMethods.Names)}");
        string methodName = methodValue.AsString();
        var method = PipelineMethods.Find(methodName)
            ?? throw methodValue.Error($"unknown method '{methodName}' (one of: {string.Join(", ", PipelineMethods.Names)})");
        foreach (var (key, methods) in MethodKeys)
        {
            if (map.Contains(key) && !methods.Contains(method))
            {
                string owners = string.Join(", ", methods.Select(m => m.Name()));
                throw new ConfigException(map.File, map.KeyLine(key), map.PathOf(key), $"applies to method {owners} only (this run's method is {methodName})");
            }
        }
        if (method == PipelineMethod.Sbc && !map.Contains("replicates"))
        {
            throw map.Error("a calibration run needs replicates, e.g. replicates: 200");
        }

        ulong? seed = map.OptionalUInt64("seed");
        int? walkers = (int?)map.OptionalInteger("walkers", 2, 1_000_000);
        long? steps = map.OptionalInteger("steps", 1, long.MaxValue);
        int? live = (int?)map.OptionalInteger("live", 2, 1_000_000);
        bool untilConverged = map.OptionalBoolean("until_converged") ?? false;
        var datasets = ParseDatasets(map, schema.DatasetIds);

        if (!priorCache.TryGetValue(prior, out var original))
        {
            string text = File.ReadAllText(full);
            original = (text, PriorFileParser.ParseText(prior, text, schema));
            priorCache[prior] = original;
        }

        string effectiveText = original.Text;
        var effective = original.Spec;
        if (datasets is { } ids)
        {
            if (original.Spec.Problem is not null)
            {
                throw new ConfigException(map.File, map.KeyLine("datasets"), map.PathOf("datasets"),
                    $"prior file '{prior}' fits the test problem {original.Spec.Model}, which uses no datasets; remove this key");
            }
            effectiveText = PriorFileRewriter.ReplaceDatasets(prior, original.Text, ids);
            effective = ParseWithDatasets(map, prior, effectiveText, schema);
        }
        return new PipelineRunSpec(index, name, item.Line, prior, method, seed, walkers, steps, live, datasets, untilConverged, effectiveText, effective)
        {
            Replicates = (int?)map.OptionalInteger("replicates", 1, 1_000_000),
            CalibrationName = method == PipelineMethod.Sbc ? name : null,
            Starts = ParseStarts(map),
            Truths = ParseTruths(map, repositoryRoot),
        };
    }

    private static string? ParseStarts(YamlMap map)
    {
        if (map.Find("starts") is not { } value) return null;
        string starts = value.AsString();
        return CalibrationStarts.Contains(starts, StringComparer.Ordinal)
            ? starts
            : throw value.Error($"'{starts}' is not a start (one of: {string.Join(", ", CalibrationStarts)})");
    }

    // Fixed truths for injection-recovery: keywords, or parameter files relative to the repository root that must exist.
    private static ImmutableArray<string>? ParseTruths(YamlMap map, string repositoryRoot)
    {
        if (map.Find("truths") is not { } list) return null;
        var items = list.AsSequence();
        if (items.Count == 0) throw list.Error("list at least one truth (ref, fiducial or a parameter file), or remove the key for SBC");
        var truths = new List<string>();
        foreach (var item in items)
        {
            string truth = item.AsString().Replace('\\', '/');
            if (truth == "prior") throw item.Error("'prior' is SBC, the default of a calibration run: remove the truths key instead");
            if (!KeywordTruths.Contains(truth, StringComparer.Ordinal))
            {
                if (Path.IsPathRooted(truth)) throw item.Error($"'{truth}' is an absolute path; give the truth file relative to the repository root");
                if (!File.Exists(Path.Combine(repositoryRoot, truth)))
                {
                    throw item.Error($"no such truth file '{truth}' (ref, fiducial, or a parameter file relative to the repository root {repositoryRoot})");
                }
            }
            if (truths.Contains(truth, StringComparer.Ordinal)) throw item.Error($"truth '{truth}' is listed twice");
            truths.Add(truth);
        }
        return [.. truths];
    }

    /// <summary>A calibration run with <c>chunks: M</c> (M ≥ 2) as M runs <c>&lt;name&gt;-chunk-&lt;k&gt;</c> (k = 0 … M − 1), each
    /// running the replicates r with r mod M = k; any other run as itself.</summary>
    private static IEnumerable<PipelineRunSpec> Chunks(YamlMap map, PipelineRunSpec run, Dictionary<string, int> lines)
    {
        if (!map.Contains("chunks"))
        {
            return [run];
        }
        int count = (int)map.Find("chunks")!.AsInteger(1, 1000);
        if (count == 1) return [run];
        if (count > run.Replicates) throw map.ErrorAt("chunks", $"{count} chunks for {run.Replicates} replicates leave chunks empty");
        var chunks = new List<PipelineRunSpec>();
        for (int k = 0; k < count; k++)
        {
            string name = $"{run.Name}-chunk-{k}";
            if (!IsValidName(name)) throw map.ErrorAt("name", $"'{name}' (a chunk's run name) is longer than 64 characters; shorten the name");
            if (lines.TryGetValue(name, out int first)) throw map.ErrorAt("name", $"chunk run '{name}' collides with a run on line {first}");
            lines.Add(name, run.Line);
            chunks.Add(run with { Name = name, Chunk = (k, count) });
        }
        return chunks;
    }

    private static ImmutableArray<string>? ParseDatasets(YamlMap map, IReadOnlyList<string> known)
    {
        var items = map.OptionalSequence("datasets");
        if (items is null) return null;
        if (items.Count == 0)
        {
            throw map.ErrorAt("datasets", "list at least one dataset (or remove the key to keep the prior file's)");
        }
        var ids = new List<string>();
        foreach (var item in items)
        {
            string id = item.AsString();
            if (!known.Contains(id, StringComparer.Ordinal))
            {
                throw item.Error($"unknown dataset '{id}' (known: {string.Join(", ", known)})");
            }
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                throw item.Error($"dataset '{id}' is listed twice");
            }
            ids.Add(id);
        }
        return [.. ids];
    }

    /// <summary>The prior file with the pipeline's datasets; a problem they cause is reported at the
    /// pipeline's <c>datasets</c> (the item when the prior parser names one).</summary>
    private static PriorFileSpec ParseWithDatasets(YamlMap run, string prior, string effectiveText, IPriorFileSchema schema)
    {
        try
        {
            return PriorFileParser.ParseText(prior, effectiveText, schema);
        }
        catch (ConfigException e)
        {
            var items = run.OptionalSequence("datasets") ?? [];
            var match = DatasetItemPattern().Match(e.KeyPath);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out int i) && i < items.Count)
            {
                throw items[i].Error(e.Problem);
            }
            string where = e.KeyPath.StartsWith("datasets", StringComparison.Ordinal) ? "" : $" ({prior}, {e.KeyPath})";
            throw new ConfigException(run.File, run.KeyLine("datasets"), run.PathOf("datasets"), e.Problem + where, e);
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^datasets\[(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex DatasetItemPattern();
}
