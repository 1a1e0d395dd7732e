using SkiaSharp;

namespace CrInference.Plotting.Tests;

/// <summary>
/// Folder for rendered files: a fresh temporary folder deleted afterwards, or, when the
/// environment variable CRINF_PLOT_KEEP names a folder, that folder (kept, to look at the images).
/// </summary>
internal sealed class TestOutput : IDisposable
{
    private readonly bool _keep;

    public TestOutput()
    {
        string? keep = Environment.GetEnvironmentVariable("CRINF_PLOT_KEEP");
        _keep = !string.IsNullOrEmpty(keep);
        Folder = _keep ? keep! : Path.Combine(Path.GetTempPath(), "crinf-plot-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>Decodes a PNG and returns its size; fails unless it is a real, non-blank image.</summary>
    public static (int Width, int Height) AssertPng(string path)
    {
        Assert.True(System.IO.File.Exists(path), $"{path} was not written");
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        using SKBitmap bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);

        // Non-trivial: a good share of the pixels are not white.
        int inked = 0;
        int sampled = 0;
        for (int y = 0; y < bitmap.Height; y += 4)
        {
            for (int x = 0; x < bitmap.Width; x += 4)
            {
                SKColor c = bitmap.GetPixel(x, y);
                sampled++;
                if (c.Red < 230 || c.Green < 230 || c.Blue < 230)
                {
                    inked++;
                }
            }
        }

        Assert.InRange((double)inked / sampled, 0.02, 0.9);
        return (bitmap.Width, bitmap.Height);
    }

    /// <summary>Checks an SVG file is complete and holds drawn paths and text.</summary>
    public static void AssertSvg(string path, int minimumPaths)
    {
        Assert.True(System.IO.File.Exists(path), $"{path} was not written");
        string text = System.IO.File.ReadAllText(path);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", text.TrimEnd(), StringComparison.Ordinal);
        int paths = text.Split("<path").Length - 1;
        Assert.True(paths >= minimumPaths, $"{path}: {paths} paths, expected at least {minimumPaths}");
        Assert.Contains("<text", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (!_keep && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
