using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrInference.Cli.Figures;
using CrInference.Cli.Infrastructure;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf figures --out DIR [--only 1,2,3,5,6,7]</c>: KQ22's Figures 1, 2, 3, 5, 6 and 7 regenerated from our
/// models with the paper's parameters (EQUATIONS.md §1.3), each as <c>figN.png</c> with its numbers in
/// <c>figN.csv</c>, and <c>figN.md</c> listing what it holds, the choices the paper leaves open and
/// the key numbers (cut-offs, slopes, crossings). Figure 7's anisotropic κ takes the longest (the adaptive
/// solver, seconds per rigidity).
/// </summary>
public static class FiguresCommand
{
    /// <summary>The figures that can be regenerated, in order.</summary>
    public static IReadOnlyList<int> Numbers { get; } = [1, 2, 3, 5, 6, 7];

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

    /// <summary>The figure builder of number <paramref name="n"/>.</summary>
    public static PaperFigure Build(int n) => n switch
    {
        1 => Figure1LinearDamping.Build(),
        2 => Figure2Stratified.Build(),
        3 => Figure3FastModeKappa.Build(),
        5 => Figure5TwoPhaseBc.Build(),
        6 => Figure6Variations.Build(),
        7 => Figure7FastModeUncertainties.Build(),
        _ => throw new UserInputException($"--only: figure {n} cannot be regenerated (one of {string.Join(", ", Numbers)}; Figure 4 is a schematic)"),
    };

    private static int Run(string directory, IReadOnlyList<int> figures)
    {
        if (File.Exists(directory)) throw new UserInputException($"--out {directory}: a file with that name exists");
        Directory.CreateDirectory(directory);
        foreach (int n in figures)
        {
            var clock = Stopwatch.StartNew();
            var figure = Build(n);
            string png = Path.Combine(directory, $"fig{n}.png");
            string csv = Path.Combine(directory, $"fig{n}.csv");
            string md = Path.Combine(directory, $"fig{n}.md");
            PlotCommands.WriteAtomically(png, figure.Render);
            PlotCommands.WriteAtomically(csv, tmp => FigureCsv.Write(tmp, figure.Panels));
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# Figure {n}: {figure.Title}\n\n");
            foreach (string note in figure.Notes) text.Append("- ").Append(note).Append('\n');
            PlotCommands.WriteAtomically(md, tmp => File.WriteAllText(tmp, text.ToString(), new UTF8Encoding(false)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {png}, fig{n}.csv, fig{n}.md ({clock.Elapsed.TotalSeconds:0.0} s)"));
            foreach (string note in figure.Notes) Console.WriteLine("  " + note);
        }
        return 0;
    }

    private static IReadOnlyList<int> ParseOnly(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Numbers;
        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || !Numbers.Contains(n))
            {
                throw new UserInputException($"--only: '{part}' is not a figure that can be regenerated (one of {string.Join(", ", Numbers)}; Figure 4 is a schematic)");
            }
            if (!list.Contains(n)) list.Add(n);
        }
        return list;
    }
}
