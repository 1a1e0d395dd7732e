using System.Globalization;
using System.Text;
using CrInference.Config.Pipelines;
using CrInference.Runs.Calibration;

namespace CrInference.Runs.Pipelines;

/// <summary>The <c>sbc</c> report step: each calibration run's report pasted in; the chunks of a run split into array
/// tasks first gathered into <c>report/sbc-&lt;run&gt;/</c> by <c>crinf sbc --gather</c> (the replicate files of every
/// chunk, whose report is then the bytes of an unsplit run).</summary>
public static partial class PipelineReport
{
    private static async Task<(string, bool)> CalibrationAsync(SbcReportStep step, StepContext context)
    {
        var (runs, note) = context.Split(step.Runs);
        var section = new StringBuilder(note);
        bool ok = true;
        foreach (var group in step.Runs.Select(context.Run).GroupBy(r => r.CalibrationName ?? r.Name))
        {
            var members = group.ToList();
            if (!members.All(m => runs.Contains(m.Name))) continue;
            string folder = context.Paths.RunDirectory(members[0].Name);
            if (members.Count > 1 || members[0].Chunk is not null)
            {
                folder = Path.Combine(context.Paths.ReportDirectory, $"sbc-{group.Key}");
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                if (await context.RunAsync($"gathering the chunks of {group.Key}", GatherArguments(members, folder, context.Paths)).ConfigureAwait(false) is { } failure)
                {
                    section.Append(CultureInfo.InvariantCulture, $"_{failure}_\n\n");
                    ok = false;
                    continue;
                }
            }
            section.Append(CultureInfo.InvariantCulture, $"### {group.Key}\n\n");
            string? report = new[] { "sbc.md", "injection.md" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
            section.Append(report is null ? "_no calibration report in the run folder_\n\n" : DemoteHeadings(File.ReadAllText(report)).Trim() + "\n\n");
            string figure = Path.Combine(folder, "sbc.png");
            if (File.Exists(figure))
            {
                section.Append(CultureInfo.InvariantCulture, $"![SBC ranks of {group.Key}]({context.Link(figure)})\n\n");
                context.AddFigure(figure, [.. members.Select(m => m.Name)]);
            }
        }
        if (step.Runs.IsEmpty) section.Append("_no calibration runs_\n\n");
        return (section.ToString(), ok);
    }

    /// <summary><c>crinf sbc</c> with the chunks' settings, gathering their folders into <paramref name="folder"/>.</summary>
    private static List<string> GatherArguments(List<PipelineRunSpec> chunks, string folder, PipelinePaths paths)
    {
        var first = chunks[0];
        var arguments = new List<string> { "sbc", paths.InputFile(first.Name), "--out", folder, "--threads", "1" };
        string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
        if (first.Replicates is { } replicates) arguments.AddRange(["--replicates", Invariant(replicates)]);
        arguments.AddRange(RunInputs.SamplerArguments(first));
        foreach (var chunk in chunks) arguments.AddRange(["--gather", paths.RunDirectory(chunk.Name)]);
        return arguments;
    }
}
