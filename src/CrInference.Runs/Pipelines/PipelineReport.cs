using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;
using CrInference.Runs;
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
public static class PipelineReport
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
        var cachedSteps = ReadJson(paths.ReportRecordFile)?["steps"] as JsonObject;
        var stepRecords = new JsonObject();
        var sections = new StringBuilder();
        bool ok = true;
        foreach (var step in spec.Report)
        {
            if (!commandExists(step.Kind))
            {
                string line = $"{step.Kind}: skipped: this build of crinf has no `{step.Kind}` command yet";
                await output.WriteLineAsync($"report: {line}").ConfigureAwait(false);
                sections.Append(CultureInfo.InvariantCulture, $"## {Title(step)}\n\n_{line}; the report is redone once it exists._\n\n");
                continue;
            }
            string stepHash = StepHash(step, loaded, records, states);
            string section;
            if (context.Reuse(cachedSteps?[step.Kind] as JsonObject, stepHash) is { } reused)
            {
                section = reused;
                await output.WriteLineAsync($"report: {step.Kind}: up to date").ConfigureAwait(false);
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

    private sealed record StepContext(PipelineRunner.Loaded Loaded, CrinfLauncher Launcher, TextWriter Output, CancellationToken CancellationToken,
        IReadOnlySet<string> Done)
    {
        /// <summary>The runs of <paramref name="runs"/> that are done, and a note naming the others (or "").</summary>
        public (List<string> Done, string Note) Split(IEnumerable<string> runs)
        {
            var all = runs.ToList();
            var missing = all.Where(r => !Done.Contains(r)).ToList();
            return ([.. all.Where(Done.Contains)], missing.Count == 0 ? "" : $"_Not shown (runs not done): {string.Join(", ", missing)}._\n\n");
        }

        public PipelinePaths Paths => Loaded.Paths;

        /// <summary>The report's figures per run, for the runs table.</summary>
        public Dictionary<string, List<string>> FiguresByRun { get; } = new(StringComparer.Ordinal);

        private List<(string Figure, string[] Runs)> _stepFigures = [];

        /// <summary>Starts collecting the figures of a step (for its record in report.json).</summary>
        public void BeginStep() => _stepFigures = [];

        public void AddFigure(string figure, params string[] runs)
        {
            _stepFigures.Add((figure, runs));
            foreach (string run in runs)
            {
                if (!FiguresByRun.TryGetValue(run, out var list)) FiguresByRun[run] = list = [];
                list.Add(figure);
            }
        }

        /// <summary>What report.json keeps of a finished step: its inputs' hash, its section and its figures.</summary>
        public JsonObject StepRecord(string hash, string section) => new()
        {
            ["hash"] = hash,
            ["section"] = section,
            ["figures"] = new JsonArray([.. _stepFigures.Select(f => (JsonNode)new JsonObject
            {
                ["file"] = Path.GetRelativePath(Paths.PipelineDirectory, f.Figure).Replace('\\', '/'),
                ["runs"] = new JsonArray([.. f.Runs.Select(r => (JsonNode)r)]),
            })]),
        };

        /// <summary>The section of a step recorded with the same inputs' hash whose files all still exist
        /// (its figures are registered again), or null: the step must run.</summary>
        public string? Reuse(JsonObject? cached, string hash)
        {
            if (cached is null || (string?)cached["hash"] != hash || cached["section"] is not JsonValue section || cached["figures"] is not JsonArray figures)
            {
                return null;
            }
            var files = figures.OfType<JsonObject>()
                .Select(f => (File: Path.Combine(Paths.PipelineDirectory, (string?)f["file"] ?? ""), Runs: (f["runs"] as JsonArray ?? []).Select(r => (string?)r ?? "").ToArray()))
                .ToList();
            if (!files.All(f => File.Exists(f.File))) return null;
            BeginStep();
            foreach (var (file, runs) in files) AddFigure(file, runs);
            return (string?)section;
        }

        public PipelineRunSpec Run(string name) => Loaded.Spec.FindRun(name)!;

        /// <summary>Runs one crinf command of a step; on failure prints and returns the reason.</summary>
        public async Task<string?> RunAsync(string what, IReadOnlyList<string> arguments)
        {
            File.AppendAllText(Paths.ReportLogFile, $"=== {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} crinf {string.Join(' ', arguments.Select(CrinfLauncher.ShellQuote))}\n");
            int exit = await Launcher.RunAsync(arguments, Paths.ReportLogFile, RepositoryPaths.Root, CancellationToken).ConfigureAwait(false);
            if (exit == 0) return null;
            string reason = $"{what} failed (exit {exit}): {RunExecutor.LastLine(Paths.ReportLogFile) ?? "no output"}";
            await Output.WriteLineAsync($"report: {reason}").ConfigureAwait(false);
            return reason;
        }

        /// <summary>A path relative to report.md, with '/' separators.</summary>
        public string Link(string path) => Path.GetRelativePath(Paths.PipelineDirectory, path).Replace('\\', '/');
    }

    private static async Task<(string, bool)> CompareAsync(CompareReportStep step, StepContext context)
    {
        string table = Path.Combine(context.Paths.ReportDirectory, "compare.md");
        var (runs, note) = context.Split(step.Runs);
        if (runs.Count == 0) return (note, true);
        var arguments = new List<string> { "compare" };
        arguments.AddRange(runs.Select(context.Paths.RunDirectory));
        arguments.AddRange(["--out", table]);
        if (step.AllowMixedData) arguments.Add("--allow-mixed-data");
        if (await context.RunAsync("compare", arguments).ConfigureAwait(false) is { } failure)
        {
            return ($"{note}_{failure}_\n", false);
        }
        var section = new StringBuilder(note);
        section.Append(File.Exists(table) ? DemoteHeadings(File.ReadAllText(table)).Trim() + "\n\n" : "_compare wrote no table_\n\n");
        section.Append(CultureInfo.InvariantCulture, $"Table files: [{context.Link(table)}]({context.Link(table)})");
        foreach (string extra in new[] { Path.ChangeExtension(table, ".csv"), Path.Combine(context.Paths.ReportDirectory, "compare-fine-tuning.csv") }.Where(File.Exists))
        {
            section.Append(CultureInfo.InvariantCulture, $", [{context.Link(extra)}]({context.Link(extra)})");
        }
        section.Append('\n');
        if (File.Exists(table)) context.AddFigure(table);
        return (section.ToString(), File.Exists(table));
    }

    private static async Task<(string, bool)> CornerAsync(CornerReportStep step, StepContext context)
    {
        var (runs, note) = context.Split(step.Runs.Concat(step.Overlays.SelectMany(o => new[] { o.First, o.Second })).Distinct());
        var section = new StringBuilder(note);
        bool ok = true;
        foreach (string name in step.Runs.Where(runs.Contains))
        {
            var run = context.Run(name);
            string samples = RunResults.SamplesFile(run.Method, context.Paths.RunDirectory(name));
            string figure = Path.Combine(context.Paths.ReportDirectory, $"corner-{name}.png");
            var arguments = new List<string> { "corner", samples, "--out", figure };
            if (BurnIn(run, context.Paths) is { } burn) arguments.AddRange(["--burn", burn.ToString(CultureInfo.InvariantCulture)]);
            if (await Figure(section, context, $"corner plot of {name}", name, arguments, figure).ConfigureAwait(false)) context.AddFigure(figure, name);
            else ok = false;
        }
        foreach (var (first, second) in step.Overlays.Where(o => runs.Contains(o.First) && runs.Contains(o.Second)))
        {
            var a = context.Run(first);
            var b = context.Run(second);
            string figure = Path.Combine(context.Paths.ReportDirectory, $"corner-{first}-vs-{second}.png");
            var arguments = new List<string>
            {
                "corner", RunResults.SamplesFile(a.Method, context.Paths.RunDirectory(first)),
                "--compare", RunResults.SamplesFile(b.Method, context.Paths.RunDirectory(second)), "--out", figure,
            };
            // Different models: overlay the parameters both sample.
            var shared = PipelineFileParser.SharedParameters(a, b).ToList();
            if (shared.Count != a.EffectivePrior.FreeParams.Count() || shared.Count != b.EffectivePrior.FreeParams.Count())
            {
                arguments.AddRange(["--params", string.Join(',', shared)]);
            }
            if (BurnIn(a, context.Paths) is { } burnA && BurnIn(b, context.Paths) is { } burnB)
            {
                arguments.AddRange(["--burn", Math.Max(burnA, burnB).ToString(CultureInfo.InvariantCulture)]);
            }
            if (await Figure(section, context, $"corner overlay {first} vs {second}", $"{first} vs {second}", arguments, figure).ConfigureAwait(false)) context.AddFigure(figure, first, second);
            else ok = false;
        }
        return (section.ToString(), ok);
    }

    private static async Task<(string, bool)> SpectraAsync(SpectraReportStep step, StepContext context)
    {
        var (runs, note) = context.Split(step.Runs);
        var section = new StringBuilder(note);
        bool ok = true;
        foreach (string name in runs)
        {
            string figure = Path.Combine(context.Paths.ReportDirectory, $"spectra-{name}.png");
            var arguments = new List<string> { "spectra", context.Paths.RunDirectory(name), "--out", figure };
            if (await Figure(section, context, $"spectra of {name}", name, arguments, figure).ConfigureAwait(false)) context.AddFigure(figure, name);
            else ok = false;
        }
        if (step.Runs.IsEmpty) section.Append("_no physics runs_\n\n");
        return (section.ToString(), ok);
    }

    private static async Task<(string, bool)> FiguresAsync(StepContext context)
    {
        string folder = Path.Combine(context.Paths.ReportDirectory, "figures");
        if (await context.RunAsync("figures", ["figures", "--out", folder]).ConfigureAwait(false) is { } failure)
        {
            return ($"_{failure}_\n", false);
        }
        var section = new StringBuilder();
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (string file in files)
        {
            string link = context.Link(file);
            bool image = Path.GetExtension(file) is ".png" or ".svg";
            if (image) section.Append(CultureInfo.InvariantCulture, $"![{Path.GetFileName(file)}]({link})\n\n");
            else section.Append(CultureInfo.InvariantCulture, $"- [{Path.GetFileName(file)}]({link})\n");
        }
        if (files.Count == 0) section.Append("_figures wrote no files_\n");
        return (section.ToString(), true);
    }

    private static async Task<bool> Figure(StringBuilder section, StepContext context, string what, string caption, IReadOnlyList<string> arguments, string figure)
    {
        if (await context.RunAsync(what, arguments).ConfigureAwait(false) is { } failure)
        {
            section.Append(CultureInfo.InvariantCulture, $"_{failure}_\n\n");
            return false;
        }
        section.Append(CultureInfo.InvariantCulture, $"![{caption}]({context.Link(figure)})\n\n");
        return true;
    }

    /// <summary>The fit's burn-in in steps (summary.json), or null (evidence runs, no summary).</summary>
    private static long? BurnIn(PipelineRunSpec run, PipelinePaths paths)
    {
        if (run.Method != PipelineMethod.Fit) return null;
        return ReadJson(Path.Combine(paths.RunDirectory(run.Name), "summary.json"))?["burn_in"]?["steps_discarded"] is JsonValue v && v.TryGetValue(out long steps) ? steps : null;
    }

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
        var evidence = ReadJson(Path.Combine(directory, "evidence.json"));
        return evidence is null ? "" : $"ln Z = {Number(evidence["log_z"], "0.000")} ± {Number(evidence["log_z_err"], "0.000")}";
    }

    private static string Number(JsonNode? node, string format) =>
        node is JsonValue v && v.TryGetValue(out double x) ? x.ToString(format, CultureInfo.InvariantCulture) : node?.ToString() ?? "?";

    private static string Title(PipelineReportStep step) => step switch
    {
        CompareReportStep => "Comparison",
        CornerReportStep => "Corner plots",
        SpectraReportStep => "Spectra",
        _ => "Figures",
    };

    /// <summary>Headings of a pasted document one level down (# → ###), so they sit under the step's heading.</summary>
    private static string DemoteHeadings(string markdown) =>
        string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n').Select(line => line.StartsWith('#') ? "##" + line : line));

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
