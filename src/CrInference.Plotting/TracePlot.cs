using System.Globalization;
using CrInference.Storage.Parquet;
using ScottPlot;

namespace CrInference.Plotting;

/// <summary>
/// Trace plot for convergence checks: one panel per parameter with every walker's trajectory over
/// the draws, as thin semi-transparent lines (distinct colours for up to 10 walkers).
/// </summary>
/// <remarks>
/// <para>Walkers are told apart by the <c>chain</c> column and ordered by the <c>draw</c> column;
/// without <c>chain</c> the table is one walker, without <c>draw</c> the row order within each
/// walker is the draw index.</para>
/// <para><b>τ marking.</b> With an integrated autocorrelation time τ (in draws) for a parameter,
/// the panel's label reads <c>τ = …, N/τ = …</c>, where N is the number of draws shown, and a
/// dashed vertical line is drawn 50τ after the first draw, the length emcee recommends as a
/// minimum (Foreman-Mackey et al. 2013, autocorrelation tutorial); when 50τ exceeds the chain the
/// label says <c>N &lt; 50τ</c> in red instead. A burn-in, if given, is shaded grey.</para>
/// </remarks>
public static class TracePlot
{
    private const float Width = 1200;
    private const float LeftMargin = 70;
    private const float RightMargin = 20;
    private const float BottomMargin = 52;
    private const float Gap = 6;

    /// <summary>Renders the trace plot of <paramref name="table"/> to a .png or .svg file.</summary>
    /// <exception cref="PlotInputException">A requested column is missing or not numeric, the table
    /// is empty, or the output extension is not .png or .svg.</exception>
    public static void Render(SampleTable table, TraceOptions options, string outPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        Figure.CheckOutputPath(outPath);
        IReadOnlyList<string> names = options.Parameters ?? table.ParameterNames;
        if (names.Count == 0)
        {
            throw new PlotInputException($"{table.Source}: no parameter columns to plot (only bookkeeping columns)");
        }

        SampleColumn[] columns = [.. names.Select(table.GetColumn)];
        if (table.RowCount == 0)
        {
            throw PlotInputException.EmptyTable(table.Source, "the table has no rows");
        }

        foreach (string name in options.Tau?.Keys ?? [])
        {
            table.GetColumn(name);
        }

        double[] draws = table.DrawIndex();
        List<int[]> walkers = WalkerRows(table, draws);
        double first = draws.Min();
        double last = draws.Max();
        long drawCount = (long)(last - first) + 1;

        float panelHeight = names.Count <= 4 ? 190 : names.Count <= 8 ? 150 : 125;
        float top = string.IsNullOrEmpty(options.Title) ? 34 : 58;
        int height = (int)Math.Ceiling(top + (names.Count * (panelHeight + Gap)) - Gap + BottomMargin);
        using var figure = new Figure((int)Width, height);
        var layout = new Panels(draws, walkers, first, last, drawCount, panelHeight, top, AxisTicks.Linear(first, last, 8), WalkerColors(walkers.Count));
        for (int p = 0; p < names.Count; p++)
        {
            AddPanel(figure, options, layout, p, p == names.Count - 1, names[p], columns[p]);
        }

        var header = new List<TextLine>();
        if (!string.IsNullOrEmpty(options.Title))
        {
            header.Add(new TextLine(options.Title, Colors.Black, 16, Bold: true));
        }

        header.Add(new TextLine(
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(table.Source)}: {walkers.Count} walker(s), draws {first:F0}–{last:F0}"),
            Color.FromHex("#333333"),
            13));
        figure.Add(PlotTheme.TextPanel(header, Alignment.UpperLeft), PlotTheme.Rect(LeftMargin, 2, Width - LeftMargin - RightMargin, top - 4));
        figure.Save(outPath);
    }

    /// <summary>What every panel of one figure shares: the draws, the walkers' rows, the x range and ticks, the sizes and colours.</summary>
    private sealed record Panels(double[] Draws, List<int[]> Walkers, double First, double Last, long DrawCount, float PanelHeight, float Top,
        AxisTicks XTicks, Color[] Colors);

    /// <summary>The panel of parameter <paramref name="p"/>: every walker's trajectory, the burn-in shaded, τ in the label.</summary>
    private static void AddPanel(Figure figure, TraceOptions options, Panels layout, int p, bool bottom, string name, SampleColumn column)
    {
        Plot plot = PlotTheme.NewPanel(11, 13);
        PlotTheme.FixPadding(plot, LeftMargin, RightMargin, bottom ? BottomMargin : 0, 0);
        if (options.BurnIn > 0)
        {
            var span = plot.Add.HorizontalSpan(layout.First, Math.Min(layout.First + options.BurnIn, layout.Last), Colors.Gray.WithAlpha(0.15));
            span.LineWidth = 0;
        }
        var (lo, hi) = AddWalkers(plot, layout, column.Values);
        double pad = hi > lo ? 0.06 * (hi - lo) : Math.Max(Math.Abs(lo), 1) * 1e-3;
        var label = new List<TextLine> { new(column.AxisLabel, Colors.Black, 13) };
        if (options.Tau is not null && options.Tau.TryGetValue(name, out double tau) && tau > 0)
        {
            double fiftyTau = layout.First + (50 * tau);
            string text = string.Create(CultureInfo.InvariantCulture, $"τ = {tau:G3} draws, N/τ = {layout.DrawCount / tau:F0}");
            if (fiftyTau <= layout.Last)
            {
                var mark = plot.Add.VerticalLine(fiftyTau, 1.5f, Colors.Black, LinePattern.Dashed);
                mark.LabelText = string.Empty;
                label.Add(new TextLine(text + "  (dashed line: 50τ)", Colors.Black, 11));
            }
            else
            {
                label.Add(new TextLine(text + "  N < 50τ", Color.FromHex("#c00000"), 11, Bold: true));
            }
        }
        PlotTheme.SetTicks(plot.Axes.Bottom, layout.XTicks, bottom);
        PlotTheme.SetTicks(plot.Axes.Left, AxisTicks.Linear(lo - pad, hi + pad, layout.PanelHeight >= 150 ? 5 : 4), true);
        if (bottom) plot.Axes.Bottom.Label.Text = "draw";
        plot.Axes.SetLimits(layout.First, layout.Last, lo - pad, hi + pad);
        float y0 = layout.Top + (p * (layout.PanelHeight + Gap));
        figure.Add(plot, PlotTheme.Rect(0, y0, Width, layout.PanelHeight + (bottom ? BottomMargin : 0)));
        figure.Add(LabelBox(label), PlotTheme.Rect(LeftMargin + 2, y0 + 2, Width - LeftMargin - RightMargin - 4, (label.Count * 18) + 6));
    }

    /// <summary>Draws every walker's trajectory of <paramref name="values"/>; returns the range of the finite values (0 to 1 if none).</summary>
    private static (double Lo, double Hi) AddWalkers(Plot plot, Panels layout, double[] values)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        for (int w = 0; w < layout.Walkers.Count; w++)
        {
            int[] rows = layout.Walkers[w];
            double[] xs = [.. rows.Select(r => layout.Draws[r])];
            double[] ys = [.. rows.Select(r => values[r])];
            foreach (double y in ys)
            {
                if (double.IsFinite(y))
                {
                    lo = Math.Min(lo, y);
                    hi = Math.Max(hi, y);
                }
            }
            var line = plot.Add.SignalXY(xs, ys, layout.Colors[w]);
            line.LineWidth = layout.Walkers.Count > 10 ? 0.8f : 1.0f;
            line.MarkerSize = 0;
        }
        return double.IsFinite(lo) ? (lo, hi) : (0, 1);
    }

    private static Plot LabelBox(List<TextLine> lines)
    {
        Plot plot = PlotTheme.TextPanel(lines, Alignment.UpperLeft);
        foreach (var annotation in plot.GetPlottables<ScottPlot.Plottables.Annotation>())
        {
            annotation.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            annotation.LabelPadding = 2;
        }

        return plot;
    }

    private static List<int[]> WalkerRows(SampleTable table, double[] draws)
    {
        var groups = new SortedDictionary<double, List<int>>();
        double[]? chain = table.HasColumn(ChainColumnNames.Chain) ? table.GetColumn(ChainColumnNames.Chain).Values : null;
        for (int i = 0; i < table.RowCount; i++)
        {
            double key = chain?[i] ?? 0;
            if (!groups.TryGetValue(key, out List<int>? rows))
            {
                rows = [];
                groups[key] = rows;
            }

            rows.Add(i);
        }

        return [.. groups.Values.Select(rows => rows.OrderBy(r => draws[r]).ToArray())];
    }

    private static Color[] WalkerColors(int count)
    {
        if (count <= 10)
        {
            return [.. Enumerable.Range(0, count).Select(i => Colors.Category10[i].WithAlpha(0.8))];
        }

        double alpha = Math.Clamp(2.0 / Math.Sqrt(count), 0.08, 0.6);
        return [.. Enumerable.Repeat(PlotTheme.RunColors[0].WithAlpha(alpha), count)];
    }
}
