using System.Globalization;
using CrInference.Data;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Plotting;
using CrInference.Posterior.Likelihood;

namespace CrInference.Runs.Figures;

/// <summary>
/// One regenerated figure of Kempski &amp; Quataert (2022): its panels (curves, data) and the numbers worth
/// holding next to the paper's caption (<see cref="Notes"/>). Rendered with <see cref="CurvePlot"/> when it is
/// a single panel of curves (<see cref="CurveOptions"/> set), else with <see cref="SpectrumPlot"/> (panels
/// stacked in one column, data with error bars, no model band).
/// </summary>
/// <param name="Number">KQ22 figure number.</param>
/// <param name="Title">Figure title.</param>
/// <param name="Panels">Top to bottom.</param>
/// <param name="Notes">One line each: parameters, choices the paper leaves open, measured numbers.</param>
public sealed record PaperFigure(int Number, string Title, IReadOnlyList<SpectrumPanel> Panels, IReadOnlyList<string> Notes)
{
    /// <summary>Options of a single-panel curve figure (then <see cref="CurvePlot"/> draws it).</summary>
    public CurvePlotOptions? CurveOptions { get; init; }

    /// <summary>Renders the figure to <paramref name="path"/> (.png or .svg).</summary>
    public void Render(string path)
    {
        if (CurveOptions is { } options && Panels.Count == 1)
        {
            CurvePlot.Render(Panels[0].Curves, options with { Title = Title }, path);
            return;
        }
        SpectrumPlot.Render(Panels, new SpectrumPlotOptions { Title = Title, Columns = 1, PanelWidth = 900, MainHeight = 430, ResidualHeight = 0 }, path);
    }
}

/// <summary>Helpers shared by the figure builders: grids, model evaluation, data in figure units, styles.</summary>
internal static class FigureSupport
{
    public const string Black = "#000000";
    public const string Red = "#d62728";
    public const string Green = "#2ca02c";
    public const string Blue = "#1f77b4";
    public const string Grey = "#8c8c8c";
    public const string Orange = "#e69f00";
    public const string Purple = "#9467bd";

    /// <summary>Log-spaced grid from <paramref name="min"/> to <paramref name="max"/> with <paramref name="perDecade"/> points per decade.</summary>
    public static double[] LogGrid(double min, double max, int perDecade)
    {
        int n = (int)Math.Round(Math.Log10(max / min) * perDecade) + 1;
        return [.. Enumerable.Range(0, n).Select(i => min * Math.Pow(max / min, (double)i / (n - 1)))];
    }

    /// <summary>Evaluates <paramref name="modelName"/> at its fiducial point with <paramref name="values"/> and
    /// <paramref name="options"/> changed; a failure is an <see cref="InvalidOperationException"/> (a bug, not user input).</summary>
    public static Prediction Predict(string modelName, double[] grid, IReadOnlyDictionary<string, double>? values = null, IReadOnlyDictionary<string, string>? options = null)
    {
        var model = ModelCatalog.Find(modelName) ?? throw new InvalidOperationException($"no model {modelName}");
        var (input, error) = model.Resolve(values ?? new Dictionary<string, double>(), InPaperSetting(options));
        if (input is null) throw new InvalidOperationException($"{modelName}: {error}");
        var result = model.Predict(input, grid);
        return result.Prediction ?? throw new InvalidOperationException($"{modelName} failed: {result.Failure}");
    }

    /// <summary>KQ22's figures are drawn in the paper's setting: <c>physics=kq22</c> unless the figure says otherwise.</summary>
    private static Dictionary<string, string> InPaperSetting(IReadOnlyDictionary<string, string>? options)
    {
        var paper = new Dictionary<string, string>(options ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        paper.TryAdd("physics", "kq22");
        return paper;
    }

    /// <summary>J R^2.7 of a prediction's proton flux (or one of its components).</summary>
    public static double[] WeightedFlux(double[] grid, double[] flux) => [.. flux.Select((v, i) => v * Math.Pow(grid[i], 2.7))];

    /// <summary>
    /// A curve drawn down to <paramref name="floor"/> and no further: points below it are dropped, except the
    /// first one after a point above, which is put at the floor (so a cut-off visibly leaves the axis).
    /// </summary>
    public static CurveSeries Clipped(string label, double[] x, double[] y, double floor, string? color, CurveStyle style, float width = 2)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        bool above = false;
        for (int i = 0; i < x.Length; i++)
        {
            if (y[i] >= floor)
            {
                if (!above && i > 0 && xs.Count > 0)
                {
                    xs.Add(x[i - 1]);
                    ys.Add(floor);
                }
                xs.Add(x[i]);
                ys.Add(y[i]);
                above = true;
            }
            else if (above)
            {
                xs.Add(x[i]);
                ys.Add(floor);
                above = false;
            }
        }
        return new CurveSeries(label, [.. xs], [.. ys]) { Color = color, Style = style, Width = width };
    }

    /// <summary>A data set on a rigidity axis (B/C in E_k/n at the ¹²C rigidity, A.3), optionally cut as the likelihood cuts it.</summary>
    public static SpectrumData BoronToCarbonData(Dataset d, DatasetCut cut, string label)
    {
        var kept = d.Points.Where(p => cut.Keeps(Rigidity(d, p.Centre), Physics.Kinematics.Nucleus.Carbon12)).ToArray();
        return new SpectrumData(label, [.. kept.Select(p => Rigidity(d, p.Centre))], [.. kept.Select(p => p.Value)], [.. kept.Select(p => p.TotalError)]);
    }

    private static double Rigidity(Dataset d, double centre) =>
        d.Axis == DatasetAxis.RigidityGV ? centre : MeasuredFlux.CarbonRigidityAtKineticEnergyPerNucleon(centre);

    /// <summary>AMS-02 protons as J R^2.7 against R, optionally cut.</summary>
    public static SpectrumData ProtonData(Dataset d, DatasetCut cut, string label)
    {
        var kept = d.Points.Where(p => cut.Keeps(p.Centre, Physics.Kinematics.Nucleus.Proton)).ToArray();
        return new SpectrumData(label, [.. kept.Select(p => p.Centre)],
            [.. kept.Select(p => p.Value * Math.Pow(p.Centre, 2.7))], [.. kept.Select(p => p.TotalError * Math.Pow(p.Centre, 2.7))]);
    }

    /// <summary>Voyager 1 H (per MeV against E_k) converted to J R^2.7 per GV against the proton rigidity:
    /// J_R = J_E dT/dR = J_E β × 10³ (the inverse of A.2's J_E = J_R/β × 10⁻³).</summary>
    public static SpectrumData VoyagerData(Dataset d, string label)
    {
        var r = d.Points.Select(p => MeasuredFlux.ProtonRigidityAtKineticEnergyMeV(p.Centre * 1e3)).ToArray();
        double PerGV(int i, double perMeV) => perMeV / MeasuredFlux.ProtonIntensityPerMeV(r[i], 1.0) * Math.Pow(r[i], 2.7);
        return new SpectrumData(label, r, [.. d.Points.Select((p, i) => PerGV(i, p.Value))], [.. d.Points.Select((p, i) => PerGV(i, p.TotalError))]);
    }

    /// <summary>The bundled catalog.</summary>
    public static DatasetCatalog Catalog() => new(RepositoryPaths.DataDirectory);

    /// <summary>χ² of a model point against a dataset with its default cut and independent stat ⊕ sys errors, no modulation.</summary>
    public static (double ChiSquare, int Points) ChiSquare(string modelName, IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, string> options, string datasetId)
    {
        var model = ModelCatalog.Find(modelName)!;
        var (input, error) = model.Resolve(values, InPaperSetting(options));
        if (input is null) throw new InvalidOperationException(error);
        var data = Catalog().Load(datasetId);
        var observed = ObservedDataset.Prepare(data, DatasetCut.DefaultFor(data.Quantity), ErrorModel.Default);
        var posterior = new Posterior.TransportPosterior(new Core.ParameterSpace([]), input.Values, model, input.OptionValues, [observed]);
        var predicted = posterior.PredictAtData([], out string? failure) ?? throw new InvalidOperationException(failure);
        return (observed.Likelihood.ChiSquare(predicted[0]), observed.Count);
    }

    /// <summary>Least-squares slope of ln y against ln x over x ∈ [lo, hi] (positive y only); NaN with fewer than 2 points.</summary>
    public static double LogSlope(double[] x, double[] y, double lo, double hi)
    {
        var pts = Enumerable.Range(0, x.Length).Where(i => x[i] >= lo && x[i] <= hi && y[i] > 0).Select(i => (X: Math.Log(x[i]), Y: Math.Log(y[i]))).ToArray();
        if (pts.Length < 2) return double.NaN;
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        double sxy = pts.Sum(p => (p.X - mx) * (p.Y - my)), sxx = pts.Sum(p => (p.X - mx) * (p.X - mx));
        return sxy / sxx;
    }

    /// <summary>Log-log interpolation of y at x0 (clamped to the grid).</summary>
    public static double At(double[] x, double[] y, double x0)
    {
        if (x0 <= x[0]) return y[0];
        if (x0 >= x[^1]) return y[^1];
        int i = Array.FindIndex(x, v => v >= x0);
        double t = Math.Log(x0 / x[i - 1]) / Math.Log(x[i] / x[i - 1]);
        return y[i - 1] > 0 && y[i] > 0 ? Math.Exp(Math.Log(y[i - 1]) + t * Math.Log(y[i] / y[i - 1])) : y[i - 1] + t * (y[i] - y[i - 1]);
    }

    /// <summary>The first x ≥ <paramref name="xMin"/> (log-interpolated) where ln(a/b) changes sign, or NaN.</summary>
    public static double Crossing(double[] x, double[] a, double[] b, double xMin = 0)
    {
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i - 1] < xMin) continue;
            double d0 = Math.Log(a[i - 1] / b[i - 1]), d1 = Math.Log(a[i] / b[i]);
            if (double.IsFinite(d0) && double.IsFinite(d1) && d0 * d1 <= 0 && d0 != d1)
            {
                double t = d0 / (d0 - d1);
                return x[i - 1] * Math.Pow(x[i] / x[i - 1], t);
            }
        }
        return double.NaN;
    }

    /// <summary>Invariant formatting with three significant digits: plain between 1e-3 and 1e5 (1000, not 1E+03), else 1.23E+06.</summary>
    public static string G(double v)
    {
        if (!double.IsFinite(v) || v == 0) return v.ToString(CultureInfo.InvariantCulture);
        double a = Math.Abs(v);
        if (a < 1e-3 || a >= 1e5) return v.ToString("0.##E+00", CultureInfo.InvariantCulture);
        double scale = Math.Pow(10, Math.Floor(Math.Log10(a)) - 2);
        return (Math.Round(v / scale) * scale).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
