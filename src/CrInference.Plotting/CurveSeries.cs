namespace CrInference.Plotting;

/// <summary>
/// One named line of a <see cref="CurvePlot"/> or an extra model curve of a
/// <see cref="SpectrumPanel"/> (for example a component drawn dashed).
/// </summary>
/// <param name="Label">Legend text (LaTeX-ish syntax allowed, see <see cref="LabelText"/>); empty to leave it out of the legend.</param>
/// <param name="X">Abscissae, in the caller's units.</param>
/// <param name="Y">Ordinates, same length; non-positive values are skipped on a logarithmic axis.</param>
public sealed record CurveSeries(string Label, double[] X, double[] Y)
{
    /// <summary>Line pattern.</summary>
    public CurveStyle Style { get; init; } = CurveStyle.Solid;

    /// <summary>Colour as <c>#rrggbb</c>; null for the next colour of the palette.</summary>
    public string? Color { get; init; }

    /// <summary>Line width in pixels.</summary>
    public float Width { get; init; } = 2;

    /// <summary>
    /// A reference power law <c>y = yReference (x / xReference)^index</c> sampled at 64
    /// logarithmically spaced points on [xMin, xMax], drawn dotted by default.
    /// </summary>
    public static CurveSeries PowerLaw(string label, double xReference, double yReference, double index, double xMin, double xMax)
    {
        if (!(xMin > 0 && xMax > xMin && xReference > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(xMin), "power law needs 0 < xMin < xMax and xReference > 0");
        }

        const int points = 64;
        double[] x = [.. Enumerable.Range(0, points).Select(i => xMin * Math.Pow(xMax / xMin, i / (points - 1.0)))];
        double[] y = [.. x.Select(v => yReference * Math.Pow(v / xReference, index))];
        return new CurveSeries(label, x, y) { Style = CurveStyle.Dotted, Width = 1.5f };
    }
}
