using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;

namespace CrInference.Runs.Pipelines;

/// <summary>The runs table of <c>report.md</c> and the text helpers of the report.</summary>
public static partial class PipelineReport
{
    private static string RunsTable(PipelineSpec spec, PipelinePaths paths, IReadOnlyDictionary<string, RunRecord?> records,
        IReadOnlyDictionary<string, (string State, string Detail)> states, IReadOnlyDictionary<string, List<string>> figures)
    {
        var table = new StringBuilder();
        table.Append("## Runs\n\n| run | method | prior file | result | wall time | threads | summary | plots |\n|---|---|---|---|---|---|---|---|\n");
        double total = 0;
        foreach (var run in spec.Runs)
        {
            string directory = paths.RunDirectory(run.Name);
            var record = records[run.Name];
            double wall = record?.WallSeconds ?? 0;
            total += wall;
            string summary = File.Exists(Path.Combine(directory, "summary.md")) ? $"[summary.md]({run.Name}/summary.md)" : "";
            var plots = (Directory.Exists(directory) ? Directory.EnumerateFiles(directory) : []).Where(f => Path.GetExtension(f) is ".png" or ".svg").Order(StringComparer.Ordinal)
                .Concat(figures.GetValueOrDefault(run.Name) ?? [])
                .Select(f => $"[{Path.GetFileName(f)}]({Path.GetRelativePath(paths.PipelineDirectory, f).Replace('\\', '/')})");
            string threads = record?.LastSession?["threads"]?.ToString() ?? "";
            var (state, detail) = states[run.Name];
            string result = state == "done" ? Headline(run, directory) : $"**{state}**{(detail.Length == 0 ? "" : ": " + detail.Replace("|", "\\|", StringComparison.Ordinal))}";
            table.Append(CultureInfo.InvariantCulture,
                $"| {run.Name} | {run.Method.Name()} | `{run.Prior}`{Overrides(run)} | {result} | {(wall > 0 ? RunExecutor.FormatSeconds(wall) : "")} | {threads} | {summary} | {string.Join(", ", plots)} |\n");
        }
        table.Append(CultureInfo.InvariantCulture, $"\nWall time of the runs: {RunExecutor.FormatSeconds(total)} in total (each run's command from start to end, summed over its sessions; runs in parallel overlap).\n\n");
        return table.ToString();
    }

    private static string Overrides(PipelineRunSpec run)
    {
        var parts = new List<string>();
        if (run.Seed is { } seed) parts.Add($"seed {seed}");
        if (run.Walkers is { } walkers) parts.Add($"walkers {walkers}");
        if (run.Steps is { } steps) parts.Add($"steps {steps}");
        if (run.Live is { } live) parts.Add($"live {live}");
        if (run.UntilConverged) parts.Add("until converged");
        if (run.Datasets is { } datasets) parts.Add($"datasets {string.Join(", ", datasets)}");
        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    /// <summary>One cell: steps, ESS and acceptance of a fit; ln Z of an evidence run.</summary>
    private static string Headline(PipelineRunSpec run, string directory)
    {
        if (run.Method == PipelineMethod.Fit)
        {
            var summary = ReadJson(Path.Combine(directory, "summary.json"));
            if (summary is null) return "";
            var sampler = summary["sampler"];
            return string.Create(CultureInfo.InvariantCulture,
                $"{sampler?["steps_stored"]} steps × {sampler?["walkers"]} walkers; ESS min {Number(summary["ess_min"], "0")}; acceptance {Number(summary["acceptance"]?["overall"], "0.00")}");
        }
        if (run.Method == PipelineMethod.Sbc) return CalibrationHeadline(run, directory);
        var evidence = ReadJson(Path.Combine(directory, "evidence.json"));
        return evidence is null ? "" : $"ln Z = {Number(evidence["log_z"], "0.000")} ± {Number(evidence["log_z_err"], "0.000")}";
    }

    /// <summary>One cell of a calibration run: replicates and the range of the 68 % coverages; a chunk's share.</summary>
    private static string CalibrationHeadline(PipelineRunSpec run, string directory)
    {
        if (ReadJson(Path.Combine(directory, "sbc-summary.json")) is { } sbc && sbc["parameters"] is JsonObject parameters && parameters.Count > 0)
        {
            var coverages = parameters.Select(kv => kv.Value?["coverage_68"] is JsonValue v && v.TryGetValue(out double c) ? c : double.NaN).ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{sbc["replicates"]} replicates; 68 % coverage {coverages.Min():0.00}–{coverages.Max():0.00}");
        }
        if (ReadJson(Path.Combine(directory, "injection-summary.json")) is { } injection)
        {
            return $"{injection["fits"]} fits; in 68 %: {Number(injection["in_68_fraction"], "0.00")}, in 95 %: {Number(injection["in_95_fraction"], "0.00")}";
        }
        return ReadJson(Path.Combine(directory, "chunk.json")) is { } chunk
            ? $"chunk {chunk["chunk"]} of {chunk["chunks"]}: {chunk["stored"]} of {chunk["replicates"]} replicates"
            : "";
    }

    private static string Number(JsonNode? node, string format) =>
        node is JsonValue v && v.TryGetValue(out double x) ? x.ToString(format, CultureInfo.InvariantCulture) : node?.ToString() ?? "?";

    private static string Title(PipelineReportStep step) => step switch
    {
        CompareReportStep => "Comparison",
        CornerReportStep => "Corner plots",
        SpectraReportStep => "Spectra",
        SbcReportStep => "Calibration",
        _ => "Figures",
    };

    /// <summary>Headings of a pasted document one level down (# → ###), so they sit under the step's heading.</summary>
    private static string DemoteHeadings(string markdown) =>
        string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n').Select(line => line.StartsWith('#') ? "##" + line : line));
}
