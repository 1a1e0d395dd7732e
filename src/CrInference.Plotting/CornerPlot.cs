using System.Globalization;
using ScottPlot;
using ScottPlot.AxisPanels;

namespace CrInference.Plotting;

/// <summary>
/// Corner (triangle) plot of posterior samples read from a chain file.
/// </summary>
/// <remarks>
/// <para>Diagonal: weighted 1-D marginal histograms (unit area; <see cref="CredibleLevels.BinsPerAxis1D"/>
/// bins) with the median (solid) and the 16 % / 84 % quantiles (dashed), and a title
/// <c>name = med⁺ˣ₋ᵧ</c>. Below the diagonal: the 2-D marginals as highest-posterior-density
/// regions holding 68 % (darker) and 95 % (lighter) of the posterior mass, computed by
/// <see cref="CredibleLevels.Regions"/>; the figure states this convention, which differs from
/// corner.py's default (whose "1σ" contour holds 39 %).</para>
/// <para>Every panel of a column shares the x range of its parameter (the union of
/// <see cref="CredibleLevels.AutoRange"/> over the runs, widened to include truths), and every
/// panel of a row shares the y range, with identical hand-made ticks; tick labels appear only on
/// the bottom row and the left column, rotated 45° on the bottom. The canvas grows with the number
/// of parameters (panel edge from 320 px for two parameters down to 165 px from twelve on).</para>
/// <para>Rows with a non-finite value in a plotted column, or with zero weight, are dropped. A
/// compared run (<see cref="CornerOptions.Compare"/>) is drawn in a second colour with the same
/// conventions and named in the legend.</para>
/// </remarks>
public static class CornerPlot
{
    private const float Gap = 5;

    // Rotated bottom labels run down-left from their tick: none within 5 % of a panel's edges.
    private const double TickInset = 0.05;

    /// <summary>Renders the corner plot of <paramref name="table"/> to a .png or .svg file.</summary>
    /// <exception cref="PlotInputException">A requested column is missing or not numeric, no rows
    /// are left, or the output extension is not .png or .svg.</exception>
    public static void Render(SampleTable table, CornerOptions options, string outPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        Figure.CheckOutputPath(outPath);

        IReadOnlyList<string> names = options.Parameters ?? table.ParameterNames;
        if (names.Count == 0)
        {
            throw new PlotInputException($"{table.Source}: no parameter columns to plot (only bookkeeping columns)");
        }

        var truths = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string name, double value) in options.Truths ?? new Dictionary<string, double>())
        {
            table.GetColumn(name);
            if (names.Contains(name))
            {
                truths[name] = value;
            }
        }

        var runs = new List<Run> { Run.Prepare(table, names, options, options.Name, PlotTheme.RunColors[0]) };
        if (options.Compare is not null)
        {
            runs.Add(Run.Prepare(options.Compare, names, options, options.CompareName, PlotTheme.RunColors[1]));
            if (runs[0].Name == runs[1].Name)
            {
                runs[0] = runs[0] with { Name = table.Source };
                runs[1] = runs[1] with { Name = options.Compare.Source };
            }
        }

        var ranges = new (double Min, double Max)[names.Count];
        for (int p = 0; p < names.Count; p++)
        {
            double lo = double.PositiveInfinity;
            double hi = double.NegativeInfinity;
            foreach (Run run in runs)
            {
                (double a, double b) = CredibleLevels.AutoRange(run.Values[p], run.Weights);
                lo = Math.Min(lo, a);
                hi = Math.Max(hi, b);
            }

            if (truths.TryGetValue(names[p], out double truth) && double.IsFinite(truth))
            {
                double pad = 0.05 * (hi - lo);
                lo = Math.Min(lo, truth - pad);
                hi = Math.Max(hi, truth + pad);
            }

            ranges[p] = (lo, hi);
        }

        SampleColumn[] columns = [.. names.Select(table.GetColumn)];
        var layout = new Layout(names.Count, options.PanelPixels);
        using var figure = new Figure(layout.Width, layout.Height);
        for (int row = 0; row < names.Count; row++)
        {
            for (int col = 0; col <= row; col++)
            {
                Plot plot = row == col
                    ? Diagonal(runs, row, ranges[row], truths.GetValueOrDefault(names[row], double.NaN), layout)
                    : OffDiagonal(runs, col, row, ranges[col], ranges[row], truths, names, options.FillContours, layout);
                ConfigureAxes(plot, layout, row, col, columns, ranges);
                figure.Add(plot, layout.PanelRect(row, col));
            }

            figure.Add(TitlePanel(runs, columns[row], row, layout), layout.TitleRect(row));
        }

        List<TextLine> legend = LegendLines(runs, truths.Count > 0, options.Title, layout);
        figure.Add(PlotTheme.TextPanel(legend, Alignment.UpperRight), layout.LegendRect(legend));
        figure.Save(outPath);
    }

    private static Plot Diagonal(List<Run> runs, int p, (double Min, double Max) range, double truth, Layout layout)
    {
        Plot plot = PlotTheme.NewPanel(layout.TickFont, layout.LabelFont);
        double top = 0;
        foreach (Run run in runs)
        {
            int bins = CredibleLevels.BinsPerAxis1D(run.EffectiveSize);
            double width = (range.Max - range.Min) / bins;
            var mass = new double[bins];
            double total = 0;
            double[] values = run.Values[p];
            for (int k = 0; k < values.Length; k++)
            {
                double w = run.Weights.Length == 0 ? 1.0 : run.Weights[k];
                total += w;
                int b = (int)Math.Floor((values[k] - range.Min) / width);
                if (values[k] == range.Max)
                {
                    b = bins - 1;
                }

                if (b >= 0 && b < bins)
                {
                    mass[b] += w;
                }
            }

            var outline = new List<Coordinates> { new(range.Min, 0) };
            for (int b = 0; b < bins; b++)
            {
                double density = mass[b] / (total * width);
                top = Math.Max(top, density);
                outline.Add(new Coordinates(range.Min + (b * width), density));
                outline.Add(new Coordinates(range.Min + ((b + 1) * width), density));
            }

            outline.Add(new Coordinates(range.Max, 0));
            var polygon = plot.Add.Polygon([.. outline]);
            polygon.FillColor = run.Color.WithAlpha(0.12);
            polygon.LineColor = run.Color;
            polygon.LineWidth = 1.4f;

            AddVerticalLine(plot, run.Summary[p].Median, run.Color, 1.3f, LinePattern.Solid);
            AddVerticalLine(plot, run.Summary[p].Lower, run.Color, 1.1f, LinePattern.Dashed);
            AddVerticalLine(plot, run.Summary[p].Upper, run.Color, 1.1f, LinePattern.Dashed);
        }

        if (double.IsFinite(truth))
        {
            AddVerticalLine(plot, truth, PlotTheme.TruthColor, 1.6f, LinePattern.Solid);
        }

        plot.Axes.SetLimits(range.Min, range.Max, 0, top * 1.08);
        return plot;
    }

    private static Plot OffDiagonal(
        List<Run> runs,
        int px,
        int py,
        (double Min, double Max) xRange,
        (double Min, double Max) yRange,
        Dictionary<string, double> truths,
        IReadOnlyList<string> names,
        bool fill,
        Layout layout)
    {
        Plot plot = PlotTheme.NewPanel(layout.TickFont, layout.LabelFont);
        for (int r = 0; r < runs.Count; r++)
        {
            Run run = runs[r];
            CredibleRegion2D region = CredibleLevels.Regions(
                run.Values[px], run.Values[py], run.Weights, CredibleLevels.DefaultMasses, xRange, yRange);

            // 95 % first so the 68 % region is drawn on top of it.
            for (int level = region.Masses.Count - 1; level >= 0; level--)
            {
                foreach (ContourPath path in region.Contours[level])
                {
                    Coordinates[] points = [.. path.X.Select((x, i) => new Coordinates(x, path.Y[i]))];
                    var polygon = plot.Add.Polygon(points);
                    double alpha = level == 0 ? 0.40 : 0.18;
                    polygon.FillColor = fill ? run.Color.WithAlpha(r == 0 ? alpha : alpha * 0.7) : Colors.Transparent;
                    polygon.LineColor = run.Color;
                    polygon.LineWidth = level == 0 ? 1.5f : 1.0f;
                }
            }
        }

        bool hasX = truths.TryGetValue(names[px], out double tx);
        bool hasY = truths.TryGetValue(names[py], out double ty);
        if (hasX)
        {
            AddVerticalLine(plot, tx, PlotTheme.TruthColor, 1.3f, LinePattern.Solid);
        }

        if (hasY)
        {
            var line = plot.Add.HorizontalLine(ty, 1.3f, PlotTheme.TruthColor);
            line.LabelText = string.Empty;
        }

        if (hasX && hasY)
        {
            plot.Add.Marker(tx, ty, MarkerShape.FilledSquare, 6, PlotTheme.TruthColor);
        }

        plot.Axes.SetLimits(xRange.Min, xRange.Max, yRange.Min, yRange.Max);
        return plot;
    }

    private static void AddVerticalLine(Plot plot, double x, Color color, float width, LinePattern pattern)
    {
        var line = plot.Add.VerticalLine(x, width, color, pattern);
        line.LabelText = string.Empty;
    }

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

    /// <summary>A prepared run: selected columns after burn-in, thinning and dropping non-finite rows.</summary>
    private sealed record Run(string Name, double[][] Values, double[] Weights, int Count, double EffectiveSize, MarginalSummary[] Summary, Color Color)
    {
        public static Run Prepare(SampleTable table, IReadOnlyList<string> names, CornerOptions options, string? name, Color color)
        {
            foreach (string column in names)
            {
                table.GetColumn(column);
            }

            if (table.RowCount == 0)
            {
                throw PlotInputException.EmptyTable(table.Source, "the table has no rows");
            }

            SampleTable kept = table.WithBurnIn(options.BurnIn).Thinned(options.Thin).WithoutNonFinite(names);
            if (kept.RowCount == 0)
            {
                throw PlotInputException.EmptyTable(
                    table.Source,
                    string.Create(CultureInfo.InvariantCulture, $"no rows left after burn-in {options.BurnIn}, thinning {options.Thin} and dropping non-finite values or zero weights"));
            }

            double[][] values = [.. names.Select(n => kept.GetColumn(n).Values)];
            double[] weights = kept.Weights ?? [];
            MarginalSummary[] summary = [.. values.Select(v => CredibleLevels.Summarize(v, weights))];
            return new Run(
                name ?? Path.GetFileName(table.Source),
                values,
                weights,
                kept.RowCount,
                CredibleLevels.EffectiveSampleSize(weights, kept.RowCount),
                summary,
                color);
        }
    }

    /// <summary>Pixel geometry of the triangle, scaled with the number of parameters.</summary>
    private sealed class Layout
    {
        public Layout(int n, int? panelPixels)
        {
            N = n;
            Panel = panelPixels ?? n switch
            {
                <= 2 => 320,
                <= 4 => 260,
                <= 6 => 215,
                <= 9 => 185,
                _ => 165,
            };
            bool small = Panel < 200;
            TickFont = small ? 10 : 11;
            LabelFont = small ? 12 : 13;
            TitleFont = small ? 12 : 13;
            LegendFont = n <= 2 ? 12 : n <= 6 ? 14 : 16;
            TickTarget = Panel >= 250 ? 5 : 4;
            TitleHeight = (TitleFont * 1.4f * 3) + 6;
            LeftMargin = 84;
            BottomMargin = 76;
            TopMargin = TitleHeight + 4;
            float grid = (n * Panel) + ((n - 1) * Gap);
            Width = (int)Math.Ceiling(LeftMargin + grid + 24 + (n == 1 ? 300 : 0));
            Height = (int)Math.Ceiling(TopMargin + grid + BottomMargin);
        }

        public int N { get; }

        public float Panel { get; }

        public float TickFont { get; }

        public float LabelFont { get; }

        public float TitleFont { get; }

        public float LegendFont { get; }

        public int TickTarget { get; }

        public float TitleHeight { get; }

        public float LeftMargin { get; }

        public float BottomMargin { get; }

        public float TopMargin { get; }

        public int Width { get; }

        public int Height { get; }

        /// <summary>
        /// Room for the legend in the empty upper triangle: the widest band of columns c0…n−1 (from
        /// c0 = 1) whose height above the topmost diagonal title in those columns holds every line,
        /// right-aligned; one parameter puts it beside the panel.
        /// </summary>
        public PixelRect LegendRect(IReadOnlyList<TextLine> lines)
        {
            if (N == 1)
            {
                return PlotTheme.Rect(DataLeft(1) + 10, TopMargin, 300, Panel);
            }

            float needHeight = lines.Sum(l => l.Size * 1.45f) + 12;
            float needWidth = lines.Max(l => l.Text.Length * l.Size * 0.6f) + 8;
            int firstColumn = (N + 1) / 2;
            for (int c = 1; c < N; c++)
            {
                if (RoomAbove(c) >= needHeight && Width - DataLeft(c) - 8 >= needWidth)
                {
                    firstColumn = c;
                    break;
                }
            }

            float left = DataLeft(firstColumn);
            return PlotTheme.Rect(left, 4, Width - left - 8, RoomAbove(firstColumn));

            float RoomAbove(int column) => DataTop(column) - TitleHeight - 12;
        }

        public float DataLeft(int col) => LeftMargin + (col * (Panel + Gap));

        public float DataTop(int row) => TopMargin + (row * (Panel + Gap));

        public PixelRect PanelRect(int row, int col)
        {
            bool left = col == 0 && row > 0;
            bool bottom = row == N - 1;
            float x = DataLeft(col) - (left ? LeftMargin : 0);
            float w = Panel + (left ? LeftMargin : 0);
            float h = Panel + (bottom ? BottomMargin : 0);
            return PlotTheme.Rect(x, DataTop(row), w, h);
        }

        public PixelRect TitleRect(int p) =>
            PlotTheme.Rect(DataLeft(p) - (Gap / 2), DataTop(p) - TitleHeight - 2, Panel + Gap, TitleHeight);

        /// <summary>Rough text-width check (DejaVu Sans averages about 0.6 em per character).</summary>
        public bool Fits(string text, float fontSize) => text.Length * fontSize * 0.6f <= Panel + Gap;
    }
}
