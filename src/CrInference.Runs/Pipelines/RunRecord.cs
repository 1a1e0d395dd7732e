using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>The state a <see cref="RunRecord"/> gives a run.</summary>
public enum RunRecordState
{
    /// <summary>A command was started and has not reported back (it runs, or its runner was killed).</summary>
    Running,

    /// <summary>The command finished and left its complete results.</summary>
    Done,

    /// <summary>The command stopped on request (Ctrl-C, SIGTERM, scancel) and left a resumable run.</summary>
    Interrupted,

    /// <summary>The command failed (exit code other than 0 and 130, or no results).</summary>
    Failed,
}

/// <summary>
/// The pipeline's record of one run, <c>pipeline-run.json</c> in the run folder: which pipeline and
/// run it belongs to, the input hash and its components (<see cref="RunInputs"/>), the state, and one
/// entry per session (a launch of <c>crinf fit</c>/<c>evidence</c>: command, threads, host, pid,
/// start and end in UTC, wall time, exit code; a Slurm job id when run by Slurm). Written atomically
/// (temporary file, rename) before a command starts and after it ends.
/// </summary>
public sealed class RunRecord
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "pipeline-run.json";

    /// <summary>Value of the <c>format</c> key.</summary>
    public const string Format = "crinference-pipeline-run/1";

    private RunRecord(JsonObject root) => Root = root;

    /// <summary>The record as JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The input hash the results were made from.</summary>
    public string InputHash => (string?)Root["input_hash"] ?? "";

    /// <summary>The recorded input components.</summary>
    public JsonObject? Inputs => Root["inputs"] as JsonObject;

    /// <summary>The state.</summary>
    public RunRecordState State => Enum.TryParse<RunRecordState>((string?)Root["state"], ignoreCase: true, out var state) ? state : RunRecordState.Failed;

    /// <summary>The sessions, oldest first.</summary>
    public JsonArray Sessions => Root["sessions"] as JsonArray ?? [];

    /// <summary>The last session, or null.</summary>
    public JsonObject? LastSession => Sessions.Count == 0 ? null : Sessions[^1] as JsonObject;

    /// <summary>Wall time of every session together, in seconds.</summary>
    public double WallSeconds => Sessions.OfType<JsonObject>().Sum(s => s["wall_seconds"] is JsonValue v && v.TryGetValue(out double w) ? w : 0);

    /// <summary>A new record for <paramref name="inputs"/> (no session yet).</summary>
    public static RunRecord Create(string pipeline, string pipelineFile, RunInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new RunRecord(new JsonObject
        {
            ["format"] = Format,
            ["pipeline"] = pipeline,
            ["pipeline_file"] = pipelineFile,
            ["run"] = inputs.Run.Name,
            ["method"] = inputs.Run.Method.Name(),
            ["prior_file"] = inputs.Run.Prior,
            ["input_hash"] = inputs.Hash,
            ["inputs"] = inputs.Components.DeepClone(),
            ["state"] = "running",
            ["sessions"] = new JsonArray(),
        });
    }

    /// <summary>Reads the record of <paramref name="runDirectory"/>; null when missing or unreadable.</summary>
    public static RunRecord? TryRead(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject root && (string?)root["format"] == Format ? new RunRecord(root) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Adds a session that starts now.</summary>
    public JsonObject BeginSession(IReadOnlyList<string> command, int threads, bool resume)
    {
        var session = new JsonObject
        {
            ["started_utc"] = Now(),
            ["host"] = Environment.MachineName,
            ["threads"] = threads,
            ["resume"] = resume,
            ["command"] = new JsonArray([.. command.Select(c => (JsonNode)c)]),
        };
        if (Environment.GetEnvironmentVariable("SLURM_JOB_ID") is { Length: > 0 } job)
        {
            string? task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
            string? array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
            session["slurm_job"] = array is { Length: > 0 } && task is { Length: > 0 } ? $"{array}_{task}" : job;
        }
        if (Root["sessions"] is not JsonArray sessions)
        {
            sessions = [];
            Root["sessions"] = sessions;
        }
        sessions.Add(session);
        Root["state"] = "running";
        return session;
    }

    /// <summary>Closes the last session with <paramref name="exitCode"/> and sets the state.</summary>
    public void EndSession(JsonObject session, int exitCode, double wallSeconds, RunRecordState state, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        session["finished_utc"] = Now();
        session["wall_seconds"] = Math.Round(wallSeconds, 3);
        session["exit_code"] = exitCode;
        if (note is not null) session["note"] = note;
        Root["state"] = state.ToString().ToLowerInvariant();
    }

    /// <summary>Sets the state without a session (e.g. results found complete after the runner was killed).</summary>
    public void SetState(RunRecordState state, string note)
    {
        Root["state"] = state.ToString().ToLowerInvariant();
        Root["note"] = note;
    }

    /// <summary>Writes the record into <paramref name="runDirectory"/> atomically.</summary>
    public void Write(string runDirectory)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), RunJson.Serialize(Root) + "\n");
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
