using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// The integrands of <see cref="FastKappaSolver"/>: per-rigidity state, the TTD wave-angle nodes and the gyroresonant
/// (KQ22 A1) and TTD (A2) sums at one pitch angle, as described on the class.
/// </summary>
public sealed partial class FastKappaSolver
{
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
            VFloor = Math.Log(UFloor);
            VCeil = Math.Log(UCeil);
            SupportLo = new double[s.Support.Length];
            SupportHi = new double[s.Support.Length];
            SupportLoV = new double[s.Support.Length];
            SupportHiV = new double[s.Support.Length];
            for (int i = 0; i < s.Support.Length; i++)
            {
                SupportLoV[i] = -s.Support[i].End - LnR;
                SupportHiV[i] = -s.Support[i].Start - LnR;
                SupportLo[i] = Math.Exp(SupportLoV[i]);
                SupportHi[i] = Math.Exp(SupportHiV[i]);
            }
            var breaks = s.Cone.Breaks;
            VBreaks = new double[breaks.Length + 1];
            for (int i = 0; i < breaks.Length; i++) VBreaks[i] = -Math.Log(breaks[i]) - LnR;
            VBreaks[^1] = -LnR;
            Array.Sort(VBreaks);
            Sum = SumG = SumT = 0;
            Infinite = InfiniteG = InfiniteT = false;
        }

        public KappaKinematics K;
        public double R, LnR, R15, Epsilon, UFloor, UCeil, VFloor, VCeil;
        public double[] SupportLo, SupportHi, SupportLoV, SupportHiV, VBreaks;
        public bool Relativistic;
        public double Sum, SumG, SumT;
        public bool Infinite, InfiniteG, InfiniteT;
    }

    // TTD nodes of one α as structure-of-arrays, padded to a multiple of the vector width with inert nodes
    // (zero weight): weight (with ξ dξ), 1/ξ, sin θ, sin^{3/2}θ, ln X and X^{1/2} with X = k_max sin θ.
    private sealed class TtdNodes
    {
        public TtdNodes(int capacity)
        {
            int c = (capacity + Lanes - 1) / Lanes * Lanes;
            Weight = new double[c];
            InvXi = new double[c];
            Sin = new double[c];
            Sin15 = new double[c];
            LnXs = new double[c];
            SqrtXs = new double[c];
        }

        public int Count;
        public readonly double[] Weight, InvXi, Sin, Sin15, LnXs, SqrtXs;

        public void Add(double weight, double xi, double sin, double lnX)
        {
            int i = Count++;
            Weight[i] = weight;
            InvXi[i] = 1 / xi;
            Sin[i] = sin;
            Sin15[i] = sin * Math.Sqrt(sin);
            double lnXs = lnX + Math.Log(sin);
            LnXs[i] = lnXs;
            SqrtXs[i] = Math.Exp(0.5 * lnXs);
        }

        // Pads with inert nodes up to a multiple of the vector width.
        public void Pad()
        {
            while (Count % Lanes != 0)
            {
                int i = Count++;
                Weight[i] = InvXi[i] = Sin[i] = Sin15[i] = LnXs[i] = 0;
                SqrtXs[i] = 1;
            }
        }
    }

    private const int Lanes = 4;

    // The fixed wave-angle nodes, the same for every pitch angle: added once per evaluation; returns their count.
    private static int AddBulk(FastKappaSetup s, TtdNodes n)
    {
        n.Count = 0;
        foreach (var node in s.Bulk)
            n.Add(node.Weight, node.Xi, node.Sin, double.IsPositiveInfinity(node.MaxX) ? double.PositiveInfinity : Math.Log(node.MaxX));
        return n.Count;
    }

    // The nodes of one pitch angle: the fixed ones (first `bulk` entries, kept), then the quasi-perpendicular tail.
    private void PrepareTtd(FastKappaSetup s, double mu, double dmu2, TtdNodes n, int bulk)
    {
        n.Count = bulk;
        double eps = s.EpsilonLight;
        if (s.HasTail)
        {
            // ξ ranges around the TTD resonance v_A/(vξ) = μ for every requested speed: far flank, core (±3Δμ), near flank.
            double dmu = Math.Sqrt(dmu2), core = Math.Sqrt(GaussianCut) * dmu;
            double xiEnd = s.TailXiEnd, epsMax = s.EpsilonMax;
            double x0 = eps / (mu + core);
            double x1 = eps / (mu + 3 * dmu);
            double x2 = mu - 3 * dmu > epsMax / xiEnd ? epsMax / (mu - 3 * dmu) : xiEnd;
            double x3 = mu - core > epsMax / xiEnd ? epsMax / (mu - core) : xiEnd;
            TailPiece(s, Math.Min(x0, xiEnd), Math.Min(x1, xiEnd), n, _fx, _fw);
            TailPiece(s, Math.Min(x1, xiEnd), Math.Min(x2, xiEnd), n, _tx, _tw);
            TailPiece(s, Math.Min(x2, xiEnd), Math.Min(x3, xiEnd), n, _fx, _fw);
        }
        n.Pad();
    }

    private static void TailPiece(FastKappaSetup s, double xiLo, double xiHi, TtdNodes n, double[] x, double[] w)
    {
        if (!(xiHi > xiLo) || !(xiLo > 0)) return;
        double la = Math.Log(xiLo), lb = Math.Log(xiHi), half = 0.5 * (lb - la), mid = 0.5 * (la + lb);
        for (int i = 0; i < x.Length; i++)
        {
            double xi = Math.Exp(mid + half * x[i]);
            double lnX = s.TailLogMaxX(xi);
            if (!(lnX > 0)) continue;
            n.Add(w[i] * half * xi * xi, xi, Math.Sqrt(1 - xi * xi), lnX);
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
        // Interval ends in v = ln u (ln is monotone, so every comparison is made in v; logs only where an end is new).
        double lo = mu - d > st.UFloor ? Math.Log(mu - d) : st.VFloor;
        double hi = mu + d < st.UCeil ? Math.Log(mu + d) : st.VCeil;
        if (!(hi > lo)) return 0;
        // Below uSplit the integrand is the Gaussian's flank times u^{3/2}Q ∝ u^{5/2}: fewer nodes there.
        double split = Math.Log(0.2 * (mu + Math.Sqrt(dmu2)));
        double sum = 0;
        var vbr = st.VBreaks;
        for (int k = 0; k < st.SupportLoV.Length; k++)
        {
            double va = Math.Max(lo, st.SupportLoV[k]), vb = Math.Min(hi, st.SupportHiV[k]);
            if (!(vb > va)) continue;
            double a = va;
            bool splitPending = split > va && split < vb;
            int bi = 0;
            while (bi < vbr.Length && vbr[bi] <= va) bi++;
            while (a < vb)
            {
                double b = vb;
                if (bi < vbr.Length && vbr[bi] < b) b = vbr[bi];
                if (splitPending && split < b) b = split;
                if (b == split) splitPending = false;
                else if (bi < vbr.Length && b == vbr[bi]) bi++;
                if (b > a)
                    sum += b <= split
                        ? GyroPiece(s, st, mu, lnSa, dmu2, shift, a, b, _lx, _lw)
                        : GyroPiece(s, st, mu, lnSa, dmu2, shift, a, b, _gx, _gw);
                a = b;
            }
        }
        return sum;
    }

    // ∫ over v = ln u ∈ [va, vb] with Gauss–Legendre in v (the cone-edge Bessel structure scales with 1/u), four nodes at
    // a time. [a, b] lies inside one smooth piece of the cone table (pieces are split at every cone break), looked up
    // once; per-lane scalar reads only where the piece is not tabulated or y = k∥L < 1 (R = r_L/L near 1).
    private double GyroPiece(FastKappaSetup s, in RigidityState st, double mu, double lnSa, double dmu2, double shift, double va, double vb, double[] x, double[] w)
    {
        double half = 0.5 * (vb - va), mid = 0.5 * (va + vb);
        var cone = s.Cone;
        int piece = cone.PieceAt(-mid - st.LnR);
        bool table = cone.IsTablePiece(piece);
        int n = x.Length;
        var vMid = Vector256.Create(mid);
        var vHalf = Vector256.Create(half);
        var vMu = Vector256.Create(mu);
        var vInv = Vector256.Create(1.0 / dmu2);
        var vShift = Vector256.Create(shift);
        var vLnR = Vector256.Create(st.LnR);
        var vLnSa = Vector256.Create(lnSa);
        var vOneHalf = Vector256.Create(1.5);
        var acc = Vector256<double>.Zero;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        ref double w0 = ref MemoryMarshal.GetArrayDataReference(w);
        int i = 0;
        for (; i + Lanes <= n; i += Lanes)
        {
            var v = vMid + vHalf * Vector256.LoadUnsafe(ref x0, (nuint)i);
            var lnY = -v - vLnR;
            Vector256<double> lt;
            if (table && !Simd.Any(Vector256.LessThan(lnY, Vector256<double>.Zero)))
                lt = _q.LnQ(vLnSa - v, cone.LnAngleIn(piece, lnY));
            else
                lt = Vector256.Create(GyroLogTerm(cone, piece, st.LnR, v.GetElement(0), lnSa), GyroLogTerm(cone, piece, st.LnR, v.GetElement(1), lnSa),
                    GyroLogTerm(cone, piece, st.LnR, v.GetElement(2), lnSa), GyroLogTerm(cone, piece, st.LnR, v.GetElement(3), lnSa));
            var du = Vector256.Exp(v) - vMu;
            var arg = vOneHalf * v + lt + vShift - du * du * vInv;
            acc += Vector256.LoadUnsafe(ref w0, (nuint)i) * Vector256.Exp(arg);
        }
        double part = Vector256.Sum(acc);
        double inv = 1.0 / dmu2;
        for (; i < n; i++)
        {
            double v = mid + half * x[i];
            double lt = GyroLogTerm(cone, piece, st.LnR, v, lnSa);
            if (double.IsNegativeInfinity(lt)) continue;
            double u = Math.Exp(v);
            part += w[i] * Math.Exp(1.5 * v + lt + shift - (u - mu) * (u - mu) * inv);
        }
        return part * half;
    }

    // ln[Q(σ, θ_b) − Q(σ, θ_lo)] at u = e^v (−∞ when the cone is empty), θ_b read from cone piece `piece`.
    private double GyroLogTerm(ConeTable cone, int piece, double lnR, double v, double lnSa)
    {
        double lnY = -v - lnR;
        double lnTheta = cone.LnAngleIn(piece, lnY);
        if (double.IsNegativeInfinity(lnTheta)) return double.NegativeInfinity;
        double lnSigma = lnSa - v;
        double lnQ = _q.LnQ(lnSigma, lnTheta);
        if (lnY >= 0) return lnQ;
        double lnLo = Math.Log(Math.Acos(Math.Exp(lnY)));
        if (lnLo >= lnTheta) return double.NegativeInfinity;
        double qq = Math.Exp(lnQ) - Math.Exp(_q.LnQ(lnSigma, lnLo));
        return qq > 0 ? Math.Log(qq) : double.NegativeInfinity;
    }

    // Σ over the wave-angle nodes of ξ dξ e^{shift − (μ − ε/ξ)²/Δμ²} a^{3/2}[H(k_max a) − H(a)], a = R sin θ sin α,
    // four nodes at a time: one vector exponential per four nodes, H read at ln(k_max a) and (k_max a)^{1/2}
    // (products of per-node and per-rigidity factors, no transcendental).
    private double Ttd(in RigidityState st, double mu, double sa, double lnSa, double inv, double shift, TtdNodes n)
    {
        double ra = st.R * sa;
        var h = _h;
        var vMu = Vector256.Create(mu);
        var vEps = Vector256.Create(st.Epsilon);
        var vInv = Vector256.Create(inv);
        var vShift = Vector256.Create(shift);
        var vRa = Vector256.Create(ra);
        var vPre = Vector256.Create(ra * Math.Sqrt(ra));
        var vC = Vector256.Create(st.LnR + lnSa);
        var vSqrtRa = Vector256.Create(Math.Sqrt(ra));
        var cut = Vector256.Create(-700.0);
        var smallLimit = Vector256.Create(0.1);
        var c0 = Vector256.Create(0.5);
        var c1 = Vector256.Create(1.0 / 40);
        var c2 = Vector256.Create(5.0 / 3456);
        var total = Vector256<double>.Zero;
        ref double wr = ref MemoryMarshal.GetArrayDataReference(n.Weight);
        ref double ir = ref MemoryMarshal.GetArrayDataReference(n.InvXi);
        ref double sr = ref MemoryMarshal.GetArrayDataReference(n.Sin);
        ref double s15 = ref MemoryMarshal.GetArrayDataReference(n.Sin15);
        ref double lr = ref MemoryMarshal.GetArrayDataReference(n.LnXs);
        ref double qr = ref MemoryMarshal.GetArrayDataReference(n.SqrtXs);
        int count = n.Count;
        Span<double> sm = stackalloc double[Lanes];
        for (int j = 0; j < count; j += Lanes)
        {
            var d = vMu - vEps * Vector256.LoadUnsafe(ref ir, (nuint)j);
            var arg = vShift - d * d * vInv;
            var g = Vector256.LoadUnsafe(ref wr, (nuint)j) * Vector256.Exp(arg);
            g = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(arg, cut), g, Vector256<double>.Zero);
            var a = vRa * Vector256.LoadUnsafe(ref sr, (nuint)j);
            var a2 = a * a;
            var small = a2 * (c0 - a2 * (c1 - a2 * c2));
            if (!Vector256.LessThanAll(a, smallLimit))
            {
                // a^{3/2}H(a) from the table where a ≥ 0.1 (R = r_L/L this large is exceptional).
                for (int k = 0; k < Lanes; k++)
                {
                    double ak = a.GetElement(k);
                    sm[k] = ak < 0.1 ? small.GetElement(k) : ak * Math.Sqrt(ak) * h.Value(ak);
                }
                small = Vector256.Create<double>(sm);
            }
            var hv = h.ValueLn(Vector256.LoadUnsafe(ref lr, (nuint)j) + vC, Vector256.LoadUnsafe(ref qr, (nuint)j) * vSqrtRa);
            total += g * (vPre * Vector256.LoadUnsafe(ref s15, (nuint)j) * hv - small);
        }
        return Vector256.Sum(total);
    }
}
