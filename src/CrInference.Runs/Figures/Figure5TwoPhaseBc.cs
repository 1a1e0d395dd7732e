using CrInference.Data;
using CrInference.Physics.Measurement;
using CrInference.Plotting;
using CrInference.Posterior.Likelihood;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 5: B/C of the fiducial <c>two-phase</c> model (§4.2: hot n = 3e-3 cm⁻³, T = 3e6 K, B = 1 μG;
/// warm n = 0.2 cm⁻³, T = 1e4 K, B = 6 μG, fast modes ℳ_A = 0.6, L = 50 pc; z_W = 0.5 kpc, r = 10 kpc;
/// h = 200 pc, n_disk = 1.25 cm⁻³, σ = 61 mb, γ_inj = 4.3) with κ_turb = the isotropic fast-mode κ
/// (<c>kappa=fast-modes</c>), against AMS-02 B/C (PRL 2016, E_k/n &gt; 1 GeV/n) at the ¹²C rigidity of each
/// E_k/n (A.3). Total (black), warm-ISM term (first term of eq. 31, dotted) and halo term (eq. 30 at z_W,
/// dashed); log-log in R, from the rigidity of 1 GeV/n carbon up.
/// </summary>
internal static class Figure5TwoPhaseBc
{
    /// <summary>The fiducial options of Figures 5 and 6.</summary>
    public static IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string> { ["kappa"] = "fast-modes" };

    public static PaperFigure Build()
    {
        var catalog = Catalog();
        var data = BoronToCarbonData(catalog.Load("ams02-bc-2016-ekn"), DatasetCut.DefaultFor(DatasetQuantity.BoronToCarbon), "AMS-02 2016 (E_k/n > 1 GeV/n)");
        double floor = 0.3 * data.Y.Min();
        double rMin = MeasuredFlux.CarbonRigidityAtKineticEnergyPerNucleon(1.0);
        var grid = LogGrid(rMin, 3e3, 40);
        var p = Predict("two-phase", grid, options: Options);
        var total = p.BoronToCarbon!;
        var warm = p.Components["bc_warm"];
        var halo = p.Components["bc_halo"];
        var kappa = p.Components["kappa_turb_cm2_s"];
        var (chi2, points) = ChiSquare("two-phase", new Dictionary<string, double>(), Options, "ams02-bc-2016-ekn");
        double crossing = Crossing(grid, warm, halo);
        var notes = new List<string>
        {
            "two-phase fiducial (KQ22 sec. 4.2) with kappa = isotropic fast modes of the warm ISM (n = 0.2, T = 1e4 K, B = 6 uG, M_A = 0.6, L = 50 pc); no boron losses (KQ22 App. C)",
            $"B/C total = {G(total[0])} at {G(rMin)} GV (1 GeV/n), {G(At(grid, total, 10))} at 10 GV, {G(At(grid, total, 100))} at 100 GV, {G(At(grid, total, 1000))} at 1 TV; Alfvenic-streaming plateau h/(v_A tau_spall) (v_B/v_C) at the lowest R: halo term {G(halo[0])}",
            $"warm term = halo term at R = {G(crossing)} GV (KQ22: warm ISM sets B/C above a few hundred GV); warm share {G(At(grid, warm, 10) / At(grid, total, 10))} at 10 GV, {G(At(grid, warm, 1000) / At(grid, total, 1000))} at 1 TV",
            $"log slope of B/C: {G(LogSlope(grid, total, rMin, 10))} over {G(rMin)}-10 GV, {G(LogSlope(grid, total, 10, 100))} over 10-100 GV, {G(LogSlope(grid, total, 300, 3000))} over 0.3-3 TV",
            $"warm kappa_turb = {G(At(grid, kappa, 10))}, {G(At(grid, kappa, 100))}, {G(At(grid, kappa, 1000))} cm^2/s at 10, 100, 1000 GV",
            $"chi2 against AMS-02 B/C 2016 (E_k/n > 1 GeV/n, stat+sys, no modulation): {G(chi2)} for {points} points",
        };
        var panel = new SpectrumPanel("B/C: two-phase fiducial (eqs. 30, 31 at z = 0)", "R [GV]", "B/C")
        {
            Data = [data],
            Curves =
            [
                new CurveSeries("total", grid, total) { Color = Black, Width = 2.5f },
                Clipped("warm ISM (1st term of eq. 31)", grid, warm, floor, Black, CurveStyle.Dotted),
                Clipped("self-confined hot ISM + halo (eq. 30)", grid, halo, floor, Black, CurveStyle.Dashed),
            ],
            Legend = LegendPosition.LowerLeft,
        };
        return new PaperFigure(5, "KQ22 Fig. 5: B/C of the fiducial two-phase model vs AMS-02", [panel], notes);
    }
}
