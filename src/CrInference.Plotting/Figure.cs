using ScottPlot;
using SkiaSharp;

namespace CrInference.Plotting;

/// <summary>
/// A canvas of fixed pixel size onto which several ScottPlot <see cref="Plot"/>s are drawn, each
/// into its own rectangle, and saved as PNG or SVG by the output file's extension. Panels with
/// fixed padding (see <see cref="PlotTheme.FixPadding"/>) line up exactly, which ScottPlot's own
/// <c>Multiplot</c> layouts do not guarantee and which it cannot save as SVG. The figure owns the
/// plots added to it and disposes them.
/// </summary>
internal sealed class Figure : IDisposable
{
    private readonly List<(Plot Plot, PixelRect Rect)> _panels = [];

    public Figure(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Adds a plot drawn into <paramref name="rect"/>; later plots draw on top.</summary>
    public void Add(Plot plot, PixelRect rect)
    {
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.FigureBackground.Color = Colors.Transparent;
        _panels.Add((plot, rect));
    }

    /// <summary>Throws <see cref="PlotInputException"/> unless the path ends in .png or .svg.</summary>
    public static void CheckOutputPath(string outPath)
    {
        ArgumentNullException.ThrowIfNull(outPath);
        string extension = Path.GetExtension(outPath).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new PlotInputException($"{outPath}: unsupported output format '{extension}' (use .png or .svg)");
        }
    }

    /// <summary>Renders every panel and writes PNG or SVG according to the extension.</summary>
    public void Save(string outPath)
    {
        CheckOutputPath(outPath);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (Path.GetExtension(outPath).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream();
            using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
            {
                Draw(canvas);
            }

            File.WriteAllBytes(outPath, stream.ToArray());
            return;
        }

        using SKSurface surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Draw(surface.Canvas);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(outPath);
        data.SaveTo(file);
    }

    public void Dispose()
    {
        foreach ((Plot plot, PixelRect _) in _panels)
        {
            plot.Dispose();
        }

        _panels.Clear();
    }

    private void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        foreach ((Plot plot, PixelRect rect) in _panels)
        {
            plot.Render(canvas, rect);
        }
    }
}
