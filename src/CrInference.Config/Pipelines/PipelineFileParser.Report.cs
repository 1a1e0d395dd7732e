using System.Collections.Immutable;
using CrInference.Config.Yaml;

namespace CrInference.Config.Pipelines;

public static partial class PipelineFileParser
{
    /// <summary>Report step kinds, in the order they are documented.</summary>
    public static ImmutableArray<string> ReportStepKinds { get; } = ["compare", "corner", "spectra", "figures", "sbc"];

    private static ImmutableArray<PipelineReportStep> ParseReport(YamlMap root, IReadOnlyList<PipelineRunSpec> runs)
    {
        var items = root.OptionalSequence("report");
        if (items is null) return [];
        var steps = new List<PipelineReportStep>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            // An item is either a bare step name (defaults) or a mapping with that name as its one key.
            string kind;
            YamlMap? options = null;
            int line;
            string path;
            if (item.IsMapping)
            {
                var map = item.AsMapping();
                if (map.Keys.Count != 1)
                {
                    throw item.Error($"a report step is one name with its settings, e.g. - corner: {{ runs: [a] }} (got {map.Keys.Count} keys)");
                }
                kind = map.Keys[0];
                line = map.KeyLine(kind);
                path = map.PathOf(kind);
                if (!ReportStepKinds.Contains(kind, StringComparer.Ordinal))
                {
                    throw new ConfigException(root.File, line, path, $"unknown report step '{kind}' (one of: {string.Join(", ", ReportStepKinds)})");
                }
                options = map.OptionalMapping(kind);
            }
            else
            {
                kind = item.AsString();
                line = item.Line;
                path = item.Path;
                if (!ReportStepKinds.Contains(kind, StringComparer.Ordinal))
                {
                    throw item.Error($"unknown report step '{kind}' (one of: {string.Join(", ", ReportStepKinds)})");
                }
            }
            if (seen.TryGetValue(kind, out int first))
            {
                throw new ConfigException(root.File, line, path, $"report step '{kind}' is given twice (first on line {first}); list its runs in one step");
            }
            seen.Add(kind, line);
            steps.Add(kind switch
            {
                "compare" => ParseCompare(options, line, runs),
                "corner" => ParseCorner(options, line, runs),
                "spectra" => ParseSpectra(options, line, runs),
                "sbc" => ParseCalibration(options, line, runs),
                _ => ParseFigures(options, line),
            });
        }
        return [.. steps];
    }

    private static CompareReportStep ParseCompare(YamlMap? options, int line, IReadOnlyList<PipelineRunSpec> runs)
    {
        options?.AllowedKeys("runs", "allow_mixed_data");
        return new CompareReportStep(line, RunList(options, runs, runs.Select(r => r.Name)), options?.OptionalBoolean("allow_mixed_data") ?? false);
    }

    private static SbcReportStep ParseCalibration(YamlMap? options, int line, IReadOnlyList<PipelineRunSpec> runs)
    {
        options?.AllowedKeys();
        return new SbcReportStep(line, [.. runs.Where(r => r.Method == PipelineMethod.Sbc).Select(r => r.Name)]);
    }

    private static CornerReportStep ParseCorner(YamlMap? options, int line, IReadOnlyList<PipelineRunSpec> runs)
    {
        options?.AllowedKeys("runs", "overlay");
        var overlays = new List<(string, string)>();
        // With overlays but no runs list, the step draws the overlays only.
        bool overlaysOnly = options is not null && options.Contains("overlay") && !options.Contains("runs");
        var perRun = RunList(options, runs, overlaysOnly ? [] : runs.Select(r => r.Name));
        foreach (var pair in options?.OptionalSequence("overlay") ?? [])
        {
            var names = pair.AsSequence();
            if (names.Count != 2)
            {
                throw pair.Error($"an overlay is a pair of runs, e.g. [two-phase, phenomenological] (got {names.Count} items)");
            }
            string a = RunName(names[0], runs), b = RunName(names[1], runs);
            if (a == b) throw names[1].Error($"an overlay needs two different runs (got '{a}' twice)");
            if (overlays.Contains((a, b)) || overlays.Contains((b, a))) throw pair.Error($"overlay [{a}, {b}] is listed twice");
            if (!SharedParameters(runs.First(r => r.Name == a), runs.First(r => r.Name == b)).Any())
            {
                throw pair.Error($"runs '{a}' and '{b}' share no sampled parameter to overlay");
            }
            overlays.Add((a, b));
        }
        return new CornerReportStep(line, perRun, [.. overlays]);
    }

    /// <summary>The sampled parameters of <paramref name="first"/> that <paramref name="second"/> samples too, in
    /// <paramref name="first"/>'s order (what an overlaid corner plot can show).</summary>
    public static IEnumerable<string> SharedParameters(PipelineRunSpec first, PipelineRunSpec second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var other = second.EffectivePrior.FreeParams.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return first.EffectivePrior.FreeParams.Select(p => p.Name).Where(other.Contains);
    }

    private static SpectraReportStep ParseSpectra(YamlMap? options, int line, IReadOnlyList<PipelineRunSpec> runs)
    {
        options?.AllowedKeys("runs");
        if (options?.OptionalSequence("runs") is { } listed)
        {
            foreach (var item in listed)
            {
                string name = RunName(item, runs);
                if (runs.First(r => r.Name == name).IsTestProblem)
                {
                    throw item.Error($"run '{name}' fits a test problem, which has no spectra");
                }
            }
        }
        return new SpectraReportStep(line, RunList(options, runs, runs.Where(r => !r.IsTestProblem).Select(r => r.Name)));
    }

    private static FiguresReportStep ParseFigures(YamlMap? options, int line)
    {
        options?.AllowedKeys();
        return new FiguresReportStep(line);
    }

    /// <summary>The step's <c>runs</c> list (checked, duplicates refused), else <paramref name="defaults"/>.</summary>
    private static ImmutableArray<string> RunList(YamlMap? options, IReadOnlyList<PipelineRunSpec> runs, IEnumerable<string> defaults)
    {
        var items = options?.OptionalSequence("runs");
        if (items is null) return [.. defaults];
        if (items.Count == 0) throw options!.ErrorAt("runs", "list at least one run (or remove the key for every run)");
        var names = new List<string>();
        foreach (var item in items)
        {
            string name = RunName(item, runs);
            if (names.Contains(name, StringComparer.Ordinal)) throw item.Error($"run '{name}' is listed twice");
            names.Add(name);
        }
        return [.. names];
    }

    private static string RunName(YamlValue item, IReadOnlyList<PipelineRunSpec> runs)
    {
        string name = item.AsString();
        if (!runs.Any(r => r.Name == name))
        {
            throw item.Error($"unknown run '{name}' (runs: {string.Join(", ", runs.Select(r => r.Name))})");
        }
        return name;
    }
}
