using System.CommandLine;
using CrInference.Runs.Comparison;
using CrInference.Runs;
using CrInference.Data;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf compare RUN_DIR ... [--out FILE.md] [--allow-mixed-data]</c>: the model-comparison table of finished
/// <c>fit</c> and <c>evidence</c> runs (<see cref="ComparisonTable"/>): Markdown on stdout, or with
/// <c>--out</c> written to FILE.md, FILE.csv (one row per run) and FILE-fine-tuning.csv (one row per run and
/// parameter). Runs on different data are refused (Δ ln Z would be meaningless) unless
/// <c>--allow-mixed-data</c>, which leaves Δ ln Z out and says so.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders of crinf fit or crinf evidence", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Write FILE.md, FILE.csv and FILE-fine-tuning.csv (default: Markdown on stdout)" };
        var allowMixed = new Option<bool>("--allow-mixed-data") { Description = "Compare runs on different datasets (Delta ln Z is then left out)" };
        var command = new Command("compare", "Compare models: ln Z, Delta ln Z with the Jeffreys scale, chi2/dof, information gain, complexity, per-parameter fine-tuning")
        {
            runs, output, allowMixed,
        };
        command.SetAction(parse => CliApp.Guard(() =>
            RunAsync(parse.GetValue(runs) ?? [], parse.GetValue(output), parse.GetValue(allowMixed), Console.Out).GetAwaiter().GetResult()));
        return command;
    }

    /// <summary>Runs the comparison; user errors are thrown for <c>CliApp.Guard</c>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> directories, string? output, bool allowMixedData, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(console);
        if (directories.Count == 0) throw new UserInputException("give at least one run folder");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string directory in directories)
        {
            if (!seen.Add(Path.GetFullPath(directory))) throw new UserInputException($"{directory}: run folder given twice");
        }
        if (output is not null && !output.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException($"--out {output}: give a Markdown file name ending in .md (the CSV files are written next to it)");
        }
        var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
        var loaded = new List<ComparedRun>();
        foreach (string directory in directories) loaded.Add(await ComparedRun.LoadAsync(directory, catalog).ConfigureAwait(false));
        DisambiguateNames(loaded);
        bool mixed = loaded.Select(r => r.DataSignature).Distinct(StringComparer.Ordinal).Count() > 1;
        if (mixed && !allowMixedData)
        {
            string what = string.Join("; ", loaded.Select(r => $"{r.Name}: {r.DataDescription}"));
            throw new UserInputException($"the runs fit different data ({what}; or other cuts, error models or data files): Delta ln Z across different data is meaningless; compare runs on the same data, or pass --allow-mixed-data");
        }
        var metrics = loaded.Select(ModelMetrics.Compute).ToList();
        var table = new ComparisonTable(metrics, mixed);
        string markdown = table.ToMarkdown();
        if (output is null)
        {
            await console.WriteAsync(markdown).ConfigureAwait(false);
            return 0;
        }
        string path = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string csv = Path.ChangeExtension(path, ".csv");
        string fineTuning = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-fine-tuning.csv");
        AtomicFile.WriteAllText(csv, table.ToModelsCsv());
        AtomicFile.WriteAllText(fineTuning, table.ToFineTuningCsv());
        AtomicFile.WriteAllText(path, markdown);
        await console.WriteLineAsync($"wrote {RunFiles.Display(path)}, {Path.GetFileName(csv)}, {Path.GetFileName(fineTuning)} ({metrics.Count} run(s){(table.Best is { } best ? $"; largest ln Z: {best.Name}" : "")})").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Runs whose folders share a name are called by their parent folder and name.</summary>
    private static void DisambiguateNames(List<ComparedRun> runs)
    {
        foreach (var group in runs.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var run in group)
            {
                run.Name = $"{Path.GetFileName(Path.GetDirectoryName(run.Directory))}/{run.Name}";
            }
        }
    }
}
