using CrInference.Data;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Comparison;

/// <summary>
/// <c>crinf compare</c>: loads finished fit and evidence runs (<see cref="ComparedRun"/>), refuses runs on different data
/// (Δ ln Z would be meaningless) unless allowed, computes each run's metrics (<see cref="ModelMetrics"/>) and writes the
/// table (<see cref="ComparisonTable"/>): Markdown to the console, or <c>FILE.md</c>, <c>FILE.csv</c> and
/// <c>FILE-fine-tuning.csv</c>, each atomically.
/// </summary>
public static class ModelComparison
{
    /// <summary>Compares the runs in <paramref name="directories"/>; user errors are thrown as <see cref="UserInputException"/>.</summary>
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
        if (output is not null) OutputLocation.CheckFile(output, $"--out {output}");
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
