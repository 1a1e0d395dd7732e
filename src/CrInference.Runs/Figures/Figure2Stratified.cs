using CrInference.Data;
using CrInference.Plotting;
using CrInference.Posterior.Likelihood;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 2 from the <c>stratified</c> model (eqs. 17–22, closed-form eq. 18, losses by eq. 9 at the
/// maximising height, E.7) at its fiducial point (= Figure 2: z₀ = 500 pc, z_max = 20 kpc, base n = 5e-3 cm⁻³,
/// B = 1 μG, L = z₀, γ_inj = 4.3, λ₁ = 0.5, λ₂ = 1) against AMS-02 protons (PRL 2015, E_k ≥ 10 GeV, as KQ22)
/// and Voyager 1 H. KQ22 do not list their variations; we show λ₁ ∈ {0.3, 0.7} at λ₂ = 1 and λ₂ ∈ {0.8, 1.2}
/// at λ₁ = 0.5 and say so in the legend. Plotted as J R^2.7 against R (Voyager converted from per-MeV
/// intensity at E_k to per-GV flux at the proton rigidity).
/// </summary>
internal static class Figure2Stratified
{
    private static readonly (string Label, double Lambda1, double Lambda2, string Color, CurveStyle Style)[] Variants =
    [
        (@"fiducial \lambda_1 = 0.5, \lambda_2 = 1", 0.5, 1.0, Black, CurveStyle.Solid),
        (@"\lambda_1 = 0.3 (our variation)", 0.3, 1.0, Blue, CurveStyle.Dashed),
        (@"\lambda_1 = 0.7 (our variation)", 0.7, 1.0, Red, CurveStyle.Dashed),
        (@"\lambda_2 = 0.8 (our variation)", 0.5, 0.8, Green, CurveStyle.Dotted),
        (@"\lambda_2 = 1.2 (our variation)", 0.5, 1.2, Purple, CurveStyle.Dotted),
    ];

    public static PaperFigure Build()
    {
        var catalog = Catalog();
        var ams = ProtonData(catalog.Load("ams02-p-2015"), DatasetCut.DefaultFor(DatasetQuantity.ProtonFlux), "AMS-02 2015 (E_k >= 10 GeV)");
        var voyager = VoyagerData(catalog.Load("voyager1-h-2016"), "Voyager 1 H");
        double floor = 0.3 * ams.Y.Concat(voyager.Y).Min();
        var grid = LogGrid(0.05, 1e5, 30);
        var curves = new List<CurveSeries>();
        var notes = new List<string>
        {
            "stratified fiducial: z0 = 500 pc, z_max = 20 kpc, n(z0) = 5e-3 cm^-3, B = 1 uG (v_A0 = 30.8 km/s), L = 500 pc, gamma_inj = 4.3, ionisation losses (eq. 9 at the height that sets f)",
            "variations are our choice (KQ22 do not list theirs): lambda_1 in {0.3, 0.7} at lambda_2 = 1; lambda_2 in {0.8, 1.2} at lambda_1 = 0.5",
            "above the cut-off (Q = S at z_max) CRs escape at c (f = Q/c, E.1): the curves are drawn down to the axis there (J R^2.7 would be ~10-70)",
        };
        foreach (var (label, l1, l2, color, style) in Variants)
        {
            var p = Predict("stratified", grid, new Dictionary<string, double> { ["lambda_1"] = l1, ["lambda_2"] = l2 });
            var y = WeightedFlux(grid, p.ProtonFlux!);
            // Above the cut-off CRs are unconfined up to z_max and escape at c (f = Q/c, E.1): J R^2.7 falls by
            // v_A/c ~ 1e-4, to ~10-70 here; the curve is drawn down to the axis there instead.
            var vEff = p.Components["v_st_eff_km_s"];
            var shown = y.Select((v, i) => vEff[i] > 0.5 * Core.PhysicalConstants.SpeedOfLightCmPerS / Core.PhysicalConstants.KmPerSInCmPerS ? 0 : v).ToArray();
            curves.Add(Clipped(label, grid, shown, floor, color, style, style == CurveStyle.Solid ? 2.5f : 2f));
            double pstar = p.Components["pstar_GV"][0], cut = p.Components["cutoff_GV"][0];
            double slope = LogSlope(grid, p.ProtonFlux!, 2 * pstar, 0.5 * cut);
            double predicted = -(4.3 - 2) - l1 * (4.3 - 3.5) / l2; // J ~ p^2 f, f ~ p^-(gamma + lambda1 (gamma - 3.5)/lambda2) (eq. 21)
            notes.Add($"{LabelText.FromLatex(label)}: p* (Q = S at z0) = {G(pstar)} GV, cut-off (Q = S at z_max) = {G(cut)} GV; J slope between 2 p* and cut-off/2 = {G(slope)} (eq. 21: {G(predicted)}); J R^2.7 at 100 GV = {G(At(grid, y, 100))}, at 1 TV = {G(At(grid, y, 1000))}");
        }
        int amsAt100 = Array.FindIndex(ams.X, x => x >= 100);
        if (amsAt100 >= 0) notes.Add($"AMS-02 J R^2.7 at {G(ams.X[amsAt100])} GV = {G(ams.Y[amsAt100])}");
        var panel = new SpectrumPanel("protons: stratified self-confined halo (eqs. 17-22)", "R [GV]", "J R^2.7 [m^-2 sr^-1 s^-1 GV^1.7]")
        {
            Data = [ams, voyager],
            Curves = curves,
            Legend = LegendPosition.LowerRight,
        };
        return new PaperFigure(2, "KQ22 Fig. 2: stratified self-confinement vs AMS-02 and Voyager", [panel], notes);
    }
}
