using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.Pipelines;

namespace CrInference.Runs.Pipelines;

/// <summary>The report steps of a pipeline: the comparison table, corner plots, spectra and the paper's figures, each run
/// as a child <c>crinf</c> command (output in <c>report/report.log</c>).</summary>
public static partial class PipelineReport
{
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
}
