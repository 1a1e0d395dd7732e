using ScottPlot;

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
public static partial class CornerPlot
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
}
