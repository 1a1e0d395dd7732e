using System.Globalization;

namespace CrInference.Cli.Tests.Figures;

/// <summary>One row of a figure CSV (<c>FigureCsv</c>): panel, x/y labels, series, kind, x, y, sigma, bands.</summary>
internal sealed record FigureCsvRow(string Panel, string Series, string Kind, double X, double Y, double Sigma,
    double Lower68, double Upper68, double Lower95, double Upper95);

/// <summary>Reads the CSV that <c>crinf spectra</c> and <c>crinf figures</c> write next to a PNG.</summary>
internal static class FigureCsvTable
{
    public static IReadOnlyList<FigureCsvRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("panel,x_label,y_label,series,kind,x,y,sigma,lower68,upper68,lower95,upper95", lines[0]);
        return [.. lines.Skip(1).Select(Parse)];
    }

    private static FigureCsvRow Parse(string line)
    {
        var cells = CsvLine.Split(line);
        Assert.Equal(12, cells.Count);
        double D(int i) => cells[i].Length == 0 ? double.NaN : double.Parse(cells[i], CultureInfo.InvariantCulture);
        return new FigureCsvRow(cells[0], cells[3], cells[4], D(5), D(6), D(7), D(8), D(9), D(10), D(11));
    }

    /// <summary>Least-squares slope of ln y on ln x for x in [lo, hi].</summary>
    public static double LogSlope(IEnumerable<FigureCsvRow> rows, double lo, double hi)
    {
        var pts = rows.Where(r => r.X >= lo && r.X <= hi && r.Y > 0).Select(r => (X: Math.Log(r.X), Y: Math.Log(r.Y))).ToArray();
        Assert.True(pts.Length >= 3, $"only {pts.Length} points in [{lo}, {hi}]");
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        return pts.Sum(p => (p.X - mx) * (p.Y - my)) / pts.Sum(p => (p.X - mx) * (p.X - mx));
    }

    /// <summary>True when the file starts with the PNG signature.</summary>
    public static bool IsPng(string path)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        using var stream = File.OpenRead(path);
        var head = new byte[8];
        return stream.Read(head, 0, 8) == 8 && head.AsSpan().SequenceEqual(signature);
    }
}
