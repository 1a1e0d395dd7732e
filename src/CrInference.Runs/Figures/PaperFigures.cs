using System.Globalization;
using System.Text;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22's figures that our models regenerate (Figures 1, 2, 3, 5, 6 and 7; Figure 4 is a schematic), one line
/// per figure in <see cref="Build"/>, and how <c>crinf figures</c> writes one: <c>figN.png</c>, its numbers in
/// <c>figN.csv</c> and <c>figN.md</c> listing what it holds, the open choices and the key numbers.
/// </summary>
public static class PaperFigures
{
    /// <summary>The figures that can be regenerated, in order.</summary>
    public static IReadOnlyList<int> Numbers { get; } = [1, 2, 3, 5, 6, 7];

    /// <summary>The figure of number <paramref name="n"/> (one of <see cref="Numbers"/>).</summary>
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

    /// <summary>Builds figure <paramref name="n"/> and writes its three files into <paramref name="directory"/>, each
    /// atomically; returns the figure (for its notes) and the path of the PNG.</summary>
    public static (PaperFigure Figure, string Png) Write(string directory, int n)
    {
        var figure = Build(n);
        string png = Path.Combine(directory, $"fig{n}.png");
        AtomicFile.Render(png, figure.Render);
        AtomicFile.Render(Path.Combine(directory, $"fig{n}.csv"), tmp => FigureCsv.Write(tmp, figure.Panels));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Figure {n}: {figure.Title}\n\n");
        foreach (string note in figure.Notes) text.Append("- ").Append(note).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(directory, $"fig{n}.md"), text.ToString());
        return (figure, png);
    }
}
