using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Fast evaluation of κ (KQ22 A1–A3, isotropic cascade) on a rigidity grid at a new plasma point (nothing is
/// cached across plasma points). The pitch-angle integral of A3 uses μ = cos α, in which sin⁴α/(I_G + I_T) is
/// analytic: Gauss–Legendre in α below acot(√(12ℳ_A)) and in s = cot α/√ℳ_A above, where the TTD factor
/// exp(−μ²/Δμ²) = exp(−s²) switches on over Δs ~ 1 for any ℳ_A. For each α and rigidity:
/// <list type="bullet">
/// <item>Gyroresonance (A1) in v = ln u, u = 1/(xξR): I_G = R^{3/2}∫dv u^{3/2} e^{−(u−μ)²/Δμ²}
/// Q(sin α/u, θ_b(1/(uR))), Gauss–Legendre over the Gaussian core (±√40 Δμ, widened when the undamped
/// support starts away from μ) split where the cone θ_b is not smooth. Q is the static <see cref="GyroKernel"/>,
/// θ_b the per-plasma <see cref="ConeTable"/>: one table read each, two exponentials per node.</item>
/// <item>TTD (A2): Σ over fixed wave-angle nodes of ξ dξ e^{−(μ − v_A/(vξ))²/Δμ²} a^{3/2}[H(k_max a) − H(a)],
/// a = R sin θ sin α, with the static <see cref="TtdKernel"/> read at ln(k_max a) = ln(k_max sin θ) + ln R + ln sin α
/// (no transcendental per node for ultra-relativistic rigidities), Gauss–Legendre in θ between the angles where
/// k_max(θ) is not smooth, plus the quasi-perpendicular tail ξ ≤ 0.25 in ln ξ around the TTD resonance ξ = v_A/(vμ).</item>
/// </list>
/// All Gaussians share an exponent shift (the distance from μ to the nearest resonant support) so that I_G + I_T
/// never underflows where it sets κ; κ above the free-streaming value v L/3 is returned as that cap
/// (<see cref="KappaParts.Unconfined"/>). Thread-safe; the static tables are built once per resolution.
/// </summary>
public sealed partial class FastKappaSolver
{
    private const double GaussianCut = 40;
    private const double UnconfinedShift = 600;
    private readonly int _alphaLow, _alphaHigh;
    private readonly double[] _gx, _gw, _lx, _lw, _tx, _tw, _fx, _fw;
    private readonly GyroKernel _q;
    private readonly TtdKernel _h;

    /// <summary>Solver at <paramref name="resolution"/> (default: <see cref="FastKappaResolution.Default"/>).</summary>
    public FastKappaSolver(FastKappaResolution? resolution = null)
    {
        Resolution = resolution ?? FastKappaResolution.Default;
        (_gx, _gw) = GaussLegendre.Rule(Resolution.GyroNodes);
        (_lx, _lw) = GaussLegendre.Rule(Math.Max(4, Resolution.GyroNodes / 2));
        (_tx, _tw) = GaussLegendre.Rule(Resolution.TtdTailNodes);
        (_fx, _fw) = GaussLegendre.Rule(Math.Max(4, Resolution.TtdTailNodes / 2));
        _q = GyroKernel.Get(Resolution.KernelRefinement);
        _h = TtdKernel.Get(Resolution.KernelRefinement);
        _alphaHigh = Resolution.AlphaNodes - Resolution.AlphaNodes * 3 / 8;
        _alphaLow = Resolution.AlphaNodes - _alphaHigh;
    }

    // Pitch-angle nodes for one ℳ_A. The TTD factor exp(−μ²/Δμ²) = exp(−s²), s = cot α/√ℳ_A, switches on over Δs ~ 1
    // whatever ℳ_A: nodes are Gauss–Legendre in s on [0, √12] (α from acot(√(12ℳ_A)) to π/2) and in α below.
    private (double[] Cos, double[] Sin, double[] LnSin, double[] Weight) AlphaNodes(double alfvenMach)
    {
        double sMax = Math.Sqrt(12.0), sq = Math.Sqrt(alfvenMach);
        double alphaSplit = Math.Atan2(1.0, sq * sMax);
        int n = _alphaLow + _alphaHigh;
        var c = new double[n];
        var sn = new double[n];
        var ln = new double[n];
        var w = new double[n];
        var (lx, lw) = GaussLegendre.Rule(_alphaLow);
        for (int i = 0; i < _alphaLow; i++)
        {
            double a = 0.5 * alphaSplit * (1 + lx[i]);
            c[i] = Math.Cos(a);
            sn[i] = Math.Sin(a);
            w[i] = 0.5 * alphaSplit * lw[i];
        }
        var (hx, hw) = GaussLegendre.Rule(_alphaHigh);
        for (int i = 0; i < _alphaHigh; i++)
        {
            double sv = 0.5 * sMax * (1 + hx[i]);
            double a = Math.Atan2(1.0, sq * sv);
            c[_alphaLow + i] = Math.Cos(a);
            sn[_alphaLow + i] = Math.Sin(a);
            // dα = sin²α √ℳ_A ds.
            w[_alphaLow + i] = 0.5 * sMax * hw[i] * sn[_alphaLow + i] * sn[_alphaLow + i] * sq;
        }
        for (int i = 0; i < n; i++) ln[i] = Math.Log(sn[i]);
        return (c, sn, ln, w);
    }

    /// <summary>The resolution in use.</summary>
    public FastKappaResolution Resolution { get; }

    /// <summary>Validates inputs: null, or a one-line reason.</summary>
    public static string? Validate(TurbulenceSpec spec, ReadOnlySpan<double> rigidityGV, int outputLength, out FastModePlasma? plasma)
    {
        plasma = null;
        if (outputLength != rigidityGV.Length) return $"kappa output length {outputLength} differs from the rigidity grid length {rigidityGV.Length}";
        if (rigidityGV.Length == 0) return "the rigidity grid is empty";
        foreach (double r in rigidityGV)
            if (!(r > 0) || double.IsInfinity(r)) return $"rigidity must be > 0 GV and finite (got {r})";
        return FastModePlasma.TryCreate(spec, out plasma);
    }

    /// <summary>κ_p (cm² s⁻¹) on <paramref name="rigidityGV"/>; null on success, else a one-line reason.</summary>
    public string? Compute(TurbulenceSpec spec, ReadOnlySpan<double> rigidityGV, Span<double> kappa)
    {
        string? bad = Validate(spec, rigidityGV, kappa.Length, out var plasma);
        if (bad is not null) return bad;
        var parts = new KappaParts[rigidityGV.Length];
        bad = Guarded(plasma!, rigidityGV, parts, partsWanted: false);
        if (bad is not null) return bad;
        for (int i = 0; i < parts.Length; i++) kappa[i] = parts[i].Total;
        return null;
    }

    /// <summary>
    /// κ_p (cm² s⁻¹) on an ascending grid of distinct rigidities by <see cref="KappaInterpolation"/> (exact evaluations at
    /// fewer points, verified interpolation between them, exact classification of unconfined points); null on success,
    /// else a one-line reason. <paramref name="counts"/> says how many points were evaluated and interpolated;
    /// <paramref name="derived"/> (optional) flags the points that may take <see cref="KappaInterpolation.DerivedTolerance"/>.
    /// </summary>
    public string? ComputeInterpolated(TurbulenceSpec spec, ReadOnlySpan<double> sortedRigidityGV, Span<double> kappa, out KappaInterpolation.Counts counts,
        ReadOnlySpan<bool> derived = default)
    {
        counts = default;
        string? bad = Validate(spec, sortedRigidityGV, kappa.Length, out var plasma);
        if (bad is not null) return bad;
        for (int i = 1; i < sortedRigidityGV.Length; i++)
            if (!(sortedRigidityGV[i] > sortedRigidityGV[i - 1])) return "interpolated kappa needs ascending distinct rigidities";
        var unconfined = new bool[kappa.Length];
        try
        {
            counts = KappaInterpolation.Evaluate(this, plasma!, sortedRigidityGV, kappa, unconfined, derived: derived);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return $"fast-mode kappa failed: {ex.Message.Split('\n')[0]}";
        }
        for (int i = 0; i < kappa.Length; i++)
            if (!(kappa[i] > 0 && double.IsFinite(kappa[i]))) return $"fast-mode kappa is not finite and positive at R = {sortedRigidityGV[i]} GV";
        return null;
    }

    /// <summary>κ and its gyroresonant-only / TTD-only parts on <paramref name="rigidityGV"/>.</summary>
    public string? ComputeParts(TurbulenceSpec spec, ReadOnlySpan<double> rigidityGV, Span<KappaParts> parts)
    {
        string? bad = Validate(spec, rigidityGV, parts.Length, out var plasma);
        if (bad is not null) return bad;
        var result = new KappaParts[rigidityGV.Length];
        bad = Guarded(plasma!, rigidityGV, result, partsWanted: true);
        if (bad is not null) return bad;
        result.CopyTo(parts);
        return null;
    }

    // Evaluates, then checks that every value is finite and positive; numerical trouble becomes a one-line reason.
    private string? Guarded(FastModePlasma plasma, ReadOnlySpan<double> rigidityGV, KappaParts[] parts, bool partsWanted)
    {
        try
        {
            Evaluate(plasma, rigidityGV, parts, partsWanted);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return $"fast-mode kappa failed: {ex.Message.Split('\n')[0]}";
        }
        for (int i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            bool ok = p.Total > 0 && double.IsFinite(p.Total) && (!partsWanted || (p.GyroOnly > 0 && double.IsFinite(p.GyroOnly) && p.TtdOnly > 0 && double.IsFinite(p.TtdOnly)));
            if (!ok) return $"fast-mode kappa is not finite and positive at R = {rigidityGV[i]} GV";
        }
        return null;
    }

    /// <summary>Per-plasma precomputation for the rigidities in <paramref name="rigidityGV"/>.</summary>
    public FastKappaSetup Prepare(FastModePlasma plasma, ReadOnlySpan<double> rigidityGV)
    {
        double rMin = double.PositiveInfinity, rMax = 0, vMin = double.PositiveInfinity;
        foreach (double rg in rigidityGV)
        {
            var k = KappaKinematics.For(rg, plasma);
            rMin = Math.Min(rMin, k.LarmorRatio);
            rMax = Math.Max(rMax, k.LarmorRatio);
            vMin = Math.Min(vMin, k.Speed);
        }
        return new FastKappaSetup(plasma, Resolution, rMin, rMax, vMin);
    }

    /// <summary>Evaluates κ for a validated plasma (prepares the plasma, then all rigidities).</summary>
    public void Evaluate(FastModePlasma plasma, ReadOnlySpan<double> rigidityGV, Span<KappaParts> parts, bool partsWanted)
    {
        var setup = Prepare(plasma, rigidityGV);
        Evaluate(setup, rigidityGV, parts, partsWanted);
    }

    /// <summary>Evaluates κ on <paramref name="rigidityGV"/> for a prepared plasma.</summary>
    public void Evaluate(FastKappaSetup setup, ReadOnlySpan<double> rigidityGV, Span<KappaParts> parts, bool partsWanted)
    {
        var p = setup.Plasma;
        int nr = rigidityGV.Length;
        var rs = new RigidityState[nr];
        for (int i = 0; i < nr; i++) rs[i] = new RigidityState(KappaKinematics.For(rigidityGV[i], p), setup);
        var ttd = new TtdNodes(setup.Bulk.Length + 3 * Resolution.TtdTailNodes + 8);
        int bulk = AddBulk(setup, ttd);
        double ma = p.AlfvenMach;
        var (cosA, sinA, lnSinA, wA) = AlphaNodes(ma);
        for (int ia = 0; ia < cosA.Length; ia++)
        {
            double mu = cosA[ia], sa = sinA[ia], lnSa = lnSinA[ia];
            double dmu2 = ma * sa * sa, inv = 1.0 / dmu2;
            PrepareTtd(setup, mu, dmu2, ttd, bulk);
            double s2 = sa * sa;
            double numBase = s2 * s2 * wA[ia];
            for (int ir = 0; ir < nr; ir++)
            {
                ref var st = ref rs[ir];
                if (st.Infinite) continue;
                double shiftG = GyroShift(st, mu, out double uStar);
                double shiftT = TtdShift(setup, mu, st.Epsilon, out _);
                double shift = Math.Min(shiftG, shiftT) * inv;
                if (shift > UnconfinedShift) { st.Infinite = true; continue; }
                double ig = st.R15 * Gyro(setup, st, mu, lnSa, dmu2, shift, uStar);
                double it = Ttd(st, mu, sa, lnSa, inv, shift, ttd);
                double num = numBase * Math.Exp(shift);
                double den = ig + it;
                if (den > 0) st.Sum += num / den; else st.Infinite = true;
                // The α-integrand is positive: once the partial sum exceeds v L/3, κ (and κ_G, κ_T ≥ κ) is unconfined.
                if (st.K.Prefactor * st.Sum >= st.K.FreeStreaming) { st.Infinite = true; continue; }
                if (partsWanted)
                {
                    if (ig > 0) st.SumG += num / ig; else st.InfiniteG = true;
                    if (it > 0) st.SumT += num / it; else st.InfiniteT = true;
                }
            }
        }
        for (int i = 0; i < nr; i++)
        {
            ref var st = ref rs[i];
            var k = st.K;
            double cap = k.FreeStreaming;
            double total = st.Infinite ? double.PositiveInfinity : k.Prefactor * st.Sum;
            double gyro = !partsWanted ? double.NaN : st.InfiniteG || st.Infinite ? cap : Math.Min(cap, k.Prefactor * st.SumG);
            double ttdOnly = !partsWanted ? double.NaN : st.InfiniteT || st.Infinite ? cap : Math.Min(cap, k.Prefactor * st.SumT);
            bool unconfined = !(total < cap);
            parts[i] = new KappaParts(unconfined ? cap : total, gyro, ttdOnly, unconfined);
        }
    }

    /// <summary>
    /// The A1 and A2 double integrals I_G(α), I_T(α) (without the prefactor ℳ_A² v π^{1/2}(1 − μ²)/(2LR²Δμ))
    /// at one rigidity and CR pitch angle α, as the fast path computes them (for checks against
    /// <see cref="ReferenceKappaSolver"/>).
    /// </summary>
    public (double Gyro, double Ttd) Integrals(FastKappaSetup setup, double rigidityGV, double alpha)
    {
        var st = new RigidityState(KappaKinematics.For(rigidityGV, setup.Plasma), setup);
        double mu = Math.Cos(alpha), sa = Math.Sin(alpha);
        double dmu2 = setup.Plasma.AlfvenMach * sa * sa;
        var nodes = new TtdNodes(setup.Bulk.Length + 3 * Resolution.TtdTailNodes + 8);
        PrepareTtd(setup, mu, dmu2, nodes, AddBulk(setup, nodes));
        double shift = Math.Min(GyroShift(st, mu, out double uStar), TtdShift(setup, mu, st.Epsilon, out _)) / dmu2;
        double scale = Math.Exp(-shift);
        return (scale * st.R15 * Gyro(setup, st, mu, Math.Log(sa), dmu2, shift, uStar), scale * Ttd(st, mu, sa, Math.Log(sa), 1 / dmu2, shift, nodes));
    }
}
