using System.CommandLine;
using System.Globalization;
using CrInference.Plotting;
using CrInference.Runs;
using CrInference.Runs.Reports;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Commands;

/// <summary><c>crinf corner</c> and <c>crinf trace</c>: figures from any Parquet table of samples
/// (ours or another tool's). Plotting reads files, never sampler objects.</summary>
public static class PlotCommands
{
    public static Command CreateCorner()
    {
        var chains = new Argument<FileInfo>("chains") { Description = "Parquet file with one numeric column per parameter (chain/draw/weight columns are respected)" };
        var parameters = new Option<string?>("--params") { Description = "Comma-separated columns to plot (default: every non-bookkeeping numeric column)" };
        var burn = new Option<long>("--burn") { Description = "Drop draws below this index (uses the draw column)" };
        var thin = new Option<int>("--thin") { Description = "Keep every N-th draw", DefaultValueFactory = _ => 1 };
        var truths = new Option<string?>("--truths") { Description = "Reference values, name=value,..." };
        var compare = new Option<FileInfo?>("--compare") { Description = "A second chain file to overlay" };
        var output = new Option<FileInfo?>("--out") { Description = "Output .png or .svg (default: corner.png next to the chains)" };
        var command = new Command("corner", "Corner plot: 1-D marginals with median and 16/84 %, 2-D contours enclosing 68 % and 95 % of the mass")
        {
            chains, parameters, burn, thin, truths, compare, output,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var file = parse.GetValue(chains)!;
            var table = Read(file.FullName);
            var other = parse.GetValue(compare) is { } c ? Read(c.FullName) : null;
            string outPath = OutputPath(parse.GetValue(output), file, "corner.png");
            int stride = parse.GetValue(thin);
            if (stride < 1) throw new UserInputException($"--thin must be >= 1 (got {stride})");
            if (parse.GetValue(burn) < 0) throw new UserInputException($"--burn must be >= 0 (got {parse.GetValue(burn)})");
            var options = new CornerOptions
            {
                Parameters = SplitList(parse.GetValue(parameters)),
                BurnIn = parse.GetValue(burn),
                Thin = stride,
                Truths = ParseTruths(parse.GetValue(truths)),
                Compare = other,
                Name = RunName(file),
                CompareName = other is null ? null : RunName(parse.GetValue(compare)!),
            };
            AtomicFile.Render(outPath, tmp => CornerPlot.Render(table, options, tmp));
            Console.WriteLine($"wrote {outPath}");
            return 0;
        }));
        return command;
    }

    public static Command CreateTrace()
    {
        var chains = new Argument<FileInfo>("chains") { Description = "Parquet chain file with chain and draw columns" };
        var parameters = new Option<string?>("--params") { Description = "Comma-separated columns to plot" };
        var burn = new Option<long>("--burn") { Description = "Shade draws below this index as burn-in" };
        var output = new Option<FileInfo?>("--out") { Description = "Output .png or .svg (default: trace.png next to the chains)" };
        var command = new Command("trace", "Walker trajectories over draws, with the integrated autocorrelation time τ per parameter")
        {
            chains, parameters, burn, output,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var file = parse.GetValue(chains)!;
            var table = Read(file.FullName);
            string outPath = OutputPath(parse.GetValue(output), file, "trace.png");
            var names = SplitList(parse.GetValue(parameters)) ?? table.ParameterNames;
            var tau = TableAutocorrelation.Times(table, names, file.FullName);
            var options = new TraceOptions { Parameters = names, Tau = tau, BurnIn = parse.GetValue(burn), Title = file.Name };
            AtomicFile.Render(outPath, tmp => TracePlot.Render(table, options, tmp));
            Console.WriteLine($"wrote {outPath}");
            foreach (var (name, t) in tau) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tau {name,-20} {t,10:G4} steps"));
            return 0;
        }));
        return command;
    }

    /// <summary>The run folder's name for our chains.parquet/samples.parquet, else the file name.</summary>
    private static string RunName(FileInfo file) =>
        file.Name is "chains.parquet" or "samples.parquet" ? Path.GetFileName(file.DirectoryName) ?? file.Name : Path.GetFileNameWithoutExtension(file.Name);

    private static SampleTable Read(string path) => SampleTableReader.ReadAsync(path).GetAwaiter().GetResult();

    private static string OutputPath(FileInfo? requested, FileInfo chains, string defaultName)
    {
        string path = requested?.FullName ?? Path.Combine(chains.DirectoryName ?? ".", defaultName);
        OutputLocation.CheckFile(path, requested is null ? $"output {path}" : $"--out {requested}");
        return path;
    }

    private static IReadOnlyList<string>? SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyDictionary<string, double>? ParseTruths(string? text) =>
        text is null ? null : KeyValueArguments.ParseNumbers(SplitList(text), "--truths");
}
