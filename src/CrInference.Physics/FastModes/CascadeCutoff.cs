namespace CrInference.Physics.FastModes;

/// <summary>How the cut-off k_max(θ) of one wave pitch angle was reached (used to find the angles where it is not smooth).</summary>
public enum CutoffBranch
{
    /// <summary>Damped faster than it cascades already at the outer scale (x_max = 1, no modes).</summary>
    OuterScale,
    /// <summary>Viscous damping (A5) equals the cascade rate at x_max.</summary>
    Viscous,
    /// <summary>Reaches the collisionless regime already damped: k_max,∥ = l_mfp⁻¹ v_th/v_A (switch rule after A7).</summary>
    SwitchScale,
    /// <summary>Collisionless damping (A6) equals the cascade rate at x_max.</summary>
    Collisionless,
    /// <summary>Never damped up to <see cref="CascadeCutoff.Infinite"/>.</summary>
    Undamped,
    /// <summary>Cut at the scale where the whole cascade is damped (θ_c &lt; θ_min, KQ22 §5.2).</summary>
    FullDamping,
}

/// <summary>
/// The damped weak fast-mode cascade of one plasma: the angle-dependent cut-off k_max(θ)L of A1/A2
/// (the cascade rate A4 or eq. 36 equated with the window-averaged viscous A5 or collisionless A6
/// damping), the rates themselves (used by <see cref="ConeTable"/> for the undamped cone at fixed parallel
/// wavenumber), and θ_c(k), θ_min(k) of Figure 7.
/// </summary>
/// <remarks>
/// <para>Rates at wavenumber x = kL and angle θ, in units of v_A/L: cascade ℳ_A² x^{1/2} (isotropic, A4/24)
/// or ℳ_A² x^{1/2}⟨|sin θ′|⟩ (anisotropic, eqs. 36–37); viscous ν̂ x² ⟨sin²θ′⟩/6 (A5); collisionless
/// x ⟨h(θ′)⟩ (A6). ⟨·⟩ is the uniform average over (θ − δθ, θ + δθ) (C.23) with δθ from A7 (isotropic)
/// or eq. 39/40 evaluated at max(θ, θ_min(k)) (anisotropic, C.29; KQ22: "imposing a lower limit on θ in (39)").</para>
/// <para>Regime (C.22): a mode is collisional while k∥ l_mfp v_A/v_th &lt; 1, i.e. x cos θ &lt; x_c∥. Along the
/// cascade of one angle the damping/cascade ratio increases with x in each regime, so k_max(θ) is the
/// first scale where the ratio of the applicable regime reaches 1; when a mode enters the collisionless
/// regime already over-damped, k_max,∥ = x_c∥ — exactly the correction rule stated after A7.</para>
/// <para>Full damping (KQ22 §5.2): where θ_c(k) &lt; θ_min(k) no mode has a well-defined angle that
/// survives, and the cascade stops at that scale for all angles. Applied to both variants (it never
/// triggers for the isotropic Figure 3 plasmas, where θ_c and θ_min both scale as k^{−1/4}).</para>
/// </remarks>
public sealed class CascadeCutoff
{
    /// <summary>Scales beyond this x = kL count as never damped.</summary>
    public const double Infinite = 1e40;

    private static readonly double LogInfinite = Math.Log(Infinite);
    private readonly FastModePlasma _p;
    private readonly CollisionlessWindowTable? _table;
    private readonly double _ma2;

    /// <summary>Builds the cut-off model; <paramref name="exactWindows"/> selects adaptive quadrature for
    /// the collisionless window average (reference) instead of the per-plasma table (fast path).</summary>
    public CascadeCutoff(FastModePlasma plasma, FastModeVariant variant, AnisotropicWandering wandering = AnisotropicWandering.Alfvenic,
        bool exactWindows = false, int tableRefinement = 1)
    {
        if (variant == FastModeVariant.Shocks) throw new ArgumentException("the weak-shock variant has no cascade cut-off", nameof(variant));
        _p = plasma;
        Variant = variant;
        Wandering = wandering;
        _ma2 = plasma.AlfvenMach * plasma.AlfvenMach;
        if (!exactWindows) _table = new CollisionlessWindowTable(plasma.Beta, tableRefinement);
        FullDampingScale = FindFullDampingScale();
    }

    /// <summary>The plasma.</summary>
    public FastModePlasma Plasma => _p;

    /// <summary>Isotropic or anisotropic cascade.</summary>
    public FastModeVariant Variant { get; }

    /// <summary>Wandering law of the anisotropic cascade (C.29).</summary>
    public AnisotropicWandering Wandering { get; }

    /// <summary>x beyond which the whole cascade is damped (θ_c &lt; θ_min), or <see cref="Infinite"/>.</summary>
    public double FullDampingScale { get; }

    private bool Anisotropic => Variant == FastModeVariant.Anisotropic;

    /// <summary>θ_min(k): eq. 27 for the isotropic cascade, the fixed point of eq. 39/40 for the anisotropic one.</summary>
    public double MinimumAngle(double x) => Anisotropic
        ? FieldLineWandering.AnisotropicMinimumAngle(x, _p.AlfvenMach, Wandering)
        : FieldLineWandering.QuasiParallel(x, _p.AlfvenMach);

    /// <summary>Averaging half-window δθ(k, θ) (A7, or eq. 39/40 at max(θ, θ_min)), at most π/2.</summary>
    public double Window(double x, double theta)
    {
        if (!Anisotropic) return FieldLineWandering.General(x, theta, _p.AlfvenMach);
        double floor = MinimumAngle(x);
        return FieldLineWandering.Anisotropic(x, Math.Max(theta, floor), _p.AlfvenMach, Wandering);
    }

    /// <summary>True when the mode (x, θ) is collisional: x cos θ &lt; x_c∥ (switch rule after A7).</summary>
    public bool IsViscous(double x, double theta) => x * Math.Cos(theta) < _p.ParallelSwitch;

    /// <summary>ln(Γ/τ⁻¹) at (x, θ) with the viscous (A5) or collisionless (A6) rate.</summary>
    public double LogRatio(double x, double theta, bool viscous)
    {
        double delta = Window(x, theta);
        double cascade = _ma2 * Math.Sqrt(x);
        if (Anisotropic) cascade *= DampingRates.AbsSinWindow(theta, delta);
        double damping = viscous
            ? _p.ViscosityHat * x * x * DampingRates.ViscousWindow(theta, delta) / 6.0
            : x * CollisionlessAverage(theta, delta);
        return Math.Log(damping) - Math.Log(cascade);
    }

    /// <summary>Window average of the A6 angle factor.</summary>
    public double CollisionlessAverage(double theta, double delta) =>
        _table is null ? DampingRates.CollisionlessWindowExact(theta, delta, _p.Beta) : _table.WindowAverage(theta, delta);

    /// <summary>
    /// k_max(θ)L of A1/A2: the first x ≥ 1 where the applicable damping rate reaches the cascade rate,
    /// at most <see cref="FullDampingScale"/> (unless <paramref name="ignoreFullDamping"/>).
    /// </summary>
    public (double X, CutoffBranch Branch) MaxWavenumber(double theta, bool ignoreFullDamping = false)
    {
        var (x, branch) = FirstCrossing(theta);
        if (!ignoreFullDamping && FullDampingScale < Infinite && x > FullDampingScale) return (FullDampingScale, CutoffBranch.FullDamping);
        return (x, branch);
    }

    /// <summary>
    /// The branch of <see cref="MaxWavenumber"/> at θ from at most four rate evaluations (no root solve);
    /// <see cref="CutoffBranch.Undamped"/> is reported as <see cref="CutoffBranch.Collisionless"/> since
    /// k_max(θ) → ∞ continuously.
    /// </summary>
    public CutoffBranch Classify(double theta)
    {
        double c = Math.Cos(theta);
        double xs = c > 0 ? _p.ParallelSwitch / c : double.PositiveInfinity;
        double xf = FullDampingScale;
        double start = 1;
        if (xs > 1)
        {
            if (LogRatio(1, theta, true) >= 0) return CutoffBranch.OuterScale;
            double end = Math.Min(Math.Min(xs, xf), Infinite);
            if (LogRatio(end, theta, true) >= 0) return CutoffBranch.Viscous;
            if (xf <= xs && xf < Infinite) return CutoffBranch.FullDamping;
            if (xs >= Infinite) return CutoffBranch.Collisionless;
            start = xs;
        }
        if (LogRatio(start, theta, false) >= 0) return start > 1 ? CutoffBranch.SwitchScale : CutoffBranch.OuterScale;
        if (xf < Infinite) return LogRatio(xf, theta, false) >= 0 ? CutoffBranch.Collisionless : CutoffBranch.FullDamping;
        return CutoffBranch.Collisionless;
    }

    private (double X, CutoffBranch Branch) FirstCrossing(double theta)
    {
        double c = Math.Cos(theta);
        double lnSwitch = c > 0 ? Math.Log(_p.ParallelSwitch / c) : double.PositiveInfinity;
        double lnStart = 0;
        if (lnSwitch > 0)
        {
            double g0 = LogRatio(1, theta, true);
            if (g0 >= 0) return (1, CutoffBranch.OuterScale);
            double lnEnd = Math.Min(lnSwitch, LogInfinite);
            double gEnd = LogRatio(Math.Exp(lnEnd), theta, true);
            if (gEnd >= 0)
            {
                double root = RootFinding.Illinois(t => LogRatio(Math.Exp(t), theta, true), 0, g0, lnEnd, gEnd, 1e-11);
                return (Math.Exp(root), CutoffBranch.Viscous);
            }
            if (lnSwitch >= LogInfinite) return (double.PositiveInfinity, CutoffBranch.Undamped);
            lnStart = lnSwitch;
        }
        double gs = LogRatio(Math.Exp(lnStart), theta, false);
        if (gs >= 0) return (Math.Exp(lnStart), lnStart > 0 ? CutoffBranch.SwitchScale : CutoffBranch.OuterScale);
        double lo = lnStart, glo = gs;
        while (lo < LogInfinite)
        {
            double hi = Math.Min(lo + 4.6, LogInfinite);
            double ghi = LogRatio(Math.Exp(hi), theta, false);
            if (ghi >= 0)
            {
                double root = RootFinding.Illinois(t => LogRatio(Math.Exp(t), theta, false), lo, glo, hi, ghi, 1e-11);
                return (Math.Exp(root), CutoffBranch.Collisionless);
            }
            lo = hi;
            glo = ghi;
        }
        return (double.PositiveInfinity, CutoffBranch.Undamped);
    }

    /// <summary>
    /// θ_c(k) of Figure 7 (bottom): the largest wave pitch angle still undamped at x = kL, from the damping
    /// rates alone (the full-damping cut is reported separately through θ_min). Zero when every angle is damped.
    /// </summary>
    public double CriticalAngle(double x)
    {
        bool Undamped(double theta) => MaxWavenumber(theta, ignoreFullDamping: true).X > x;
        if (!Undamped(0)) return 0;
        double lo = 0, hi = 0.5 * Math.PI;
        if (Undamped(hi)) return hi;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Undamped(mid)) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private double FindFullDampingScale()
    {
        double Margin(double lnX)
        {
            double x = Math.Exp(lnX);
            double t = MinimumAngle(x);
            double c = Math.Cos(t);
            if (x * c < _p.ParallelSwitch) return LogRatio(x, t, true);
            double g = LogRatio(x, t, false);
            double xs = _p.ParallelSwitch / c;
            if (xs > 1) g = Math.Max(g, LogRatio(xs, t, true));
            return g;
        }
        double lo = 0, glo = Margin(0);
        if (glo >= 0) return 1;
        while (lo < LogInfinite)
        {
            double hi = Math.Min(lo + 1.0, LogInfinite);
            double ghi = Margin(hi);
            if (ghi >= 0) return Math.Exp(RootFinding.Illinois(Margin, lo, glo, hi, ghi, 1e-11));
            lo = hi;
            glo = ghi;
        }
        return Infinite;
    }
}
