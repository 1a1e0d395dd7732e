using ScottPlot;

namespace CrInference.Plotting;

/// <summary>One parameter's SBC rank histogram: the counts per bin and the 99 % band of one bin's count under uniformity.</summary>
/// <param name="Label">The parameter (LaTeX allowed).</param>
/// <param name="Draws">L: ranks run 0 … L; the bins split the L + 1 ranks evenly.</param>
/// <param name="Counts">Replicates per bin, bins in rank order.</param>
/// <param name="BandLow">Lower end of the band.</param>
/// <param name="BandHigh">Upper end of the band.</param>
/// <param name="Note">A line under the panel's title, e.g. the coverages and the uniformity p-value.</param>
public sealed record RankHistogramPanel(string Label, int Draws, IReadOnlyList<int> Counts, int BandLow, int BandHigh, string Note);

/// <summary>
/// Simulation-based calibration rank histograms (Talts et al. 2018, Fig. 2): one panel per parameter with the
/// counts per rank bin as bars, the expected count N/B as a line and the band inside which one bin's count falls
/// with 99 % probability when the ranks are uniform (grey). Bars leaving the band in a pattern (a ∪ shape:
/// posterior too narrow; ∩: too wide; a slope: biased) show miscalibration.
/// </summary>
public static class RankHistogramPlot
{
    private const int PanelWidth = 380;
    private const int PanelHeight = 300;
    private const int Columns = 4;

    /// <summary>Renders the panels to a .png or .svg file.</summary>
    /// <exception cref="PlotInputException">No panel, a panel without bins, or an unsupported extension.</exception>
    public static void Render(IReadOnlyList<RankHistogramPanel> panels, string title, string outPath)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Figure.CheckOutputPath(outPath);
        if (panels.Count == 0) throw new PlotInputException($"{outPath}: no parameter to draw");
        int columns = Math.Min(Columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        const int header = 40;
        using var figure = new Figure(columns * PanelWidth, rows * PanelHeight + header);
        figure.Add(PlotTheme.TextPanel([new TextLine(title, Colors.Black, 16)], Alignment.MiddleCenter), PlotTheme.Rect(0, 0, columns * PanelWidth, header));
        for (int i = 0; i < panels.Count; i++)
        {
            var plot = Panel(panels[i], outPath);
            figure.Add(plot, PlotTheme.Rect(i % columns * PanelWidth, header + i / columns * PanelHeight, PanelWidth, PanelHeight));
        }
        figure.Save(outPath);
    }

    private static Plot Panel(RankHistogramPanel panel, string context)
    {
        int bins = panel.Counts.Count;
        if (bins == 0) throw new PlotInputException($"{context}: panel '{panel.Label}' has no bins");
        double expected = (double)panel.Counts.Sum() / bins;
        double width = (panel.Draws + 1.0) / bins;
        var plot = PlotTheme.NewPanel(10, 12);
        var band = plot.Add.FillY([0.0, panel.Draws + 1.0], [panel.BandLow, panel.BandLow], [panel.BandHigh, panel.BandHigh]);
        band.FillColor = Colors.Gray.WithAlpha(0.25);
        band.LineWidth = 0;
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) * width).ToArray(), panel.Counts.Select(c => (double)c).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.9 * width;
            bar.FillColor = PlotTheme.RunColors[0].WithAlpha(0.8);
            bar.LineWidth = 0;
        }
        var line = plot.Add.HorizontalLine(expected);
        line.Color = Colors.Black;
        line.LineWidth = 1;
        line.LinePattern = LinePattern.Dashed;
        double top = Math.Max(panel.BandHigh, panel.Counts.Max()) * 1.15 + 1;
        plot.Axes.SetLimits(0, panel.Draws + 1.0, 0, top);
        plot.Axes.Bottom.Label.Text = $"rank of the truth among {panel.Draws} draws";
        plot.Axes.Left.Label.Text = "replicates";
        plot.Axes.Title.Label.Text = LabelText.FromLatex(panel.Label) + (panel.Note.Length > 0 ? "\n" + panel.Note : "");
        plot.Axes.Title.Label.FontSize = 12;
        return plot;
    }
}
