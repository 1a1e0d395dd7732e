using ScottPlot;
using ScottPlot.Plottables;

namespace CrInference.Plotting;

/// <summary>
/// Data-versus-model figure for spectra: one or more <see cref="SpectrumPanel"/>s side by side
/// (for example proton flux × R^2.7, Voyager H and B/C), each with a main axis showing the data
/// points with error bars, the posterior-predictive median and its 68 % / 95 % bands and any extra
/// curves, and under it a residual axis with (data − median)/σ and guide lines at 0, ±1 and ±2.
/// </summary>
/// <remarks>
/// <para>The x axis is logarithmic (data in log₁₀ units, labels 10ⁿ); the y axis is logarithmic
/// unless <see cref="SpectrumPanel.LogY"/> is false. Any weighting such as × R^2.7 is applied by the
/// caller to data, σ and model alike.</para>
/// <para>Residuals use the median interpolated at each data abscissa, linearly in log x and in log y
/// (linear y when the panel's y axis is linear or the median is not positive); points outside the
/// model grid get no residual. On a log y axis an error bar reaching zero or below is drawn down to
/// the bottom of the axis.</para>
/// </remarks>
public static class SpectrumPlot
{
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare];

    private const float Left = 92;
    private const float Right = 18;
    private const float TitleHeight = 34;
    private const float Bottom = 58;
    private const float Gap = 8;

    /// <summary>Renders the panels to a .png or .svg file.</summary>
    /// <exception cref="PlotInputException">No panels, arrays of different lengths, or an output
    /// extension other than .png or .svg.</exception>
    public static void Render(IReadOnlyList<SpectrumPanel> panels, SpectrumPlotOptions options, string outPath)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(options);
        Figure.CheckOutputPath(outPath);
        if (panels.Count == 0)
        {
            throw new PlotInputException($"{outPath}: no spectrum panels to draw");
        }

        foreach (SpectrumPanel panel in panels)
        {
            Validate(panel, outPath);
        }

        int columns = Math.Clamp(options.Columns ?? Math.Min(panels.Count, 3), 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        float header = string.IsNullOrEmpty(options.Title) ? 6 : 40;
        float cellHeight = TitleHeight + options.MainHeight + Gap + options.ResidualHeight + Bottom + 12;
        using var figure = new Figure(columns * options.PanelWidth, (int)Math.Ceiling(header + (rows * cellHeight)));
        for (int k = 0; k < panels.Count; k++)
        {
            float x0 = k % columns * options.PanelWidth;
            float y0 = header + (k / columns * cellHeight);
            AddPanel(figure, panels[k], options, x0, y0);
        }

        if (!string.IsNullOrEmpty(options.Title))
        {
            figure.Add(
                PlotTheme.TextPanel([new TextLine(LabelText.FromLatex(options.Title), Colors.Black, 18, Bold: true)], Alignment.UpperCenter),
                PlotTheme.Rect(0, 4, figure.Width, header - 4));
        }

        figure.Save(outPath);
    }

    private static void AddPanel(Figure figure, SpectrumPanel panel, SpectrumPlotOptions options, float x0, float y0)
    {
        var xScale = new AxisScale(true);
        var yScale = new AxisScale(panel.LogY);
        ModelBand? model = panel.Model;
        bool residuals = model is not null;

        (double Min, double Max) xRange = xScale.Range(
            panel.Data.SelectMany(d => d.X).Concat(model?.X ?? []).Concat(panel.Curves.SelectMany(c => c.X)),
            0.03);
        IEnumerable<double> yValues = panel.Data.SelectMany(d => d.Y.Select((y, i) => y + d.Sigma[i]).Concat(d.Y.Select((y, i) => y - d.Sigma[i])).Concat(d.Y))
            .Concat(model is null ? [] : model.Lower95.Concat(model.Upper95).Concat(model.Median))
            .Concat(panel.Curves.SelectMany(c => c.Y));
        (double Min, double Max) yRange = yScale.Range(yValues.Where(v => !panel.LogY || v > 0), 0.06);

        // Room for the legend above the curves.
        yRange = (yRange.Min, yRange.Max + (0.12 * (yRange.Max - yRange.Min)));

        Plot main = PlotTheme.NewPanel(12, 14);
        if (model is not null)
        {
            AddBand(main, xScale, yScale, model.X, model.Lower95, model.Upper95, PlotTheme.CurveColors[0].WithAlpha(0.16), "95 %");
            AddBand(main, xScale, yScale, model.X, model.Lower68, model.Upper68, PlotTheme.CurveColors[0].WithAlpha(0.34), "68 %");
            CurvePlot.AddCurve(main, new CurveSeries(model.Label, model.X, model.Median), xScale, yScale, PlotTheme.CurveColors[0], panel.Title);
        }

        for (int c = 0; c < panel.Curves.Count; c++)
        {
            CurvePlot.AddCurve(main, panel.Curves[c], xScale, yScale, PlotTheme.CurveColors[(c + 1) % PlotTheme.CurveColors.Length], panel.Title);
        }

        for (int d = 0; d < panel.Data.Count; d++)
        {
            AddData(main, panel.Data[d], xScale, yScale, yRange.Min, d);
        }

        PlotTheme.FixPadding(main, Left, Right, residuals ? 0 : Bottom, TitleHeight);
        PlotTheme.SetTicks(main.Axes.Bottom, xScale.Ticks(xRange.Min, xRange.Max, 6), !residuals);
        PlotTheme.SetTicks(main.Axes.Left, yScale.Ticks(yRange.Min, yRange.Max, 6), true);
        main.Axes.SetLimits(xRange.Min, xRange.Max, yRange.Min, yRange.Max);
        main.Axes.Left.Label.Text = LabelText.FromLatex(panel.YLabel);
        main.Axes.Title.Label.Text = LabelText.FromLatex(panel.Title);
        main.Axes.Title.Label.FontSize = 15;
        if (!residuals)
        {
            main.Axes.Bottom.Label.Text = LabelText.FromLatex(panel.XLabel);
        }

        PlotTheme.ShowLegend(main, panel.Legend, 12);
        float mainHeight = TitleHeight + options.MainHeight + (residuals ? 0 : Bottom);
        figure.Add(main, PlotTheme.Rect(x0, y0, options.PanelWidth, mainHeight));
        if (model is null)
        {
            return;
        }

        Plot residual = PlotTheme.NewPanel(12, 13);
        double largest = 0;
        for (int d = 0; d < panel.Data.Count; d++)
        {
            largest = Math.Max(largest, AddResiduals(residual, panel.Data[d], model, xScale, panel.LogY, d));
        }

        double limit = Math.Min(Math.Max(3.0, Math.Ceiling((largest * 1.1) + 0.5)), 10.0);
        AddGuide(residual, 0, Colors.Black.WithAlpha(0.6), LinePattern.Solid);
        AddGuide(residual, 1, Colors.Black.WithAlpha(0.45), LinePattern.Dashed);
        AddGuide(residual, -1, Colors.Black.WithAlpha(0.45), LinePattern.Dashed);
        AddGuide(residual, 2, Colors.Black.WithAlpha(0.45), LinePattern.Dotted);
        AddGuide(residual, -2, Colors.Black.WithAlpha(0.45), LinePattern.Dotted);
        PlotTheme.FixPadding(residual, Left, Right, Bottom, 0);
        PlotTheme.SetTicks(residual.Axes.Bottom, xScale.Ticks(xRange.Min, xRange.Max, 6), true);
        // Ticks stop short of the limits so the top label does not touch the main axis above.
        PlotTheme.SetTicks(residual.Axes.Left, AxisTicks.Linear(-limit + 0.5, limit - 0.5, 5), true);
        residual.Axes.SetLimits(xRange.Min, xRange.Max, -limit, limit);
        residual.Axes.Bottom.Label.Text = LabelText.FromLatex(panel.XLabel);
        residual.Axes.Left.Label.Text = "(data − model)/σ";
        residual.Axes.Left.Label.FontSize = 12;
        figure.Add(residual, PlotTheme.Rect(x0, y0 + TitleHeight + options.MainHeight + Gap, options.PanelWidth, options.ResidualHeight + Bottom));
    }

    private static void AddBand(Plot plot, AxisScale xScale, AxisScale yScale, double[] x, double[] lower, double[] upper, Color color, string label)
    {
        var xs = new List<double>();
        var lo = new List<double>();
        var hi = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            double px = xScale.ToPlot(x[i]);
            double pl = yScale.ToPlot(lower[i]);
            double ph = yScale.ToPlot(upper[i]);
            if (double.IsFinite(px) && double.IsFinite(pl) && double.IsFinite(ph))
            {
                xs.Add(px);
                lo.Add(pl);
                hi.Add(ph);
            }
        }

        if (xs.Count < 2)
        {
            return;
        }

        FillY band = plot.Add.FillY(xs.ToArray(), lo.ToArray(), hi.ToArray());
        band.FillColor = color;
        band.LineWidth = 0;
        band.LegendText = label;
    }

    private static void AddData(Plot plot, SpectrumData data, AxisScale xScale, AxisScale yScale, double axisBottom, int index)
    {
        Color color = PlotTheme.SeriesColors[index % PlotTheme.SeriesColors.Length];
        var xs = new List<double>();
        var ys = new List<double>();
        var up = new List<double>();
        var down = new List<double>();
        for (int i = 0; i < data.X.Length; i++)
        {
            double px = xScale.ToPlot(data.X[i]);
            double py = yScale.ToPlot(data.Y[i]);
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                continue;
            }

            double high = yScale.ToPlot(data.Y[i] + data.Sigma[i]);
            double low = yScale.ToPlot(data.Y[i] - data.Sigma[i]);
            xs.Add(px);
            ys.Add(py);
            up.Add(double.IsFinite(high) ? high - py : 0);
            down.Add(double.IsFinite(low) ? py - low : py - axisBottom);
        }

        if (xs.Count == 0)
        {
            return;
        }

        var bars = new ErrorBar(xs, ys, null, null, up, down) { LineColor = color, LineWidth = 1.2f, CapSize = 3 };
        plot.Add.Plottable(bars);
        Markers markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), Shapes[index % Shapes.Length], 6, color);
        markers.LegendText = LabelText.FromLatex(data.Label);
    }

    private static double AddResiduals(Plot plot, SpectrumData data, ModelBand model, AxisScale xScale, bool logY, int index)
    {
        Color color = PlotTheme.SeriesColors[index % PlotTheme.SeriesColors.Length];
        var xs = new List<double>();
        var rs = new List<double>();
        double largest = 0;
        for (int i = 0; i < data.X.Length; i++)
        {
            double m = MedianAt(model, data.X[i], logY);
            double px = xScale.ToPlot(data.X[i]);
            if (!double.IsFinite(m) || !double.IsFinite(px) || !(data.Sigma[i] > 0))
            {
                continue;
            }

            double r = (data.Y[i] - m) / data.Sigma[i];
            xs.Add(px);
            rs.Add(r);
            largest = Math.Max(largest, Math.Abs(r));
        }

        if (xs.Count == 0)
        {
            return 0;
        }

        double[] ones = [.. xs.Select(_ => 1.0)];
        var bars = new ErrorBar(xs, rs, null, null, ones, ones) { LineColor = color, LineWidth = 1.0f, CapSize = 2 };
        plot.Add.Plottable(bars);
        plot.Add.Markers(xs.ToArray(), rs.ToArray(), Shapes[index % Shapes.Length], 5, color);
        return largest;
    }

    /// <summary>Model median at x: linear in log x, and in log y when it is positive and the y axis is logarithmic.</summary>
    private static double MedianAt(ModelBand model, double x, bool logY)
    {
        if (!(x > 0) || model.X.Length == 0)
        {
            return double.NaN;
        }

        double lx = Math.Log10(x);
        for (int k = 0; k + 1 < model.X.Length; k++)
        {
            double a = Math.Log10(model.X[k]);
            double b = Math.Log10(model.X[k + 1]);
            if (lx < Math.Min(a, b) || lx > Math.Max(a, b) || a == b)
            {
                continue;
            }

            double t = (lx - a) / (b - a);
            double ma = model.Median[k];
            double mb = model.Median[k + 1];
            return logY && ma > 0 && mb > 0
                ? Math.Pow(10, Math.Log10(ma) + (t * (Math.Log10(mb) - Math.Log10(ma))))
                : ma + (t * (mb - ma));
        }

        return model.X.Length == 1 && model.X[0] == x ? model.Median[0] : double.NaN;
    }

    private static void AddGuide(Plot plot, double y, Color color, LinePattern pattern)
    {
        var line = plot.Add.HorizontalLine(y, 1, color, pattern);
        line.LabelText = string.Empty;
    }

    private static void Validate(SpectrumPanel panel, string outPath)
    {
        foreach (SpectrumData data in panel.Data)
        {
            if (data.X.Length != data.Y.Length || data.X.Length != data.Sigma.Length)
            {
                throw new PlotInputException($"{outPath}: panel '{panel.Title}': data '{data.Label}' has {data.X.Length} x, {data.Y.Length} y and {data.Sigma.Length} σ values");
            }
        }

        if (panel.Model is { } m)
        {
            int n = m.X.Length;
            if (m.Median.Length != n || m.Lower68.Length != n || m.Upper68.Length != n || m.Lower95.Length != n || m.Upper95.Length != n)
            {
                throw new PlotInputException($"{outPath}: panel '{panel.Title}': model arrays differ in length from its {n} abscissae");
            }
        }
    }
}
