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
public sealed class FastKappaSolver
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
        var ttd = new TtdNodes(setup.Bulk.Length + 3 * Resolution.TtdTailNodes);
        double ma = p.AlfvenMach;
        var (cosA, sinA, lnSinA, wA) = AlphaNodes(ma);
        for (int ia = 0; ia < cosA.Length; ia++)
        {
            double mu = cosA[ia], sa = sinA[ia], lnSa = lnSinA[ia];
            double dmu2 = ma * sa * sa, inv = 1.0 / dmu2;
            PrepareTtd(setup, mu, sa, dmu2, ttd);
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
                double it = Ttd(setup, st, mu, sa, inv, shift, ttd);
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
        var nodes = new TtdNodes(setup.Bulk.Length + 3 * Resolution.TtdTailNodes);
        PrepareTtd(setup, mu, sa, dmu2, nodes);
        double shift = Math.Min(GyroShift(st, mu, out double uStar), TtdShift(setup, mu, st.Epsilon, out _)) / dmu2;
        double scale = Math.Exp(-shift);
        return (scale * st.R15 * Gyro(setup, st, mu, Math.Log(sa), dmu2, shift, uStar), scale * Ttd(setup, st, mu, sa, 1 / dmu2, shift, nodes));
    }

    // Per-rigidity constants and accumulators.
    private struct RigidityState
    {
        public RigidityState(KappaKinematics k, FastKappaSetup s)
        {
            K = k;
            R = k.LarmorRatio;
            LnR = Math.Log(R);
            R15 = R * Math.Sqrt(R);
            Epsilon = k.Epsilon;
            Relativistic = Math.Abs(k.Epsilon / s.EpsilonLight - 1) < 1e-9;
            UFloor = Math.Max(FastKappaSetup.MinResonantU, 1.0 / (s.YMax * R));
            UCeil = 1.0 / (s.YMin * R);
            SupportLo = new double[s.Support.Length];
            SupportHi = new double[s.Support.Length];
            for (int i = 0; i < s.Support.Length; i++)
            {
                SupportLo[i] = Math.Exp(-s.Support[i].End - LnR);
                SupportHi[i] = Math.Exp(-s.Support[i].Start - LnR);
            }
            var breaks = s.Cone.Breaks;
            VBreaks = new double[breaks.Length + 1];
            for (int i = 0; i < breaks.Length; i++) VBreaks[i] = -Math.Log(breaks[i]) - LnR;
            VBreaks[^1] = -LnR;
            Array.Sort(VBreaks);
            UBreaks = new double[VBreaks.Length];
            for (int i = 0; i < VBreaks.Length; i++) UBreaks[i] = Math.Exp(VBreaks[i]);
            Sum = SumG = SumT = 0;
            Infinite = InfiniteG = InfiniteT = false;
        }

        public KappaKinematics K;
        public double R, LnR, R15, Epsilon, UFloor, UCeil;
        public double[] SupportLo, SupportHi, VBreaks, UBreaks;
        public bool Relativistic;
        public double Sum, SumG, SumT;
        public bool Infinite, InfiniteG, InfiniteT;
    }

    // TTD nodes of one α: raw weight, exponent at ε = v_A/c, ξ, sin^{3/2}θ, sin²θ, ln(k_max sin θ).
    private sealed class TtdNodes(int capacity)
    {
        public int Count;
        public readonly double[] Weight = new double[capacity], ExpLight = new double[capacity], WeightLight = new double[capacity];
        public readonly double[] Xi = new double[capacity], Sin15 = new double[capacity], Sin = new double[capacity], LnXs = new double[capacity];
        public readonly double[] WeightLightSin15 = new double[capacity];
        public double S2, S4;

        public void Add(double weight, double xi, double sin, double lnX, double expLight)
        {
            int i = Count++;
            Weight[i] = weight;
            Xi[i] = xi;
            Sin15[i] = sin * Math.Sqrt(sin);
            Sin[i] = sin;
            LnXs[i] = lnX + Math.Log(sin);
            ExpLight[i] = expLight;
            double g = weight * Math.Exp(-expLight);
            WeightLight[i] = g;
            WeightLightSin15[i] = g * Sin15[i];
            double s2 = sin * sin;
            S2 += g * s2;
            S4 += g * s2 * s2;
        }
    }

    private void PrepareTtd(FastKappaSetup s, double mu, double sa, double dmu2, TtdNodes n)
    {
        n.Count = 0;
        n.S2 = n.S4 = 0;
        double inv = 1.0 / dmu2, eps = s.EpsilonLight;
        foreach (var node in s.Bulk)
        {
            double d = mu - eps / node.Xi;
            n.Add(node.Weight, node.Xi, node.Sin, double.IsPositiveInfinity(node.MaxX) ? double.PositiveInfinity : Math.Log(node.MaxX), d * d * inv);
        }
        if (!s.HasTail) return;
        // ξ ranges around the TTD resonance v_A/(vξ) = μ for every requested speed: far flank, core (±3Δμ), near flank.
        double dmu = Math.Sqrt(dmu2), core = Math.Sqrt(GaussianCut) * dmu;
        double xiEnd = s.TailXiEnd, epsMax = s.EpsilonMax;
        double x0 = eps / (mu + core);
        double x1 = eps / (mu + 3 * dmu);
        double x2 = mu - 3 * dmu > epsMax / xiEnd ? epsMax / (mu - 3 * dmu) : xiEnd;
        double x3 = mu - core > epsMax / xiEnd ? epsMax / (mu - core) : xiEnd;
        TailPiece(s, mu, inv, eps, Math.Min(x0, xiEnd), Math.Min(x1, xiEnd), n, _fx, _fw);
        TailPiece(s, mu, inv, eps, Math.Min(x1, xiEnd), Math.Min(x2, xiEnd), n, _tx, _tw);
        TailPiece(s, mu, inv, eps, Math.Min(x2, xiEnd), Math.Min(x3, xiEnd), n, _fx, _fw);
    }

    private static void TailPiece(FastKappaSetup s, double mu, double inv, double eps, double xiLo, double xiHi, TtdNodes n, double[] x, double[] w)
    {
        if (!(xiHi > xiLo) || !(xiLo > 0)) return;
        double la = Math.Log(xiLo), lb = Math.Log(xiHi), half = 0.5 * (lb - la), mid = 0.5 * (la + lb);
        for (int i = 0; i < x.Length; i++)
        {
            double xi = Math.Exp(mid + half * x[i]);
            double lnX = s.TailLogMaxX(xi);
            if (!(lnX > 0)) continue;
            double d = mu - eps / xi;
            n.Add(w[i] * half * xi * xi, xi, Math.Sqrt(1 - xi * xi), lnX, d * d * inv);
        }
    }

    // Squared distance (u* − μ)² from μ to the undamped gyroresonant support in u = 1/(yR).
    private static double GyroShift(in RigidityState st, double mu, out double uStar)
    {
        double best = double.PositiveInfinity;
        uStar = double.NaN;
        for (int i = 0; i < st.SupportLo.Length; i++)
        {
            double lo = Math.Max(st.SupportLo[i], st.UFloor), hi = Math.Min(st.SupportHi[i], st.UCeil);
            if (!(hi >= lo)) continue;
            double u = mu < lo ? lo : mu > hi ? hi : mu;
            double d = (u - mu) * (u - mu);
            if (d < best) { best = d; uStar = u; }
        }
        return best;
    }

    private static double TtdShift(FastKappaSetup s, double mu, double eps, out double tStar)
    {
        double tMax = s.SupportMinXi > 0 ? eps / s.SupportMinXi : double.PositiveInfinity;
        tStar = mu < eps ? eps : mu > tMax ? tMax : mu;
        return (tStar - mu) * (tStar - mu);
    }

    private double Gyro(FastKappaSetup s, in RigidityState st, double mu, double lnSa, double dmu2, double shift, double uStar)
    {
        if (double.IsNaN(uStar)) return 0;
        double d = Math.Sqrt((uStar - mu) * (uStar - mu) + GaussianCut * dmu2);
        double lo = Math.Max(mu - d, st.UFloor), hi = Math.Min(mu + d, st.UCeil);
        if (!(hi > lo)) return 0;
        // Below uSplit the integrand is the Gaussian's flank times u^{3/2}Q ∝ u^{5/2}: fewer nodes there.
        double uSplit = 0.2 * (mu + Math.Sqrt(dmu2));
        double sum = 0;
        for (int k = 0; k < st.SupportLo.Length; k++)
        {
            double ua = Math.Max(lo, st.SupportLo[k]), ub = Math.Min(hi, st.SupportHi[k]);
            if (!(ub > ua)) continue;
            double a = ua;
            bool splitPending = uSplit > ua && uSplit < ub;
            var ubr = st.UBreaks;
            int bi = 0;
            while (bi < ubr.Length && ubr[bi] <= ua) bi++;
            while (a < ub)
            {
                double b = ub;
                if (bi < ubr.Length && ubr[bi] < b) b = ubr[bi];
                if (splitPending && uSplit < b) b = uSplit;
                if (b == uSplit) splitPending = false;
                else if (bi < ubr.Length && b == ubr[bi]) bi++;
                if (b > a)
                    sum += b <= uSplit
                        ? GyroPiece(s, st, mu, lnSa, dmu2, shift, a, b, _lx, _lw)
                        : GyroPiece(s, st, mu, lnSa, dmu2, shift, a, b, _gx, _gw);
                a = b;
            }
        }
        return sum;
    }

    // ∫ over u ∈ [a, b] with Gauss–Legendre in v = ln u (the cone-edge Bessel structure scales with 1/u).
    private double GyroPiece(FastKappaSetup s, in RigidityState st, double mu, double lnSa, double dmu2, double shift, double a, double b, double[] x, double[] w)
    {
        double inv = 1.0 / dmu2, va = Math.Log(a), vb = Math.Log(b), half = 0.5 * (vb - va), mid = 0.5 * (va + vb);
        double part = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = mid + half * x[i];
            double lnTerm = GyroLogTerm(s, st, v, lnSa);
            if (double.IsNegativeInfinity(lnTerm)) continue;
            double u = Math.Exp(v);
            double e = (u - mu) * (u - mu) * inv;
            part += w[i] * Math.Exp(1.5 * v + lnTerm + shift - e);
        }
        return part * half;
    }

    // ln[Q(σ, θ_b) − Q(σ, θ_lo)] at u = e^v (−∞ when the cone is empty).
    private double GyroLogTerm(FastKappaSetup s, in RigidityState st, double v, double lnSa)
    {
        double lnY = -v - st.LnR;
        double lnTheta = s.Cone.LnAngle(lnY);
        if (double.IsNegativeInfinity(lnTheta)) return double.NegativeInfinity;
        double lnSigma = lnSa - v;
        double lnQ = _q.LnQ(lnSigma, lnTheta);
        if (lnY >= 0) return lnQ;
        double lnLo = Math.Log(Math.Acos(Math.Exp(lnY)));
        if (lnLo >= lnTheta) return double.NegativeInfinity;
        double qq = Math.Exp(lnQ) - Math.Exp(_q.LnQ(lnSigma, lnLo));
        return qq > 0 ? Math.Log(qq) : double.NegativeInfinity;
    }

    private double Ttd(FastKappaSetup s, in RigidityState st, double mu, double sa, double inv, double shift, TtdNodes n)
    {
        double r = st.R;
        double c = st.LnR + Math.Log(sa);
        double ra = r * sa;
        double pre = ra * Math.Sqrt(ra);
        var h = _h;
        if (shift == 0 && st.Relativistic && ra < 0.05)
        {
            double sum = 0;
            var ws = n.WeightLightSin15;
            var lx = n.LnXs;
            int count = n.Count;
            for (int j = 0; j < count; j++) sum += ws[j] * h.ValueLn(lx[j] + c);
            double ra2 = ra * ra;
            return pre * sum - ra2 * (0.5 * n.S2 - ra2 * n.S4 / 40);
        }
        double eps = st.Epsilon, total = 0;
        for (int j = 0; j < n.Count; j++)
        {
            double d = mu - eps / n.Xi[j];
            double e = d * d * inv;
            if (e - shift > 700) continue;
            // exp(shift − e) = WeightLight/Weight × exp(shift + e_light − e); the bracket is usually tiny.
            double x = shift + n.ExpLight[j] - e;
            double g;
            if (Math.Abs(x) < 0.03 && n.WeightLight[j] > 0)
                g = n.WeightLight[j] * (1 + x * (1 + x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120))))));
            else
                g = n.Weight[j] * Math.Exp(shift - e);
            double a = ra * n.Sin[j];
            double small = a < 0.1 ? TtdKernel.SmallArgumentProduct(a) : a * Math.Sqrt(a) * h.Value(a);
            total += g * (pre * n.Sin15[j] * h.ValueLn(n.LnXs[j] + c) - small);
        }
        return total;
    }
}
