using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Plotting;

namespace CrInference.Runs.Figures;

/// <summary>One model evaluation for <see cref="SpectraFigure"/>: the interstellar prediction on the
/// figure's rigidity grid and the force-field potential φ (GV) that takes it to the top of the atmosphere
/// for the modulated (AMS-02) panels; φ = 0 leaves it interstellar.</summary>
public sealed record SpectraDraw(Prediction Prediction, double PhiGV);

/// <summary>
/// The spectra figure of <c>predict</c>, <c>fit</c> and <c>spectra</c>: proton flux × R^2.7 against
/// AMS-02, the Voyager 1 H intensity, and B/C against AMS-02, each with a residual panel. The model
/// is a set of draws on one rigidity grid (one for <c>predict</c>, posterior draws for a fit): their
/// median and 68/95 % bands are drawn, plus the named components of a representative draw (the best fit).
/// </summary>
/// <remarks>
/// Data are shown as published (AMS-02 at the top of the atmosphere, Voyager 1 interstellar); each draw is
/// modulated with its own φ for the AMS-02 panels (force field, as the likelihood does), so the bands include
/// the spread of φ when it is free. B/C tabulated in E_k/n is placed at the ¹²C rigidity of that E_k/n
/// (open choice A.3). Quantiles at each grid point are the empirical ones of the draws (linear
/// interpolation between order statistics); with one draw every band collapses onto it.
/// </remarks>
public static class SpectraFigure
{
    /// <summary>Index of the R weighting of the proton panel.</summary>
    public const double FluxWeightIndex = 2.7;

    /// <summary>Title of the proton panel.</summary>
    public const string ProtonPanelTitle = "protons (AMS-02, top of atmosphere)";

    /// <summary>Title of the Voyager panel.</summary>
    public const string HydrogenPanelTitle = "hydrogen (Voyager 1, interstellar)";

    /// <summary>Title of the B/C panel.</summary>
    public const string BoronPanelTitle = "B/C (AMS-02)";

    /// <summary>Figure of a single prediction (bands collapse onto the line).</summary>
    public static void RenderPrediction(string path, string title, Prediction prediction, IReadOnlyList<DataComparison> comparisons)
    {
        var draw = new SpectraDraw(prediction, 0);
        Render(path, title, Panels([draw], draw, comparisons.Select(c => c.Dataset.Source).ToArray(), "model (interstellar)", ""));
    }

    /// <summary>
    /// Renders <paramref name="draws"/> (same grid) against the AMS-02 and Voyager tables, every draw modulated
    /// with the same <paramref name="phiGV"/> for the AMS panels when it is positive.
    /// </summary>
    public static void Render(string path, string title, IReadOnlyList<Prediction> draws, Prediction representative,
        IReadOnlyList<Dataset> datasets, double phiGV)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var list = draws.Select(d => new SpectraDraw(d, phiGV)).ToList();
        Render(path, title, Panels(list, new SpectraDraw(representative, phiGV), datasets,
            phiGV > 0 ? $"model (phi = {phiGV:G3} GV)" : "model (interstellar)", ""));
    }

    /// <summary>Renders panels built by <see cref="Panels"/>.</summary>
    public static void Render(string path, string title, IReadOnlyList<SpectrumPanel> panels) =>
        SpectrumPlot.Render(panels, new SpectrumPlotOptions { Title = title }, path);

    /// <summary>
    /// The panels of the figure: protons × R^2.7 (1 GV … 30 TV), Voyager H (E_k ≤ 2 GeV) and B/C (1 GV … 30 TV)
    /// for what the model predicts. <paramref name="modelLabel"/> names the median line;
    /// <paramref name="componentPrefix"/> is put before each component's name (e.g. <c>best fit: </c>).
    /// </summary>
    /// <exception cref="UserInputException">The draws predict neither protons nor B/C.</exception>
    public static IReadOnlyList<SpectrumPanel> Panels(IReadOnlyList<SpectraDraw> draws, SpectraDraw representative,
        IReadOnlyList<Dataset> datasets, string modelLabel, string componentPrefix)
    {
        ArgumentNullException.ThrowIfNull(draws);
        ArgumentNullException.ThrowIfNull(representative);
        ArgumentNullException.ThrowIfNull(datasets);
        if (draws.Count == 0) throw new ArgumentException("no draws to plot", nameof(draws));
        var best = representative.Prediction;
        var grid = best.RigidityGV;
        foreach (var d in draws)
        {
            if (!d.Prediction.RigidityGV.AsSpan().SequenceEqual(grid)) throw new ArgumentException("every draw must be on the representative's grid", nameof(draws));
        }
        var panels = new List<SpectrumPanel>();
        bool hasProtons = best.ProtonFlux is not null && draws.All(d => d.Prediction.ProtonFlux is not null);
        bool hasBc = best.BoronToCarbon is not null && draws.All(d => d.Prediction.BoronToCarbon is not null);

        if (hasProtons)
        {
            var fluxDraws = draws.Select(d => Weighted(grid, Modulated(grid, d.Prediction.ProtonFlux!, d.PhiGV, Nucleus.Proton, ratio: false))).ToList();
            var keep = Indices(grid, 1, 3e4);
            var data = datasets.Where(d => d.Quantity == DatasetQuantity.ProtonFlux).Select(d => new SpectrumData(
                d.Id, d.Points.Select(p => p.Centre).ToArray(),
                d.Points.Select(p => p.Value * Math.Pow(p.Centre, FluxWeightIndex)).ToArray(),
                d.Points.Select(p => p.TotalError * Math.Pow(p.Centre, FluxWeightIndex)).ToArray())).ToArray();
            var band = Band(grid, fluxDraws, keep, modelLabel);
            panels.Add(new SpectrumPanel(ProtonPanelTitle, "R [GV]", "J R^2.7 [m^-2 sr^-1 s^-1 GV^1.7]")
            {
                Data = data,
                Model = band,
                Curves = Components(representative, keep, "proton_flux_", componentPrefix, proton: true, ComponentFloor(data, band)),
                Legend = LegendPosition.LowerLeft,
            });

            var keepLow = Indices(grid, 0.05, 2.0);
            if (keepLow.Length > 1)
            {
                var hDraws = draws.Select(d => grid.Select((r, i) => MeasuredFlux.ProtonIntensityPerMeV(r, d.Prediction.ProtonFlux![i])).ToArray()).ToList();
                var energyMeV = grid.Select(r => Kinematic.KineticEnergyPerNucleonGeV(r, Nucleus.Proton) * 1e3).ToArray();
                panels.Add(new SpectrumPanel(HydrogenPanelTitle, "E_k [MeV]", "J [m^-2 sr^-1 s^-1 MeV^-1]")
                {
                    Data = datasets.Where(d => d.Quantity == DatasetQuantity.HydrogenIntensity).Select(d => new SpectrumData(d.Id,
                        d.Points.Select(p => p.Centre * 1e3).ToArray(),
                        d.Points.Select(p => p.Value).ToArray(), d.Points.Select(p => p.TotalError).ToArray())).ToArray(),
                    Model = Band(energyMeV, hDraws, keepLow, modelLabel),
                    Legend = LegendPosition.LowerRight,
                });
            }
        }
        if (hasBc)
        {
            var bcDraws = draws.Select(d => Modulated(grid, d.Prediction.BoronToCarbon!, d.PhiGV, Nucleus.Carbon12, ratio: true)).ToList();
            var keep = Indices(grid, 1, 3e4);
            var data = datasets.Where(d => d.Quantity == DatasetQuantity.BoronToCarbon).Select(d => new SpectrumData(
                d.Id,
                d.Points.Select(p => d.Axis == DatasetAxis.RigidityGV ? p.Centre : MeasuredFlux.CarbonRigidityAtKineticEnergyPerNucleon(p.Centre)).ToArray(),
                d.Points.Select(p => p.Value).ToArray(), d.Points.Select(p => p.TotalError).ToArray())).ToArray();
            var band = Band(grid, bcDraws, keep, modelLabel);
            panels.Add(new SpectrumPanel(BoronPanelTitle, "R [GV]", "B/C")
            {
                Data = data,
                Model = band,
                Curves = Components(representative, keep, "bc_", componentPrefix, proton: false, ComponentFloor(data, band)),
                Legend = LegendPosition.LowerLeft,
            });
        }
        if (panels.Count == 0)
        {
            throw new UserInputException("the model predicts neither protons nor B/C; nothing to plot");
        }
        return panels;
    }

    /// <summary>Components are drawn down to a third of the lowest data point or band edge and no further, so that a
    /// term that falls steeply (the halo term above the break) does not stretch the axis over decades.</summary>
    private static double ComponentFloor(SpectrumData[] data, ModelBand band)
    {
        double low = data.SelectMany(d => d.Y).Concat(band.Lower95).Where(v => v > 0).DefaultIfEmpty(0).Min();
        return low / 3;
    }

    private static double[] Weighted(double[] grid, double[] values) =>
        values.Select((v, i) => v * Math.Pow(grid[i], FluxWeightIndex)).ToArray();

    /// <summary>Top-of-atmosphere values on the grid: the interstellar value at the shifted rigidity (log-log
    /// interpolation on the grid), times the force-field flux factor unless <paramref name="ratio"/>.</summary>
    private static double[] Modulated(double[] rigidityGV, double[] values, double phiGV, Nucleus nucleus, bool ratio)
    {
        if (phiGV <= 0) return values;
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var (lis, factor) = Posterior.Modulation.ForceFieldModulation.Shift(rigidityGV[i], phiGV, nucleus);
            result[i] = Interpolate(rigidityGV, values, lis) * (ratio ? 1 : factor);
        }
        return result;
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        if (at <= x[0]) return y[0];
        if (at >= x[^1]) return y[^1];
        int hi = Array.BinarySearch(x, at);
        if (hi >= 0) return y[hi];
        hi = ~hi;
        double t = Math.Log(at / x[hi - 1]) / Math.Log(x[hi] / x[hi - 1]);
        return y[hi - 1] > 0 && y[hi] > 0 ? Math.Exp(Math.Log(y[hi - 1]) + t * Math.Log(y[hi] / y[hi - 1])) : y[hi - 1] + t * (y[hi] - y[hi - 1]);
    }

    private static int[] Indices(double[] grid, double min, double max) =>
        Enumerable.Range(0, grid.Length).Where(i => grid[i] >= min && grid[i] <= max).ToArray();

    /// <summary>Median and 68/95 % bands of <paramref name="draws"/> at the kept grid points.</summary>
    public static ModelBand Band(double[] x, IReadOnlyList<double[]> draws, int[] keep, string label)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(draws);
        ArgumentNullException.ThrowIfNull(keep);
        var median = new double[keep.Length];
        var lo68 = new double[keep.Length];
        var hi68 = new double[keep.Length];
        var lo95 = new double[keep.Length];
        var hi95 = new double[keep.Length];
        var column = new double[draws.Count];
        for (int k = 0; k < keep.Length; k++)
        {
            for (int d = 0; d < draws.Count; d++) column[d] = draws[d][keep[k]];
            Array.Sort(column);
            median[k] = Quantile(column, 0.5);
            lo68[k] = Quantile(column, 0.16);
            hi68[k] = Quantile(column, 0.84);
            lo95[k] = Quantile(column, 0.025);
            hi95[k] = Quantile(column, 0.975);
        }
        return new ModelBand(keep.Select(i => x[i]).ToArray(), median, lo68, hi68, lo95, hi95) { Label = label };
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static IReadOnlyList<CurveSeries> Components(SpectraDraw draw, int[] keep, string prefix, string labelPrefix, bool proton, double floor)
    {
        var p = draw.Prediction;
        var styles = new[] { CurveStyle.Dashed, CurveStyle.Dotted, CurveStyle.DashDot };
        int k = 0;
        var list = new List<CurveSeries>();
        foreach (var (name, values) in p.Components.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var shown = proton
                ? Weighted(p.RigidityGV, Modulated(p.RigidityGV, values, draw.PhiGV, Nucleus.Proton, ratio: false))
                : Modulated(p.RigidityGV, values, draw.PhiGV, Nucleus.Carbon12, ratio: true);
            var x = keep.Select(i => p.RigidityGV[i]).ToArray();
            var y = keep.Select(i => shown[i]).ToArray();
            var style = styles[k++ % styles.Length];
            list.Add(floor > 0
                ? FigureSupport.Clipped(labelPrefix + name.Replace('_', ' '), x, y, floor, null, style) with { Width = 2 }
                : new CurveSeries(labelPrefix + name.Replace('_', ' '), x, y) { Style = style });
        }
        return list;
    }
}
