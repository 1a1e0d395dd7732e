using CrInference.Cli.Commands;
using CrInference.Cli.Infrastructure;
using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Plotting;

namespace CrInference.Cli.Figures;

/// <summary>
/// The spectra figure of <c>predict</c>, <c>fit</c> and <c>spectra</c>: proton flux × R^2.7 against
/// AMS-02, the Voyager 1 H intensity, and B/C against AMS-02, each with a residual panel. The model
/// is a set of predictions on one rigidity grid (one for <c>predict</c>, posterior draws for a fit):
/// their median and 68/95 % bands are drawn, plus the named components of a representative prediction.
/// </summary>
public static class SpectraFigure
{
    private const double FluxWeightIndex = 2.7;

    /// <summary>Figure of a single prediction (bands collapse onto the line).</summary>
    public static void RenderPrediction(string path, string title, Prediction prediction, IReadOnlyList<DataComparison> comparisons) =>
        Render(path, title, [prediction], prediction, comparisons.Select(c => c.Dataset.Source).ToArray(), phiGV: 0);

    /// <summary>
    /// Renders <paramref name="draws"/> (same grid) against the AMS-02 and Voyager tables.
    /// Data are shown as published (AMS at the top of the atmosphere); the model is interstellar,
    /// modulated with <paramref name="phiGV"/> for the AMS panels when it is positive.
    /// </summary>
    public static void Render(string path, string title, IReadOnlyList<Prediction> draws, Prediction representative,
        IReadOnlyList<Dataset> datasets, double phiGV)
    {
        var grid = representative.RigidityGV;
        var panels = new List<SpectrumPanel>();
        bool hasProtons = representative.ProtonFlux is not null;
        bool hasBc = representative.BoronToCarbon is not null;

        if (hasProtons)
        {
            var fluxDraws = draws.Select(d => Modulated(d.RigidityGV, d.ProtonFlux!, phiGV, Nucleus.Proton).Select((v, i) => v * Math.Pow(d.RigidityGV[i], FluxWeightIndex)).ToArray()).ToList();
            var keep = Indices(grid, 1, 3e4);
            var panel = new SpectrumPanel("protons (AMS-02, top of atmosphere)", "R [GV]", "J R^2.7 [m^-2 sr^-1 s^-1 GV^1.7]")
            {
                Data = datasets.Where(d => d.Quantity == DatasetQuantity.ProtonFlux).Select(d => new SpectrumData(
                    d.Id, d.Points.Select(p => p.Centre).ToArray(),
                    d.Points.Select(p => p.Value * Math.Pow(p.Centre, FluxWeightIndex)).ToArray(),
                    d.Points.Select(p => p.TotalError * Math.Pow(p.Centre, FluxWeightIndex)).ToArray())).ToArray(),
                Model = Band(grid, fluxDraws, keep, phiGV > 0 ? $"model (phi = {phiGV:G3} GV)" : "model (interstellar)"),
                Curves = Components(representative, keep, "proton_flux_", v => v, FluxWeightIndex, phiGV),
                Legend = LegendPosition.LowerLeft,
            };
            panels.Add(panel);

            var voyager = datasets.Where(d => d.Quantity == DatasetQuantity.HydrogenIntensity).ToArray();
            var keepLow = Indices(grid, 0.05, 2.0);
            if (keepLow.Length > 1)
            {
                var hDraws = draws.Select(d => d.RigidityGV.Select((r, i) => MeasuredFlux.ProtonIntensityPerMeV(r, d.ProtonFlux![i])).ToArray()).ToList();
                var energyMeV = grid.Select(r => Kinematic.KineticEnergyPerNucleonGeV(r, Nucleus.Proton) * 1e3).ToArray();
                panels.Add(new SpectrumPanel("hydrogen (Voyager 1, interstellar)", "E_k [MeV]", "J [m^-2 sr^-1 s^-1 MeV^-1]")
                {
                    Data = voyager.Select(d => new SpectrumData(d.Id, d.Points.Select(p => p.Centre * 1e3).ToArray(),
                        d.Points.Select(p => p.Value).ToArray(), d.Points.Select(p => p.TotalError).ToArray())).ToArray(),
                    Model = Band(energyMeV, hDraws, keepLow, "model"),
                    Legend = LegendPosition.LowerRight,
                });
            }
        }
        if (hasBc)
        {
            var bcDraws = draws.Select(d => Modulated(d.RigidityGV, d.BoronToCarbon!, phiGV, Nucleus.Carbon12, ratio: true)).ToList();
            var keep = Indices(grid, 1, 3e4);
            panels.Add(new SpectrumPanel("B/C (AMS-02)", "R [GV]", "B/C")
            {
                Data = datasets.Where(d => d.Quantity == DatasetQuantity.BoronToCarbon).Select(d => new SpectrumData(
                    d.Id,
                    d.Points.Select(p => d.Axis == DatasetAxis.RigidityGV ? p.Centre : MeasuredFlux.CarbonRigidityAtKineticEnergyPerNucleon(p.Centre)).ToArray(),
                    d.Points.Select(p => p.Value).ToArray(), d.Points.Select(p => p.TotalError).ToArray())).ToArray(),
                Model = Band(grid, bcDraws, keep, "model"),
                Curves = Components(representative, keep, "bc_", v => v, 0, 0),
                Legend = LegendPosition.LowerLeft,
            });
        }
        if (panels.Count == 0)
        {
            throw new UserInputException($"{title}: the model predicts neither protons nor B/C; nothing to plot");
        }
        SpectrumPlot.Render(panels, new SpectrumPlotOptions { Title = title }, path);
    }

    private static double[] Modulated(double[] rigidityGV, double[] values, double phiGV, Nucleus nucleus, bool ratio = false)
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

    private static ModelBand Band(double[] x, IReadOnlyList<double[]> draws, int[] keep, string label)
    {
        double Q(int i, double q)
        {
            var column = draws.Select(d => d[i]).Order().ToArray();
            double pos = q * (column.Length - 1);
            int lo = (int)Math.Floor(pos);
            int hi = Math.Min(lo + 1, column.Length - 1);
            return column[lo] + (pos - lo) * (column[hi] - column[lo]);
        }
        return new ModelBand(
            keep.Select(i => x[i]).ToArray(),
            keep.Select(i => Q(i, 0.5)).ToArray(),
            keep.Select(i => Q(i, 0.16)).ToArray(), keep.Select(i => Q(i, 0.84)).ToArray(),
            keep.Select(i => Q(i, 0.025)).ToArray(), keep.Select(i => Q(i, 0.975)).ToArray()) { Label = label };
    }

    private static IReadOnlyList<CurveSeries> Components(Prediction p, int[] keep, string prefix, Func<double, double> map, double weightIndex, double phiGV)
    {
        var styles = new[] { CurveStyle.Dashed, CurveStyle.Dotted, CurveStyle.DashDot };
        int k = 0;
        var list = new List<CurveSeries>();
        foreach (var (name, values) in p.Components.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var modulated = weightIndex > 0 ? Modulated(p.RigidityGV, values, phiGV, Nucleus.Proton) : values;
            list.Add(new CurveSeries(name.Replace('_', ' '), keep.Select(i => p.RigidityGV[i]).ToArray(),
                keep.Select(i => map(modulated[i]) * Math.Pow(p.RigidityGV[i], weightIndex)).ToArray())
            { Style = styles[k++ % styles.Length] });
        }
        return list;
    }
}
