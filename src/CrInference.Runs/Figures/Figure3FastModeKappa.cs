using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;
using CrInference.Plotting;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 3: κ_turb(R) of protons in the isotropic weak fast-mode cascade (Appendix A, the fast
/// isotropic solver of <see cref="FastModeDiffusion"/>) for the warm ISM (solid; n = 0.1 cm⁻³, T = 2e4 K) and
/// the low-β halo (dashed; n = 1e-3 cm⁻³, T = 2e6 K), both B = 6 μG, ℳ_A = 1, L = 100 pc
/// (<see cref="FastModePresets"/>), with undamped Kolmogorov (∝ R^⅓) and Kraichnan (∝ R^½) reference lines
/// through the warm κ at 1e5 GV.
/// </summary>
internal static class Figure3FastModeKappa
{
    /// <summary>Rigidity range, GV.</summary>
    public const double MinimumGV = 0.3, MaximumGV = 1e6;

    /// <summary>Grid density (points per decade); the fast solver needs a few ms for ~70 rigidities.</summary>
    public const int PerDecade = 12;

    /// <summary>Curve labels (also the CSV series names the tests read).</summary>
    public const string WarmLabel = "warm ISM (n = 0.1, T = 2e4 K)", HaloLabel = "halo (n = 1e-3, T = 2e6 K)";

    public static PaperFigure Build()
    {
        var grid = LogGrid(MinimumGV, MaximumGV, PerDecade);
        var warm = Kappa(FastModePresets.Fig3Warm, grid);
        var halo = Kappa(FastModePresets.Fig3Halo, grid);
        double anchor = At(grid, warm.Select(k => k.Total).ToArray(), 1e5);
        var warmTotal = warm.Select(k => k.Total).ToArray();
        var haloTotal = halo.Select(k => k.Total).ToArray();
        var curves = new List<CurveSeries>
        {
            new(WarmLabel, grid, warmTotal) { Color = Black, Style = CurveStyle.Solid, Width = 2.5f },
            new(HaloLabel, grid, haloTotal) { Color = Black, Style = CurveStyle.Dashed, Width = 2.5f },
            CurveSeries.PowerLaw(@"Kolmogorov \propto R^{1/3} (undamped)", 1e5, anchor, 1.0 / 3, 1e2, MaximumGV) with { Color = Blue },
            CurveSeries.PowerLaw(@"Kraichnan \propto R^{1/2} (undamped)", 1e5, anchor, 0.5, 1e2, MaximumGV) with { Color = Red },
        };
        var notes = new List<string>
        {
            $"warm: beta = {G(FastModePresets.Fig3Warm.Plasma.Beta)}, v_A = {G(FastModePresets.Fig3Warm.Plasma.AlfvenSpeed / 1e5)} km/s, l_mfp = {G(FastModePresets.Fig3Warm.Plasma.IonMeanFreePath)} cm; halo: beta = {G(FastModePresets.Fig3Halo.Plasma.Beta)}, v_A = {G(FastModePresets.Fig3Halo.Plasma.AlfvenSpeed / 1e5)} km/s, l_mfp = {G(FastModePresets.Fig3Halo.Plasma.IonMeanFreePath)} cm; M_A = 1, L = 100 pc",
            $"warm kappa slope d ln kappa/d ln R: {G(LogSlope(grid, warmTotal, 3e3, 1e6))} over 3e3-1e6 GV (KQ22: 0.5), {G(LogSlope(grid, warmTotal, 1e2, 1e3))} over 1e2-1e3 GV (viscous: KQ22 'rises slowly as R decreases'), {G(LogSlope(grid, warmTotal, 3, 1e2))} over 3-100 GV (collisionless: weak), {G(LogSlope(grid, warmTotal, MinimumGV, 2))} over 0.3-2 GV (trans-relativistic drop)",
            $"halo kappa slope: {G(LogSlope(grid, haloTotal, 3, 1e4))} over 3-1e4 GV, {G(LogSlope(grid, haloTotal, 1e4, 1e6))} over 1e4-1e6 GV (KQ22: almost energy independent)",
            $"warm kappa = {G(At(grid, warmTotal, 1))}, {G(At(grid, warmTotal, 10))}, {G(At(grid, warmTotal, 100))}, {G(At(grid, warmTotal, 1e3))}, {G(At(grid, warmTotal, 1e4))}, {G(At(grid, warmTotal, 1e5))} cm^2/s at 1, 10, 1e2, 1e3, 1e4, 1e5 GV; minimum {G(warmTotal.Min())} at {G(grid[Array.IndexOf(warmTotal, warmTotal.Min())])} GV",
            $"halo kappa = {G(At(grid, haloTotal, 1))}, {G(At(grid, haloTotal, 10))}, {G(At(grid, haloTotal, 100))}, {G(At(grid, haloTotal, 1e3))}, {G(At(grid, haloTotal, 1e4))}, {G(At(grid, haloTotal, 1e5))} cm^2/s at 1, 10, 1e2, 1e3, 1e4, 1e5 GV",
            $"unconfined (kappa capped at vL/3) at {warm.Count(k => k.Unconfined)} warm and {halo.Count(k => k.Unconfined)} halo grid points",
        };
        var panel = new SpectrumPanel("isotropic weak fast-mode cascade (KQ22 App. A)", "R [GV]", @"\kappa [cm^2 s^-1]") { Curves = curves };
        return new PaperFigure(3, @"KQ22 Fig. 3: \kappa_{turb} from the isotropic fast-mode cascade (M_A = 1, L = 100 pc, B = 6 μG)", [panel], notes)
        {
            CurveOptions = new CurvePlotOptions { XLabel = "R [GV]", YLabel = @"\kappa [cm^2 s^-1]", Legend = LegendPosition.UpperLeft, Width = 900, Height = 650 },
        };
    }

    /// <summary>κ and its parts on <paramref name="grid"/> for one plasma.</summary>
    public static KappaParts[] Kappa(TurbulenceSpec spec, double[] grid)
    {
        var parts = new KappaParts[grid.Length];
        string? error = FastModeDiffusion.Isotropic.ComputeParts(spec, grid, parts);
        if (error is not null) throw new InvalidOperationException($"fast-mode kappa failed: {error}");
        return parts;
    }
}
