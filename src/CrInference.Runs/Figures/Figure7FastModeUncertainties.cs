using CrInference.Physics.FastModes;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Transport;
using CrInference.Plotting;
using static CrInference.Runs.Figures.FigureSupport;

namespace CrInference.Runs.Figures;

/// <summary>
/// KQ22 Figure 7. Top: κ of protons for weak shocks (blue dotted, κ = vλ/3, λ = 10 pc, §5.1) and for the
/// anisotropic low-β cascade (eqs. 36–39; black solid warm ISM, black dashed halo; the Figure 3 plasmas);
/// the isotropic κ of Figure 3 is quoted in the notes for comparison. Where the anisotropic cascade leaves no undamped
/// mode that can scatter, κ is the free-streaming cap vL/3 (FAST-MODES.md, "unconfined"); those rigidities are
/// not drawn (the legend names them). Bottom: the critical wave pitch angle θ_c(kL) (largest undamped angle) for the isotropic (red)
/// and anisotropic (black) cascades, warm (solid) and halo (dashed), with θ_min = eq. 27 (isotropic, red dotted)
/// and the fixed point of eq. 39 (anisotropic, black dotted); angles in radians.
/// </summary>
internal static class Figure7FastModeUncertainties
{
    /// <summary>Rigidities of the anisotropic κ. The adaptive solver takes 1–3 s per rigidity below 1 TV and 5–20 s
    /// at 1e4–1e5 GV (one core); 1e6 GV would cost ~50 s more per plasma for a curve that is by then the undamped R^½.</summary>
    public const double KappaMinimumGV = 1, KappaMaximumGV = 1e5;

    /// <summary>Points per decade of the anisotropic κ grid.</summary>
    public const int KappaPerDecade = 3;

    public static PaperFigure Build()
    {
        var grid = LogGrid(KappaMinimumGV, KappaMaximumGV, KappaPerDecade);
        var isoGrid = LogGrid(KappaMinimumGV, KappaMaximumGV, 12);
        var shocks = new double[grid.Length];
        string? error = WeakShockDiffusion.Default.Compute(FastModePresets.Fig3Warm, grid, shocks);
        if (error is not null) throw new InvalidOperationException(error);
        var warmA = Anisotropic(FastModePresets.Fig3Warm, grid);
        var haloA = Anisotropic(FastModePresets.Fig3Halo, grid);
        var warmI = Figure3FastModeKappa.Kappa(FastModePresets.Fig3Warm, isoGrid).Select(k => k.Total).ToArray();
        var haloI = Figure3FastModeKappa.Kappa(FastModePresets.Fig3Halo, isoGrid).Select(k => k.Total).ToArray();

        var top = new List<CurveSeries>
        {
            new(@"weak shocks, \lambda = 10 pc (sec. 5.1)", grid, shocks) { Color = Blue, Style = CurveStyle.Dotted, Width = 2.5f },
        };
        top.AddRange(Split("anisotropic, warm ISM", grid, warmA, CurveStyle.Solid));
        top.AddRange(Split("anisotropic, halo", grid, haloA, CurveStyle.Dashed));

        var x = LogGrid(1, 1e10, 10);
        var bottom = new List<CurveSeries>();
        var notes = new List<string>();
        foreach (var (name, spec, style) in new[] { ("warm ISM", FastModePresets.Fig3Warm, CurveStyle.Solid), ("halo", FastModePresets.Fig3Halo, CurveStyle.Dashed) })
        {
            var iso = Cutoff(spec, FastModeVariant.Isotropic);
            var aniso = Cutoff(spec, FastModeVariant.Anisotropic);
            var thetaIso = x.Select(iso.CriticalAngle).ToArray();
            var thetaAniso = x.Select(aniso.CriticalAngle).ToArray();
            bottom.Add(new CurveSeries($@"\theta_c isotropic, {name}", x, thetaIso) { Color = Red, Style = style, Width = 2 });
            bottom.Add(new CurveSeries($@"\theta_c anisotropic, {name}", x, thetaAniso) { Color = Black, Style = style, Width = 2 });
            double full = aniso.FullDampingScale;
            double rl1 = Kinematic.LarmorRadiusCm(1.0, spec.Plasma.FieldG);
            double rAtFull = spec.OuterScaleCm / full / rl1;
            var thetaMinA = x.Select(aniso.MinimumAngle).ToArray();
            var thetaMinI = x.Select(iso.MinimumAngle).ToArray();
            notes.Add($"{name}: anisotropic theta_c < theta_min (cascade fully damped) beyond kL = {G(full)} (R = L/r_L: {G(rAtFull)} GV); isotropic full-damping scale {(iso.FullDampingScale >= CascadeCutoff.Infinite ? "none" : G(iso.FullDampingScale))}");
            notes.Add($"{name}: theta_c isotropic = {G(At(x, thetaIso, 1e2))}, {G(At(x, thetaIso, 1e4))}, {G(At(x, thetaIso, 1e6))}, {G(At(x, thetaIso, 1e8))} rad at kL = 1e2, 1e4, 1e6, 1e8 (slope {G(LogSlope(x, thetaIso, 1e6, 1e9))} over 1e6-1e9; KQ22: -1/4 when collisionless); anisotropic = {G(At(x, thetaAniso, 1e2))}, {G(At(x, thetaAniso, 1e4))}, {G(At(x, thetaAniso, 1e6))} rad; theta_min eq. 27 = {G(At(x, thetaMinI, 1e6))}, eq. 39 = {G(At(x, thetaMinA, 1e6))} rad at kL = 1e6");
            notes.Add($"{name}: anisotropic kappa unconfined (vL/3 cap) at R <= {G(LargestUnconfined(grid, name == "halo" ? haloA : warmA))} GV; kappa = {G(At(grid, (name == "halo" ? haloA : warmA).Select(k => k.Total).ToArray(), 1e4))} at 1e4 GV, {G(At(grid, (name == "halo" ? haloA : warmA).Select(k => k.Total).ToArray(), 1e5))} at 1e5 GV (isotropic: {G(At(isoGrid, name == "halo" ? haloI : warmI, 1e4))}, {G(At(isoGrid, name == "halo" ? haloI : warmI, 1e5))}); anisotropic slope {G(LogSlope(grid, (name == "halo" ? haloA : warmA).Select(k => k.Unconfined ? double.NaN : k.Total).ToArray(), 1e3, 1e5))} over 1e3-1e5 GV");
        }
        bottom.Add(new CurveSeries(@"\theta_{min} isotropic (eq. 27)", x, x.Select(v => FieldLineWandering.QuasiParallel(v, 1.0)).ToArray()) { Color = Red, Style = CurveStyle.Dotted, Width = 2 });
        bottom.Add(new CurveSeries(@"\theta_{min} anisotropic (eq. 39)", x, x.Select(v => FieldLineWandering.AnisotropicMinimumAngle(v, 1.0, AnisotropicWandering.Alfvenic)).ToArray()) { Color = Black, Style = CurveStyle.Dotted, Width = 2 });
        notes.Insert(0, $"weak shocks: kappa = v lambda/3 = {G(shocks[^1])} cm^2/s (lambda = 10 pc); plasmas of Fig. 3 (M_A = 1, L = 100 pc, B = 6 uG); kL = L/r_L, kL = 1e6 <-> R = {G(FastModePresets.Fig3Warm.OuterScaleCm / 1e6 / Kinematic.LarmorRadiusCm(1.0, FastModePresets.Fig3Warm.Plasma.FieldG))} GV");

        var topPanel = new SpectrumPanel(@"CR diffusion: weak shocks and the anisotropic low-\beta cascade", "R [GV]", @"\kappa [cm^2 s^-1]") { Curves = top, Legend = LegendPosition.LowerLeft };
        var bottomPanel = new SpectrumPanel(@"critical wave pitch angle \theta_c and minimum angle \theta_{min}", "kL", @"\theta [rad]") { Curves = bottom, Legend = LegendPosition.LowerLeft };
        return new PaperFigure(7, "KQ22 Fig. 7: uncertainties in fast-mode turbulence", [topPanel, bottomPanel], notes);
    }

    private static KappaParts[] Anisotropic(TurbulenceSpec spec, double[] grid)
    {
        var parts = new KappaParts[grid.Length];
        string? error = FastModeDiffusion.Anisotropic.ComputeParts(spec, grid, parts);
        if (error is not null) throw new InvalidOperationException($"anisotropic kappa failed: {error}");
        return parts;
    }

    private static CascadeCutoff Cutoff(TurbulenceSpec spec, FastModeVariant variant)
    {
        string? error = FastModePlasma.TryCreate(spec, out var plasma);
        if (error is not null) throw new InvalidOperationException(error);
        return new CascadeCutoff(plasma!, variant);
    }

    /// <summary>The confined part of an anisotropic κ curve; the unconfined rigidities (no mode left to scatter,
    /// κ = the vL/3 cap) are not drawn — KQ22's curves leave the plot there — and are named in the label.</summary>
    private static IEnumerable<CurveSeries> Split(string label, double[] grid, KappaParts[] parts, CurveStyle style)
    {
        var confined = Enumerable.Range(0, grid.Length).Where(i => !parts[i].Unconfined).ToArray();
        double last = LargestUnconfined(grid, parts);
        string suffix = double.IsNaN(last) ? "" : $" (no scattering at R <= {G(last)} GV)";
        if (confined.Length > 0)
        {
            yield return new CurveSeries(label + suffix, [.. confined.Select(i => grid[i])], [.. confined.Select(i => parts[i].Total)]) { Color = Black, Style = style, Width = 2.5f };
        }
    }

    private static double LargestUnconfined(double[] grid, KappaParts[] parts)
    {
        double r = double.NaN;
        for (int i = 0; i < grid.Length; i++) if (parts[i].Unconfined) r = grid[i];
        return r;
    }
}
