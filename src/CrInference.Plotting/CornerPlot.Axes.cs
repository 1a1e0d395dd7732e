using System.Globalization;
using ScottPlot;
using ScottPlot.AxisPanels;

namespace CrInference.Plotting;

/// <summary>The axes, titles and legend of a corner plot: shared ranges and ticks, the marginal titles, the legend text.</summary>
public static partial class CornerPlot
{
    private static void ConfigureAxes(Plot plot, Layout layout, int row, int col, SampleColumn[] columns, (double Min, double Max)[] ranges)
    {
        int n = columns.Length;
        bool bottomLabels = row == n - 1;
        bool leftLabels = col == 0 && row > 0;
        PlotTheme.FixPadding(plot, leftLabels ? layout.LeftMargin : 0, 0, bottomLabels ? layout.BottomMargin : 0, 0);

        PlotTheme.SetTicks(plot.Axes.Bottom, AxisTicks.Linear(ranges[col].Min, ranges[col].Max, layout.TickTarget, TickInset), bottomLabels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        if (bottomLabels)
        {
            plot.Axes.Bottom.Label.Text = columns[col].AxisLabel;
            LockSize(plot.Axes.Bottom, layout.BottomMargin);
        }

        if (row == col)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Left.MinorTickStyle.Length = 0;
            return;
        }

        PlotTheme.SetTicks(plot.Axes.Left, AxisTicks.Linear(ranges[row].Min, ranges[row].Max, layout.TickTarget, TickInset), leftLabels);
        if (leftLabels)
        {
            plot.Axes.Left.Label.Text = columns[row].AxisLabel;
            LockSize(plot.Axes.Left, layout.LeftMargin);
        }
    }

    private static void LockSize(IAxis axis, float size)
    {
        if (axis is AxisBase panel)
        {
            panel.MinimumSize = size;
            panel.MaximumSize = size;
        }
    }

    private static Plot TitlePanel(List<Run> runs, SampleColumn column, int p, Layout layout)
    {
        var lines = new List<TextLine>();
        string first = $"{column.DisplayName} = {SummaryText.Format(runs[0].Summary[p])}";
        Color firstColor = runs.Count > 1 ? runs[0].Color : Colors.Black;
        if (layout.Fits(first, layout.TitleFont))
        {
            lines.Add(new TextLine(first, firstColor, layout.TitleFont));
        }
        else
        {
            lines.Add(new TextLine(column.DisplayName, Colors.Black, layout.TitleFont));
            lines.Add(new TextLine(SummaryText.Format(runs[0].Summary[p]), firstColor, layout.TitleFont));
        }

        for (int r = 1; r < runs.Count; r++)
        {
            lines.Add(new TextLine(SummaryText.Format(runs[r].Summary[p]), runs[r].Color, layout.TitleFont));
        }

        // Stack from the bottom of the title strip upwards so short titles sit right above the panel.
        lines.Reverse();
        return BottomUpText(lines);
    }

    private static Plot BottomUpText(List<TextLine> linesBottomFirst)
    {
        Plot plot = PlotTheme.TextPanel([], Alignment.LowerCenter);
        // Annotation offsets are margins measured inwards (upwards here) from the bottom edge.
        float offset = 2;
        foreach (TextLine line in linesBottomFirst)
        {
            var annotation = plot.Add.Annotation(line.Text, Alignment.LowerCenter);
            annotation.LabelFontName = PlotTheme.FontName;
            annotation.LabelFontSize = line.Size;
            annotation.LabelFontColor = line.Color;
            annotation.LabelBackgroundColor = Colors.Transparent;
            annotation.LabelBorderColor = Colors.Transparent;
            annotation.LabelBorderWidth = 0;
            annotation.LabelShadowColor = Colors.Transparent;
            annotation.LabelPadding = 0;
            annotation.OffsetY = offset;
            offset += line.Size * 1.4f;
        }

        return plot;
    }

    private static List<TextLine> LegendLines(List<Run> runs, bool hasTruths, string? title, Layout layout)
    {
        float size = layout.LegendFont;
        var lines = new List<TextLine>();
        if (!string.IsNullOrEmpty(title))
        {
            lines.Add(new TextLine(title, Colors.Black, size + 2, Bold: true));
        }

        foreach (Run run in runs)
        {
            lines.Add(new TextLine($"■ {run.Name}", run.Color, size, Bold: true));
            lines.Add(new TextLine(
                string.Create(CultureInfo.InvariantCulture, $"{run.Count:N0} samples, Kish N_eff = {run.EffectiveSize:N0}"),
                run.Color,
                size - 1));
        }

        if (hasTruths)
        {
            lines.Add(new TextLine("━ truth / reference values", PlotTheme.TruthColor, size));
        }

        Color note = Color.FromHex("#333333");
        lines.Add(new TextLine("Contours enclose 68 % (inner) and", note, size));
        lines.Add(new TextLine("95 % (outer) of the posterior mass", note, size));
        lines.Add(new TextLine("(highest-density regions).", note, size));
        lines.Add(new TextLine("1-D: median, 16 % and 84 % quantiles.", note, size));
        return lines;
    }
}
