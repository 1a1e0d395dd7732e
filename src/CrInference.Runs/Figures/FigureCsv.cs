using System.Globalization;
using System.Text;
using CrInference.Plotting;

namespace CrInference.Runs.Figures;

/// <summary>
/// The numbers behind a figure as one tidy CSV next to its PNG: one row per plotted point, with the
/// panel, its axis labels, the series and what kind of series it is (<c>data</c> with σ, <c>median</c>
/// with the 68 % and 95 % bands, or <c>curve</c>). Values are written in their shortest round-trip form,
/// in the panel's units (already weighted, e.g. J R^2.7, when the panel shows a weighted flux).
/// </summary>
public static class FigureCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "panel,x_label,y_label,series,kind,x,y,sigma,lower68,upper68,lower95,upper95";

    /// <summary>Writes every data point, model band and curve of <paramref name="panels"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<SpectrumPanel> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        foreach (var panel in panels)
        {
            string prefix = $"{CsvField.Quote(panel.Title)},{CsvField.Quote(panel.XLabel)},{CsvField.Quote(panel.YLabel)}";
            if (panel.Model is { } m)
            {
                for (int i = 0; i < m.X.Length; i++)
                {
                    sb.Append(prefix).Append(',').Append(CsvField.Quote(m.Label)).Append(",median,")
                      .Append(F(m.X[i])).Append(',').Append(F(m.Median[i])).Append(",,")
                      .Append(F(m.Lower68[i])).Append(',').Append(F(m.Upper68[i])).Append(',')
                      .Append(F(m.Lower95[i])).Append(',').Append(F(m.Upper95[i])).Append('\n');
                }
            }
            foreach (var curve in panel.Curves)
            {
                for (int i = 0; i < curve.X.Length; i++)
                {
                    sb.Append(prefix).Append(',').Append(CsvField.Quote(curve.Label)).Append(",curve,")
                      .Append(F(curve.X[i])).Append(',').Append(F(curve.Y[i])).Append(",,,,,\n");
                }
            }
            foreach (var data in panel.Data)
            {
                for (int i = 0; i < data.X.Length; i++)
                {
                    sb.Append(prefix).Append(',').Append(CsvField.Quote(data.Label)).Append(",data,")
                      .Append(F(data.X[i])).Append(',').Append(F(data.Y[i])).Append(',').Append(F(data.Sigma[i])).Append(",,,,\n");
                }
            }
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
