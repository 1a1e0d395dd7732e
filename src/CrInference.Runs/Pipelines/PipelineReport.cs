using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// The report steps of a pipeline and <c>results/&lt;pipeline&gt;/report.md</c>: a table of the runs
/// (method, prior file, headline result, wall time, links to each run's <c>summary.md</c> and plots),
/// then one section per step — the comparison table of <c>crinf compare</c> pasted in, corner plots
/// (<c>crinf corner</c>, per run and overlaid pairs), spectra (<c>crinf spectra</c>) and the paper's
/// figures (<c>crinf figures</c>). Every step runs its command as a child process (output in
/// <c>report/report.log</c>); a step whose command this build lacks degrades to one line naming the
/// missing command. Runs that are not done (failed, not started, changed) are listed with their state
/// and left out of the steps: the report is then partial and says so. The report is rewritten only
/// when what it is made from changed (the runs' input hashes, states and last sessions, the steps, the
/// commands available), recorded in <c>report/report.json</c>; a step whose own inputs did not change
/// (its runs, its settings, its command) is not run again — its section and figures are reused, so
/// adding a run to a comparison does not redraw the paper's figures.
/// </summary>
public static partial class PipelineReport
{
    /// <summary>Value of the <c>format</c> key of <c>report.json</c>.</summary>
    public const string Format = "crinference-pipeline-report/1";

    /// <summary>Writes the report of <paramref name="loaded"/> unless it is up to date. Returns the exit code
    /// (1 when a run is not done or a step's command failed).</summary>
    public static async Task<int> WriteAsync(PipelineRunner.Loaded loaded, CrinfLauncher launcher, Func<string, bool> commandExists,
        TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(commandExists);
        ArgumentNullException.ThrowIfNull(output);
        var (spec, recordedFile, paths) = loaded;
        var (hash, states, records, available) = Inputs(loaded, commandExists);
        var done = states.Where(kv => kv.Value.State == "done").Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var notDone = spec.Runs.Where(r => !done.Contains(r.Name)).Select(r => r.Name).ToList();
        if (File.Exists(paths.ReportFile) && ReadHash(paths.ReportRecordFile) == hash)
        {
            // Checked before taking the lock: an up-to-date report costs no write at all.
            await output.WriteLineAsync($"report is up to date: {RunFiles.Display(paths.ReportFile)}{(notDone.Count == 0 ? "" : $" (partial: {notDone.Count} runs not done)")}").ConfigureAwait(false);
            return notDone.Count == 0 ? 0 : 1;
        }
        using var reportLock = FileLock.Acquire(paths.LocksDirectory, "report", $"another crinf process is writing the report of {spec.Name}");

        Directory.CreateDirectory(paths.ReportDirectory);
        var context = new StepContext(loaded, launcher, output, cancellationToken, done);
        var (sections, stepRecords, ok) = await WriteStepsAsync(context, commandExists, records, states).ConfigureAwait(false);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Pipeline `{spec.Name}`\n\n");
        if (spec.Description is { } description) text.Append(description.Trim()).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Pipeline file `{recordedFile}`; run folders next to this file. Made by `./crinf pipeline run {recordedFile}` (or `pipeline submit --slurm`); rerunning it redoes only what changed.\n\n");
        if (notDone.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Partial report: {notDone.Count} of {spec.Runs.Length} runs are not done ({string.Join(", ", notDone)}); the steps below leave them out.**\n\n");
        }
        text.Append(RunsTable(spec, paths, records, states, context.FiguresByRun));
        text.Append(sections);
        AtomicFile.WriteAllText(paths.ReportFile, text.ToString());
        if (ok)
        {
            var record = new JsonObject
            {
                ["format"] = Format,
                ["hash"] = hash,
                ["commands"] = new JsonArray([.. available.Select(c => (JsonNode)c)]),
                ["steps"] = stepRecords,
            };
            AtomicFile.WriteAllText(paths.ReportRecordFile, RunJson.Serialize(record) + "\n");
        }
        string partial = notDone.Count == 0 ? "" : $" (partial: {notDone.Count} runs not done)";
        await output.WriteLineAsync($"wrote {RunFiles.Display(paths.ReportFile)}{partial}{(ok ? "" : $" (with failed steps; see {RunFiles.Display(paths.ReportLogFile)})")}").ConfigureAwait(false);
        return ok && notDone.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs (or reuses) every report step; returns the sections, the step records and whether every step succeeded.</summary>
    private static async Task<(StringBuilder Sections, JsonObject Records, bool Ok)> WriteStepsAsync(StepContext context, Func<string, bool> commandExists,
        IReadOnlyDictionary<string, RunRecord?> records, IReadOnlyDictionary<string, (string State, string Detail)> states)
    {
        var (spec, _, paths) = context.Loaded;
        var cachedSteps = ReadJson(paths.ReportRecordFile)?["steps"] as JsonObject;
        var stepRecords = new JsonObject();
        var sections = new StringBuilder();
        bool ok = true;
        foreach (var step in spec.Report)
        {
            if (!commandExists(step.Kind))
            {
                string line = $"{step.Kind}: skipped: this build of crinf has no `{step.Kind}` command yet";
                await context.Output.WriteLineAsync($"report: {line}").ConfigureAwait(false);
                sections.Append(CultureInfo.InvariantCulture, $"## {Title(step)}\n\n_{line}; the report is redone once it exists._\n\n");
                continue;
            }
            string stepHash = StepHash(step, context.Loaded, records, states);
            string section;
            if (context.Reuse(cachedSteps?[step.Kind] as JsonObject, stepHash) is { } reused)
            {
                section = reused;
                await context.Output.WriteLineAsync($"report: {step.Kind}: up to date").ConfigureAwait(false);
            }
            else
            {
                context.BeginStep();
                bool stepOk;
                (section, stepOk) = step switch
                {
                    CompareReportStep compare => await CompareAsync(compare, context).ConfigureAwait(false),
                    CornerReportStep corner => await CornerAsync(corner, context).ConfigureAwait(false),
                    SpectraReportStep spectra => await SpectraAsync(spectra, context).ConfigureAwait(false),
                    SbcReportStep calibration => await CalibrationAsync(calibration, context).ConfigureAwait(false),
                    _ => await FiguresAsync(context).ConfigureAwait(false),
                };
                ok &= stepOk;
                if (!stepOk)
                {
                    sections.Append(CultureInfo.InvariantCulture, $"## {Title(step)}\n\n{section}\n");
                    continue;
                }
            }
            sections.Append(CultureInfo.InvariantCulture, $"## {Title(step)}\n\n{section}\n");
            stepRecords[step.Kind] = context.StepRecord(stepHash, section);
        }
        return (sections, stepRecords, ok);
    }

    /// <summary>Whether report.md exists and was made from what the results and this build give now.</summary>
    public static bool IsUpToDate(PipelineRunner.Loaded loaded, Func<string, bool> commandExists)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return File.Exists(loaded.Paths.ReportFile) && ReadHash(loaded.Paths.ReportRecordFile) == Inputs(loaded, commandExists).Hash;
    }

    private static (string Hash, Dictionary<string, (string State, string Detail)> States, Dictionary<string, RunRecord?> Records, List<string> Available)
        Inputs(PipelineRunner.Loaded loaded, Func<string, bool> commandExists)
    {
        var paths = loaded.Paths;
        var states = loaded.Inputs.ToDictionary(i => i.Run.Name, i => PipelineStatus.Describe(i, paths), StringComparer.Ordinal);
        var records = loaded.Spec.Runs.ToDictionary(r => r.Name, r => RunRecord.TryRead(paths.RunDirectory(r.Name)), StringComparer.Ordinal);
        var available = PipelineFileParser.ReportStepKinds.Where(commandExists).ToList();
        return (Hash(loaded, records, states, available), states, records, available);
    }

    private static string Hash(PipelineRunner.Loaded loaded, IReadOnlyDictionary<string, RunRecord?> records,
        IReadOnlyDictionary<string, (string State, string Detail)> states, IReadOnlyList<string> available)
    {
        var runs = new JsonArray();
        foreach (var inputs in loaded.Inputs)
        {
            var record = records[inputs.Run.Name];
            runs.Add(new JsonObject
            {
                ["name"] = inputs.Run.Name,
                ["input_hash"] = inputs.Hash,
                ["state"] = states[inputs.Run.Name].State,
                ["finished"] = (string?)record?.LastSession?["finished_utc"],
                ["sessions"] = record?.Sessions.Count ?? 0,
            });
        }
        var steps = new JsonArray();
        foreach (var step in loaded.Spec.Report)
        {
            var node = new JsonObject { ["kind"] = step.Kind, ["runs"] = new JsonArray([.. step.Runs.Select(r => (JsonNode)r)]) };
            if (step is CornerReportStep corner) node["overlays"] = new JsonArray([.. corner.Overlays.Select(o => (JsonNode)$"{o.First} vs {o.Second}")]);
            if (step is CompareReportStep { AllowMixedData: true }) node["allow_mixed_data"] = true;
            steps.Add(node);
        }
        var all = new JsonObject
        {
            ["format"] = Format,
            ["pipeline"] = loaded.Spec.Name,
            ["description"] = loaded.Spec.Description,
            ["runs"] = runs,
            ["steps"] = steps,
            ["commands"] = new JsonArray([.. available.Select(c => (JsonNode)c)]),
        };
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToJsonString())));
    }

    private static string? ReadHash(string path) => (string?)ReadJson(path)?["hash"];

    /// <summary>The hash of what one step is made from: its kind and settings, and for each of its runs the
    /// input hash, state and last session.</summary>
    private static string StepHash(PipelineReportStep step, PipelineRunner.Loaded loaded, IReadOnlyDictionary<string, RunRecord?> records,
        IReadOnlyDictionary<string, (string State, string Detail)> states)
    {
        var names = step is CornerReportStep c ? step.Runs.Concat(c.Overlays.SelectMany(o => new[] { o.First, o.Second })).Distinct() : step.Runs;
        var runs = new JsonArray();
        foreach (string name in names)
        {
            var inputs = loaded.Inputs.First(i => i.Run.Name == name);
            runs.Add(new JsonObject
            {
                ["name"] = name,
                ["input_hash"] = inputs.Hash,
                ["state"] = states[name].State,
                ["finished"] = (string?)records[name]?.LastSession?["finished_utc"],
            });
        }
        var node = new JsonObject
        {
            ["kind"] = step.Kind,
            ["runs"] = new JsonArray([.. step.Runs.Select(r => (JsonNode)r)]),
            ["inputs"] = runs,
        };
        if (step is CornerReportStep corner) node["overlays"] = new JsonArray([.. corner.Overlays.Select(o => (JsonNode)$"{o.First} vs {o.Second}")]);
        if (step is CompareReportStep { AllowMixedData: true }) node["allow_mixed_data"] = true;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString())));
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }
}
