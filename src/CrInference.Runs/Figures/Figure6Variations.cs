using CrInference.Data;
using CrInference.Physics.Measurement;
using CrInference.Plotting;
using CrInference.Posterior.Likelihood;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 6: B/C (top) and protons with eq. 33 ionisation losses (bottom, J R^2.7 against R) for the
/// two-phase model and its variations, with κ_turb from the isotropic fast modes:
/// fiducial (black solid), warm density n_W,fid/3 (black dashed), warm density AND temperature changed
/// (black dotted; KQ22's solid-vs-dotted pair differs only in warm n and T and the values are not given —
/// we take the Figure 3 warm plasma, n_W = 0.1 cm⁻³, T_W = 2e4 K, keeping B, ℳ_A and L), the injection
/// spectrum (red dotted: pure Alfvénic streaming at the hot-ISM v_A without losses, J = v p² Q/v_A, the
/// shape p^−4.3 with a natural normalisation), fast modes everywhere (green: <c>turbulence-everywhere</c>, κ
/// of the Figure 3 halo plasma, f(H = 5 kpc) = 0) and the self-confined halo only (blue dashed, bottom:
/// <c>halo-only</c>). Data: AMS-02 B/C (PRL 2016, E_k/n &gt; 1 GeV/n), AMS-02 protons (PRL 2015, all points,
/// top of the atmosphere: no modulation is applied to the interstellar model) and Voyager 1 H (converted to
/// per-GV flux at the proton rigidity).
/// </summary>
internal static class Figure6Variations
{
    private sealed record Variant(string Label, string Model, Dictionary<string, double> Values, Dictionary<string, string> Options, string Color, CurveStyle Style, bool Top, bool Bottom);

    private static readonly Dictionary<string, string> FastModes = new() { ["kappa"] = "fast-modes" };

    private static IReadOnlyList<Variant> Variants() =>
    [
        new("two-phase fiducial", "two-phase", [], FastModes, Black, CurveStyle.Solid, true, true),
        new("n_W,fid/3", "two-phase", new() { ["warm_n_cm3"] = 0.2 / 3 }, FastModes, Black, CurveStyle.Dashed, true, true),
        new("n_W = 0.1, T_W = 2e4 K (our choice of the n, T change)", "two-phase", new() { ["warm_n_cm3"] = 0.1, ["warm_T_K"] = 2e4 }, FastModes, Black, CurveStyle.Dotted, true, true),
        new("fast modes everywhere (halo kappa of Fig. 3, H = 5 kpc)", "turbulence-everywhere", [], FastModes, Green, CurveStyle.Solid, true, true),
        new("self-confined halo only", "halo-only", [], [], Blue, CurveStyle.Dashed, false, true),
        new("injection spectrum (Q/v_A, hot v_A, no losses)", "streaming", [], new() { ["losses"] = "none" }, Red, CurveStyle.Dotted, false, true),
    ];

    public static PaperFigure Build()
    {
        var catalog = Catalog();
        var bcData = BoronToCarbonData(catalog.Load("ams02-bc-2016-ekn"), DatasetCut.DefaultFor(DatasetQuantity.BoronToCarbon), "AMS-02 B/C 2016 (E_k/n > 1 GeV/n)");
        var pData = ProtonData(catalog.Load("ams02-p-2015"), DatasetCut.None, "AMS-02 p 2015 (top of atmosphere)");
        var voyager = VoyagerData(catalog.Load("voyager1-h-2016"), "Voyager 1 H");
        double floor = 0.3 * pData.Y.Concat(voyager.Y).Min();
        var bcGrid = LogGrid(MeasuredFlux.CarbonRigidityAtKineticEnergyPerNucleon(1.0), 3e3, 40);
        var pGrid = LogGrid(0.05, 1e4, 30);
        var topCurves = new List<CurveSeries>();
        var bottomCurves = new List<CurveSeries>();
        var notes = new List<string>
        {
            "kappa_turb = isotropic fast modes everywhere (kappa=fast-modes); protons with ionisation losses in the disk (Schlickeiser form, B.15; eq. 33 for two-phase); no modulation on the model",
            "KQ22 name only n_W,fid/3; the n_W and T_W of their dotted line are not given: we use n_W = 0.1 cm^-3, T_W = 2e4 K (the Fig. 3 warm plasma), B_W, M_A, L unchanged",
        };
        foreach (var v in Variants())
        {
            float width = v.Style == CurveStyle.Solid && v.Color == Black ? 2.5f : 2f;
            string chi = "";
            if (v.Top)
            {
                var p = Predict(v.Model, bcGrid, v.Values, v.Options);
                topCurves.Add(new CurveSeries(v.Label, bcGrid, p.BoronToCarbon!) { Color = v.Color, Style = v.Style, Width = width });
                var (c2, n) = ChiSquare(v.Model, v.Values, v.Options, "ams02-bc-2016-ekn");
                chi += $"; B/C = {G(p.BoronToCarbon![0])} at {G(bcGrid[0])} GV, {G(At(bcGrid, p.BoronToCarbon!, 100))} at 100 GV, {G(At(bcGrid, p.BoronToCarbon!, 1000))} at 1 TV, chi2(B/C 2016) = {G(c2)}/{n}";
            }
            if (v.Bottom)
            {
                var p = Predict(v.Model, pGrid, v.Values, v.Options);
                var y = WeightedFlux(pGrid, p.ProtonFlux!);
                bottomCurves.Add(Clipped(v.Label, pGrid, y, floor, v.Color, v.Style, width));
                var (c2, n) = ChiSquare(v.Model, v.Values, v.Options, "ams02-p-2015");
                var (c2v, nv) = ChiSquare(v.Model, v.Values, v.Options, "voyager1-h-2016");
                chi += $"; J R^2.7 = {G(At(pGrid, y, 10))} at 10 GV, {G(At(pGrid, y, 100))} at 100 GV, {G(At(pGrid, y, 1000))} at 1 TV; J slope {G(LogSlope(pGrid, p.ProtonFlux!, 20, 200))} over 20-200 GV, {G(LogSlope(pGrid, p.ProtonFlux!, 300, 3000))} over 0.3-3 TV; chi2(p 2015, E_k >= 10 GeV) = {G(c2)}/{n}, chi2(Voyager) = {G(c2v)}/{nv}";
                if (p.Components.TryGetValue("proton_flux_warm", out var fw))
                {
                    double cross = Crossing(pGrid, fw, p.Components["proton_flux_halo"], 1.0);
                    chi += $"; warm = halo term above 1 GV at {G(cross)} GV";
                }
            }
            notes.Add(v.Label + chi);
        }
        var top = new SpectrumPanel("B/C", "R [GV]", "B/C") { Data = [bcData], Curves = topCurves, Legend = LegendPosition.LowerLeft };
        var bottom = new SpectrumPanel("protons with ionisation losses (eq. 33)", "R [GV]", "J R^2.7 [m^-2 sr^-1 s^-1 GV^1.7]")
        {
            Data = [pData, voyager],
            Curves = bottomCurves,
            Legend = LegendPosition.LowerRight,
        };
        return new PaperFigure(6, "KQ22 Fig. 6: parameter and model variations (top B/C, bottom protons)", [top, bottom], notes);
    }
}
