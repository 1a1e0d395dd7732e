using CrInference.Core;
using CrInference.Physics.Models;
using CrInference.Physics.Plasma;
using CrInference.Physics.Sources;
using CrInference.Plotting;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 1 from the <c>linear-sc</c> model at its fiducial point (= Figure 1: SN 1/100 yr, 1e50 erg,
/// Q ∝ p^−4.3, Γ = 1e-11 s⁻¹ at the scale resonant with 1 GeV/c, Γ ∝ k^½, B = 1 μG, n = 1e-3 cm⁻³, no losses).
/// Top: f(p) of eq. 5 (blue solid) and the pure-streaming Q/v_A (green dashed), both × (p/GeV c⁻¹)^4.3 so that
/// Q/v_A is flat and the cut-off stands out; above p_c the unconfined f = Q/c (open choice E.1).
/// Bottom: v_st,eff = Q/f (eq. 8), capped at c (E.1).
/// </summary>
internal static class Figure1LinearDamping
{
    public static PaperFigure Build()
    {
        var grid = LogGrid(0.1, 1e5, 40);
        var model = ModelCatalog.Find("linear-sc")!;
        var (input, _) = model.Resolve(new Dictionary<string, double>(), new Dictionary<string, string> { ["losses"] = "none" });
        var prediction = Predict("linear-sc", grid, options: new Dictionary<string, string> { ["losses"] = "none" });
        var injection = Injection.FromSupernovae(input!["sn_rate_per_yr"], input["e_cr_per_sn_erg"], input["gamma_inj"]);
        var plasma = PlasmaState.FromMicrogauss(input["hot_n_cm3"], double.NaN, input["hot_B_uG"]);
        double vA = plasma.AlfvenSpeed;
        double gamma = input["gamma_inj"];
        // For protons p [GeV/c] = R [GV]; Q(p) in cm^-2 s^-1 (g cm s^-1)^-3.
        var streaming = grid.Select(p => injection.Rate(p) / vA * Math.Pow(p, gamma)).ToArray();
        var f = grid.Select((p, i) => injection.Rate(p) / vA * prediction.Components["f_over_Q_vA"][i] * Math.Pow(p, gamma)).ToArray();
        var vEff = prediction.Components["v_st_eff_km_s"];
        double cutoff = prediction.Components["cutoff_GV"][0];
        double vAkm = vA / PhysicalConstants.KmPerSInCmPerS;

        var top = new SpectrumPanel("f(p) of eq. 5 and pure Alfvenic streaming (x p^4.3)", "p [GeV/c]", "f p^4.3 [cm^-3 (g cm s^-1)^-3 (GeV/c)^4.3]")
        {
            Curves =
            [
                new CurveSeries("eq. 5: (Q - S)/v_A, and Q/c above p_c", grid, f) { Color = Blue, Style = CurveStyle.Solid, Width = 2.5f },
                new CurveSeries("Q/v_A (no damping correction)", grid, streaming) { Color = Green, Style = CurveStyle.Dashed, Width = 2 },
            ],
            Legend = LegendPosition.LowerLeft,
        };
        var bottom = new SpectrumPanel("effective streaming speed (eq. 8), capped at c", "p [GeV/c]", "v_{st,eff} [km s^-1]")
        {
            Curves =
            [
                new CurveSeries("v_{st,eff} = v_A Q/(Q - S)", grid, vEff) { Color = Blue, Width = 2.5f },
                new CurveSeries("v_A", [grid[0], grid[^1]], [vAkm, vAkm]) { Color = Green, Style = CurveStyle.Dashed, Width = 1.5f },
            ],
            Legend = LegendPosition.UpperLeft,
        };
        int firstFast = Array.FindIndex(vEff, v => v > 2 * vAkm);
        var notes = new List<string>
        {
            $"linear-sc fiducial: n = {G(input["hot_n_cm3"])} cm^-3, B = {G(input["hot_B_uG"])} uG -> v_A = {G(vAkm)} km/s; Gamma_1 = {G(input["damping_1GeV_per_s"])} s^-1, a = 1/2, gamma_inj = {G(gamma)}, losses off (eq. 5 has none)",
            $"cut-off p_c (Q = S, eq. 6): {G(cutoff)} GeV/c (CONVENTIONS B.11 quotes 241 GeV/c)",
            $"f/(Q/v_A) = {G(At(grid, prediction.Components["f_over_Q_vA"], 10))} at 10 GeV/c, {G(At(grid, prediction.Components["f_over_Q_vA"], 100))} at 100 GeV/c, {G(At(grid, prediction.Components["f_over_Q_vA"], 0.9 * cutoff))} at 0.9 p_c",
            $"v_st,eff exceeds 2 v_A first at p = {(firstFast >= 0 ? G(grid[firstFast]) : "n/a")} GeV/c and is c above p_c (E.1 caps it)",
        };
        return new PaperFigure(1, @"KQ22 Fig. 1: self-confinement with linear damping (\Gamma \propto k^{1/2})", [top, bottom], notes);
    }
}
