using ScottPlot;

namespace CrInference.Plotting;

/// <summary>Shared look of every figure: font, colours, panel construction helpers.</summary>
internal static class PlotTheme
{
    /// <summary>DejaVu Sans when installed (it has Greek, sub- and superscripts), else ScottPlot's sans font.</summary>
    public static readonly string FontName =
        Fonts.GetTypeface("DejaVu Sans", bold: false, italic: false) is { FamilyName: "DejaVu Sans" } ? "DejaVu Sans" : Fonts.Sans;

    /// <summary>Colours of the first and the compared run (blue, vermillion: colour-blind safe).</summary>
    public static readonly Color[] RunColors = [Color.FromHex("#1f5fa8"), Color.FromHex("#d55e00")];

    /// <summary>Colour of truth markers.</summary>
    public static readonly Color TruthColor = Color.FromHex("#009e73");

    /// <summary>Colours for data series and extra curves (Okabe–Ito, black first).</summary>
    public static readonly Color[] SeriesColors =
    [
        Color.FromHex("#000000"), Color.FromHex("#e69f00"), Color.FromHex("#56b4e9"), Color.FromHex("#009e73"),
        Color.FromHex("#cc79a7"), Color.FromHex("#0072b2"), Color.FromHex("#d55e00"), Color.FromHex("#f0e442"),
    ];

    /// <summary>Colours for model curves (distinct from data colours where possible).</summary>
    public static readonly Color[] CurveColors =
    [
        Color.FromHex("#1f5fa8"), Color.FromHex("#d55e00"), Color.FromHex("#009e73"), Color.FromHex("#cc79a7"),
        Color.FromHex("#e69f00"), Color.FromHex("#56b4e9"), Color.FromHex("#000000"), Color.FromHex("#999999"),
    ];

    /// <summary>Dash-dot line pattern (ScottPlot has none built in).</summary>
    public static readonly LinePattern DashDot = new([8f, 4f, 2f, 4f], 0, "DashDot");

    /// <summary>A new plot with the theme font, light grid and the given tick-label size.</summary>
    public static Plot NewPanel(float tickFontSize = 11, float labelFontSize = 13)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.07);
        plot.Grid.MinorLineWidth = 0;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = tickFontSize;
            axis.Label.FontSize = labelFontSize;
            axis.Label.Bold = false;
            axis.MajorTickStyle.Length = 4;
            axis.MinorTickStyle.Length = 2;
        }

        plot.Axes.Title.Label.FontSize = labelFontSize;
        plot.Axes.Title.Label.Bold = false;
        return plot;
    }

    /// <summary>
    /// Fixes the padding between the rectangle a plot is drawn into and its data area, so panels
    /// drawn into aligned rectangles have aligned data areas.
    /// </summary>
    public static void FixPadding(Plot plot, float left, float right, float bottom, float top) =>
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));

    /// <summary>Pixel rectangle from its left/top corner and size.</summary>
    public static PixelRect Rect(float left, float top, float width, float height) =>
        new(left, left + width, top + height, top);

    /// <summary>Installs fixed ticks on an axis (labels may be empty to hide them).</summary>
    public static void SetTicks(IAxis axis, AxisTicks ticks, bool showLabels)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < ticks.Major.Length; i++)
        {
            generator.AddMajor(ticks.Major[i], showLabels ? ticks.Labels[i] : string.Empty);
        }

        foreach (double minor in ticks.Minor)
        {
            generator.AddMinor(minor);
        }

        axis.TickGenerator = generator;
    }

    /// <summary>ScottPlot line pattern of a <see cref="CurveStyle"/>.</summary>
    public static LinePattern Pattern(CurveStyle style) => style switch
    {
        CurveStyle.Dashed => LinePattern.Dashed,
        CurveStyle.Dotted => LinePattern.Dotted,
        CurveStyle.DashDot => DashDot,
        _ => LinePattern.Solid,
    };

    /// <summary>Shows the legend of the plot's labelled plottables at the given corner (or hides it).</summary>
    public static void ShowLegend(Plot plot, LegendPosition position, float fontSize)
    {
        if (position == LegendPosition.None || !plot.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText))))
        {
            plot.HideLegend();
            return;
        }

        plot.ShowLegend(position switch
        {
            LegendPosition.UpperLeft => Alignment.UpperLeft,
            LegendPosition.LowerRight => Alignment.LowerRight,
            LegendPosition.LowerLeft => Alignment.LowerLeft,
            _ => Alignment.UpperRight,
        });
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = fontSize;
        plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.3);
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
    }

    /// <summary>
    /// A frameless plot holding only text lines (each with its own colour and size), stacked from
    /// the top of the rectangle and aligned left, centre or right.
    /// </summary>
    public static Plot TextPanel(IReadOnlyList<TextLine> lines, Alignment alignment)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.DataBackground.Color = Colors.Transparent;
        float offset = 4;
        foreach (TextLine line in lines)
        {
            var annotation = plot.Add.Annotation(line.Text, alignment);
            annotation.LabelFontName = FontName;
            annotation.LabelFontSize = line.Size;
            annotation.LabelFontColor = line.Color;
            annotation.LabelBold = line.Bold;
            annotation.LabelBackgroundColor = Colors.Transparent;
            annotation.LabelBorderColor = Colors.Transparent;
            annotation.LabelBorderWidth = 0;
            annotation.LabelShadowColor = Colors.Transparent;
            annotation.LabelPadding = 0;
            // Annotation offsets are margins measured inwards from the aligned edges.
            annotation.OffsetX = 2;
            annotation.OffsetY = offset;
            offset += line.Size * 1.45f;
        }

        return plot;
    }
}

/// <summary>One line of a <see cref="PlotTheme.TextPanel"/>.</summary>
internal readonly record struct TextLine(string Text, Color Color, float Size, bool Bold = false);
