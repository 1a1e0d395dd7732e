using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// <c>crinf pipeline status FILE</c>: one line per run read from its folder — <c>done</c>,
/// <c>partial</c> (for a fit: steps stored of the total, from <c>checkpoint.bin</c> and
/// <c>manifest.json</c>), <c>running</c>, <c>interrupted</c>, <c>failed</c> (with the last line of its
/// log), <c>changed</c> (inputs changed since its results: the next run restarts it) or
/// <c>not started</c> — then the report's state, and, when the pipeline was submitted to Slurm and the
/// commands exist, what <c>squeue</c> and <c>sacct</c> say about its jobs (without accounting storage
/// <c>sacct</c> answers with an error, which is shown as such).
/// </summary>
public static class PipelineStatus
{
    /// <summary>Prints the status of the pipeline in <paramref name="pipelineFile"/>. Returns 0.</summary>
    public static int Show(string pipelineFile, string? resultsOption, Func<string, bool> commandExists, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var loaded = PipelineRunner.Load(pipelineFile, resultsOption);
        var (spec, _, paths) = loaded;
        var slurm = SlurmView.Read(paths, spec);
        output.WriteLine($"pipeline {spec.Name} ({pipelineFile}): {spec.Runs.Length} runs in {RunFiles.Display(paths.PipelineDirectory)}");
        int width = Math.Max(4, spec.Runs.Max(r => r.Name.Length));
        int done = 0;
        foreach (var inputs in loaded.Inputs)
        {
            var run = inputs.Run;
            var (state, detail) = Describe(inputs, paths);
            if (state == "done") done++;
            string queue = slurm.TaskState(run.Index) is { } s ? $" [slurm {s}]" : "";
            output.WriteLine($"  {run.Name.PadRight(width)}  {run.Method.Name(),-8}  {state,-11}  {detail}{queue}".TrimEnd());
        }
        output.WriteLine($"{done} of {spec.Runs.Length} runs done");
        output.WriteLine(ReportState(loaded, commandExists));
        foreach (string line in slurm.Lines) output.WriteLine(line);
        return 0;
    }

    /// <summary>The state word and details of one run.</summary>
    public static (string State, string Detail) Describe(RunInputs inputs, PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(paths);
        var run = inputs.Run;
        string directory = paths.RunDirectory(run.Name);
        var record = RunRecord.TryRead(directory);
        var plan = RunPlan.For(inputs, paths);
        string wall = record is null || record.WallSeconds == 0 ? "" : $"{RunExecutor.FormatSeconds(record.WallSeconds)}";
        switch (plan.Action)
        {
            case RunAction.UpToDate:
                return ("done", Join(wall, Result(run, directory)));
            case RunAction.Adopt:
                return ("done", "results complete (the runner stopped before recording it)");
            case RunAction.Busy:
                return ("running", Join(Progress(run, directory), plan.Reason));
            case RunAction.Restart:
                return ("changed", $"{plan.Reason}; the next run moves these results to superseded/ and starts again");
        }
        if (record is null) return ("not started", "");
        string log = RunExecutor.LastLine(paths.LogFile(run.Name)) ?? "";
        return record.State switch
        {
            RunRecordState.Failed => ("failed", Join(Progress(run, directory), $"exit {record.LastSession?["exit_code"]}: {log}")),
            RunRecordState.Interrupted => ("interrupted", Join(Progress(run, directory), "resumable")),
            _ when plan.Action == RunAction.Resume => ("partial", Join(Progress(run, directory), "resumable")),
            _ when plan.Reason.StartsWith("inputs changed", StringComparison.Ordinal) => ("changed", plan.Reason),
            _ => ("not started", log.Length == 0 ? "" : $"last log line: {log}"),
        };
    }

    /// <summary>For a fit: <c>1200 of 4000 steps</c> from the checkpoint and manifest; empty otherwise.</summary>
    private static string Progress(PipelineRunSpec run, string directory)
    {
        if (run.Method != PipelineMethod.Fit) return "";
        long? total = Read(Path.Combine(directory, "manifest.json"))?["sampler"]?["steps"] is JsonValue v && v.TryGetValue(out long t) ? t : null;
        long? stored = null;
        string checkpoint = ChainRunFiles.CheckpointPath(directory);
        if (File.Exists(checkpoint))
        {
            try
            {
                stored = ResumeCheckpointFile.ReadAsync(checkpoint).GetAwaiter().GetResult().NextStep;
            }
            catch (Exception e) when (e is IOException or ChainTableException or InvalidDataException)
            {
                stored = null;
            }
        }
        if (stored is null && total is null) return ChainRunFiles.ExistingParts(directory).Count is var parts and > 0 ? $"{parts} blocks stored" : "";
        return $"{stored ?? 0} of {(total is { } x ? x.ToString(CultureInfo.InvariantCulture) : "?")} steps";
    }

    private static string Result(PipelineRunSpec run, string directory)
    {
        if (run.Method == PipelineMethod.Evidence)
        {
            var evidence = Read(Path.Combine(directory, "evidence.json"));
            return evidence?["log_z"] is { } z ? $"ln Z {Rounded(z, "0.000")} ± {Rounded(evidence["log_z_err"], "0.000")}" : "";
        }
        var summary = Read(Path.Combine(directory, "summary.json"));
        return summary?["sampler"]?["steps_stored"] is { } steps ? $"{steps} steps, ESS min {Rounded(summary["ess_min"], "0")}" : "";
    }

    private static string ReportState(PipelineRunner.Loaded loaded, Func<string, bool> commandExists)
    {
        var paths = loaded.Paths;
        if (!File.Exists(paths.ReportFile)) return "report: not written yet";
        return PipelineReport.IsUpToDate(loaded, commandExists)
            ? $"report: {RunFiles.Display(paths.ReportFile)} (up to date)"
            : $"report: {RunFiles.Display(paths.ReportFile)} (out of date: the next `pipeline run` or `pipeline report` rewrites it)";
    }

    private static string Rounded(JsonNode? node, string format) =>
        node is JsonValue v && v.TryGetValue(out double x) ? x.ToString(format, CultureInfo.InvariantCulture) : node?.ToString() ?? "?";

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}, {b}";

    private static JsonNode? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return null;
        }
    }
}
