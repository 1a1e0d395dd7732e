using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrInference.Runs.Figures;
using CrInference.Runs;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf figures --out DIR [--only 1,2,3,5,6,7]</c>: KQ22's Figures 1, 2, 3, 5, 6 and 7 regenerated from our
/// models with the paper's parameters (docs/EQUATIONS.md §1.3), each as <c>figN.png</c> with its numbers in
/// <c>figN.csv</c>, and <c>figN.md</c> listing what it holds, the choices the paper leaves open and
/// the key numbers (cut-offs, slopes, crossings). Figure 7's anisotropic κ takes the longest (the adaptive
/// solver, seconds per rigidity).
/// </summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (figN.png, figN.csv, figN.md)", Required = true };
        var only = new Option<string?>("--only") { Description = "Comma-separated figure numbers (default: 1,2,3,5,6,7)" };
        var command = new Command("figures", "Regenerate the figures of Kempski & Quataert (2022) from the models, with the data they compare to")
        {
            output, only,
        };
        command.SetAction(parse => CliApp.Guard(() => Run(parse.GetValue(output)!.FullName, ParseOnly(parse.GetValue(only)))));
        return command;
    }

    private static int Run(string directory, IReadOnlyList<int> figures)
    {
        OutputLocation.CheckFolder(directory, $"--out {directory}");
        Directory.CreateDirectory(directory);
        foreach (int n in figures)
        {
            var clock = Stopwatch.StartNew();
            var (figure, png) = PaperFigures.Write(directory, n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {png}, fig{n}.csv, fig{n}.md ({clock.Elapsed.TotalSeconds:0.0} s)"));
            foreach (string note in figure.Notes) Console.WriteLine("  " + note);
        }
        return 0;
    }

    private static IReadOnlyList<int> ParseOnly(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return PaperFigures.Numbers;
        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || !PaperFigures.Numbers.Contains(n))
            {
                throw new UserInputException($"--only: '{part}' is not a figure that can be regenerated (one of {string.Join(", ", PaperFigures.Numbers)}; Figure 4 is a schematic)");
            }
            if (!list.Contains(n)) list.Add(n);
        }
        return list;
    }
}
