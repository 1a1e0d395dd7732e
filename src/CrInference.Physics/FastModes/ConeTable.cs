using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrInference.Physics.FastModes;

/// <summary>
/// θ_b(y): the half-angle of the cone of undamped modes with parallel wavenumber y = k∥L (modes at
/// θ &lt; θ_b with x = y/cos θ lie below k_max(θ)), tabulated for one plasma as ln θ_b over a range of ln y.
/// </summary>
/// <remarks>
/// <para>The cone is bounded by whichever constraint is active: the viscous cut-off (collisional k∥, A5); the
/// angle θ* beyond which modes are already damped when they turn collisionless (switch rule after A7); the
/// collisionless cut-off (A6); or the full-damping scale (θ_c &lt; θ_min). The range is split where the active
/// constraint changes ("hard" breaks, located by bisection; y = x_c∥ is exact). Inside a piece ln θ_b is
/// smooth and is read by 4-point Lagrange interpolation on the grid (uniform in ln y, exact end nodes).</para>
/// <para>"Soft" breaks mark steep but smooth features — where the averaging window's edge sweeps the narrow
/// electron-Landau peak of A6 near θ = π/2 — found from large second differences of ln θ_b; quadratures
/// over the resonance split there. No ad-hoc caps (open choice C.26). The cone shape (damping growing
/// toward oblique angles at fixed k∥) is an assumption checked by the reference solver, which works with
/// k_max(θ) directly.</para>
/// </remarks>
public sealed class ConeTable
{
    private enum Constraint { Empty, Viscous, Switch, Collisionless, FullDamping }

    private const double SoftThreshold = 3e-3;
    private readonly double _softThreshold;
    private readonly CascadeCutoff _cut;
    private readonly double _thetaStar;
    private readonly Piece[] _pieces;
    private readonly double[] _ends;

    /// <summary>Builds θ_b over y ∈ [yMin, yMax] with grid step <paramref name="lnStep"/> in ln y.</summary>
    public ConeTable(CascadeCutoff cutoff, double yMin, double yMax, double lnStep)
    {
        _cut = cutoff;
        var p = cutoff.Plasma;
        _thetaStar = p.ParallelSwitch > 1 ? Root(t => _cut.LogRatio(p.ParallelSwitch / Math.Cos(t), t, true), 0.5 * Math.PI, double.NaN) : 0.5 * Math.PI;
        double la = Math.Log(yMin), lb = Math.Log(yMax);
        int n = Math.Max(2, (int)Math.Ceiling((lb - la) / lnStep));
        double h = (lb - la) / n;
        // Smooth curvature gives second differences ∝ h²: scale the steepness threshold with the step.
        _softThreshold = SoftThreshold * (h / 0.125) * (h / 0.125);
        var theta = new double[n + 1];
        var kind = new Constraint[n + 1];
        for (int i = 0; i <= n; i++)
        {
            // Warm start: log-linear extrapolation of the two previous solutions.
            double hint = double.NaN;
            if (i >= 2 && theta[i - 1] > 0 && theta[i - 2] > 0) hint = theta[i - 1] * theta[i - 1] / theta[i - 2];
            else if (i >= 1 && theta[i - 1] > 0) hint = theta[i - 1];
            (theta[i], kind[i]) = Solve(Math.Exp(la + i * h), hint);
        }
        double lnSwitch = Math.Log(p.ParallelSwitch);
        var hard = new List<double>();
        for (int i = 1; i <= n; i++)
        {
            double lo = la + (i - 1) * h, hi = la + i * h;
            if (lo < lnSwitch && hi >= lnSwitch)
            {
                // The exact break at y = x_c∥, plus any constraint change on either side of it.
                double e = 1e-9 * h;
                var left = Solve(Math.Exp(lnSwitch - e), double.NaN).C;
                var right = Solve(Math.Exp(Math.Min(hi, lnSwitch + e)), double.NaN).C;
                Changes(lo, kind[i - 1], lnSwitch - e, left, hard);
                hard.Add(lnSwitch);
                if (hi > lnSwitch + e) Changes(lnSwitch + e, right, hi, kind[i], hard);
                continue;
            }
            if (kind[i] != kind[i - 1]) Changes(lo, kind[i - 1], hi, kind[i], hard);
        }
        hard.Sort();
        var edges = new List<double> { la };
        edges.AddRange(hard);
        edges.Add(lb);
        var pieces = new List<Piece>();
        var soft = new List<double>();
        for (int e = 0; e + 1 < edges.Count; e++)
        {
            double a = edges[e], b = edges[e + 1];
            if (!(b > a)) continue;
            pieces.AddRange(BuildPieces(a, b, la, h, theta, soft));
        }
        _pieces = pieces.ToArray();
        _ends = _pieces.Select(x => x.End).ToArray();
        HardBreaks = hard.Select(Math.Exp).ToArray();
        SoftBreaks = soft.Select(Math.Exp).ToArray();
        Breaks = HardBreaks.Concat(SoftBreaks).OrderBy(v => v).ToArray();
    }

    // Every constraint change in (lo, hi) given the constraints at both ends (several may share one grid step).
    private void Changes(double lo, Constraint cLo, double hi, Constraint cHi, List<double> breaks)
    {
        for (int guard = 0; guard < 6 && cLo != cHi && hi > lo; guard++)
        {
            double at = ConstraintChange(cLo, cHi, lo, hi);
            breaks.Add(at);
            double e = 1e-9 * Math.Max(1, Math.Abs(at));
            if (at + e >= hi) return;
            var next = Solve(Math.Exp(at + e), double.NaN).C;
            lo = at + e;
            cLo = next;
        }
    }

    // ln y in (lo, hi) where the active constraint changes from c0 to c1: a one-dimensional root of the rate
    // balance on the shared edge where one is known, else bisection on the constraint.
    private double ConstraintChange(Constraint c0, Constraint c1, double lo, double hi)
    {
        double full = _cut.FullDampingScale;
        Func<double, double>? phi = null;
        bool Pair(Constraint a, Constraint b) => (c0 == a && c1 == b) || (c0 == b && c1 == a);
        if (Pair(Constraint.Switch, Constraint.Collisionless))
        {
            double ts = _thetaStar, cs = Math.Cos(ts);
            phi = ly => _cut.LogRatio(Math.Exp(ly) / cs, ts, false);
        }
        else if (full < CascadeCutoff.Infinite && (Pair(Constraint.Viscous, Constraint.FullDamping) || Pair(Constraint.Collisionless, Constraint.FullDamping)))
        {
            bool viscous = c0 == Constraint.Viscous || c1 == Constraint.Viscous;
            phi = ly => _cut.LogRatio(full, Math.Acos(Math.Min(1, Math.Exp(ly) / full)), viscous);
        }
        if (phi is not null)
        {
            double flo = phi(lo), fhi = phi(hi);
            if ((flo < 0) != (fhi < 0))
            {
                // Orient so that the function rises through the root.
                Func<double, double> g = flo < 0 ? phi : (x => -phi(x));
                return RootFinding.Illinois(g, lo, flo < 0 ? flo : -flo, hi, flo < 0 ? fhi : -fhi, 1e-12);
            }
        }
        for (int k = 0; k < 34; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (Solve(Math.Exp(mid), double.NaN).C == c0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>y where the active constraint changes (θ_b jumps or kinks).</summary>
    public double[] HardBreaks { get; }

    /// <summary>y at steep smooth features of θ_b.</summary>
    public double[] SoftBreaks { get; }

    /// <summary>All breaks, sorted: panel edges for quadratures over the resonance.</summary>
    public double[] Breaks { get; }

    /// <summary>θ*: modes with θ ≥ θ* are damped before k∥ reaches x_c∥ (π/2 when x_c∥ ≤ 1).</summary>
    public double SwitchAngle => _thetaStar;

    /// <summary>The pieces as (start ln y, end ln y, empty).</summary>
    public IEnumerable<(double Start, double End, bool Empty)> Pieces => _pieces.Select(p => (p.Start, p.End, p.Empty));

    /// <summary>ln θ_b at ln y (clamped to the table range); −∞ where no mode with this k∥ is undamped.</summary>
    public double LnAngle(double lnY) => _pieces[PieceAt(lnY)].Eval(lnY);

    /// <summary>Index of the smooth piece that holds ln y (for repeated reads inside one piece, see <see cref="LnAngleIn(int, double)"/>).</summary>
    public int PieceAt(double lnY)
    {
        int k = 0;
        var ends = _ends;
        while (k < ends.Length - 1 && lnY > ends[k]) k++;
        return k;
    }

    /// <summary>ln θ_b at ln y read from piece <paramref name="piece"/> (= <see cref="LnAngle"/> for ln y inside that piece).</summary>
    public double LnAngleIn(int piece, double lnY) => _pieces[piece].Eval(lnY);

    /// <summary><see cref="LnAngleIn(int, double)"/> at four points of one piece.</summary>
    public Vector256<double> LnAngleIn(int piece, Vector256<double> lnY) => _pieces[piece].Eval(lnY);

    /// <summary>Whether piece <paramref name="piece"/> is a tabulated stretch (vector reads need no per-lane fallback).</summary>
    public bool IsTablePiece(int piece) => _pieces[piece].IsTable;

    /// <summary>θ_b at y (direct root solve, no table): for tests and θ_c outputs.</summary>
    public double SolveAngle(double y) => Solve(y, double.NaN).Theta;

    // The pieces of one constraint stretch [a, b]: a tabulated piece on the global grid, split around steep
    // features (soft breaks), which get their own grid four times finer.
    private List<Piece> BuildPieces(double a, double b, double la, double h, double[] theta, List<double> soft)
    {
        var mid = Solve(Math.Exp(0.5 * (a + b)), double.NaN);
        if (mid.C == Constraint.Empty) return [Piece.EmptyPiece(a, b)];
        if (mid.C == Constraint.Switch) return [Piece.ConstantPiece(a, b, Math.Log(_thetaStar))];
        if (mid.C == Constraint.FullDamping) return [Piece.FullDampingPiece(a, b, _cut.FullDampingScale)];
        var whole = GridPiece(a, b, la, h, theta);
        var marks = SoftMarks(whole);
        if (marks.Count == 0) return [whole];
        var result = new List<Piece>();
        double start = a;
        for (int m = 0; m + 1 < marks.Count; m += 2)
        {
            double s0 = Math.Max(start, marks[m]), s1 = marks[m + 1];
            if (s0 > start) result.Add(GridPiece(start, s0, la, h, theta));
            result.Add(FinePiece(s0, s1, 0.25 * h));
            soft.Add(s0);
            soft.Add(s1);
            start = s1;
        }
        if (b > start) result.Add(GridPiece(start, b, la, h, theta));
        return result;
    }

    // Pairs (start, end) of ln y around clusters of large second differences of ln θ_b on uniform interior nodes.
    private List<double> SoftMarks(Piece piece)
    {
        var marks = new List<double>();
        var (x, v) = piece.Nodes;
        bool inCluster = false;
        for (int i = 2; i + 2 < x.Length; i++)
        {
            double d2 = v[i + 1] - 2 * v[i] + v[i - 1];
            bool steep = Math.Abs(d2) > _softThreshold;
            if (steep && !inCluster) marks.Add(x[i - 1]);
            if (!steep && inCluster) marks.Add(x[i]);
            inCluster = steep;
        }
        if (inCluster) marks.Add(x[^2]);
        return marks;
    }

    private Piece GridPiece(double a, double b, double la, double h, double[] theta)
    {
        int g0 = (int)Math.Floor((a - la) / h) + 1;
        int g1 = (int)Math.Ceiling((b - la) / h) - 1;
        var x = new List<double>();
        var v = new List<double>();
        double eps = 1e-9 * h;
        x.Add(a);
        v.Add(LogAngle(Solve(Math.Exp(a + eps), double.NaN).Theta));
        for (int g = g0; g <= g1; g++)
        {
            double lg = la + g * h;
            if (lg <= a + 0.05 * h || lg >= b - 0.05 * h) continue;
            x.Add(lg);
            v.Add(LogAngle(theta[g]));
        }
        x.Add(b);
        v.Add(LogAngle(Solve(Math.Exp(b - eps), double.NaN).Theta));
        return Piece.TablePiece(a, b, x.ToArray(), v.ToArray());
    }

    private Piece FinePiece(double a, double b, double step)
    {
        int n = Math.Max(3, (int)Math.Ceiling((b - a) / step));
        double h = (b - a) / n, eps = 1e-9 * h;
        var x = new double[n + 1];
        var v = new double[n + 1];
        double hint = double.NaN;
        for (int i = 0; i <= n; i++)
        {
            x[i] = a + i * h;
            double ly = i == 0 ? a + eps : i == n ? b - eps : x[i];
            double t = Solve(Math.Exp(ly), hint).Theta;
            hint = t > 0 ? t : double.NaN;
            v[i] = LogAngle(t);
        }
        return Piece.TablePiece(a, b, x, v);
    }

    private static double LogAngle(double theta) => Math.Log(Math.Max(theta, 1e-300));

    private (double Theta, Constraint C) Solve(double y, double hint)
    {
        var p = _cut.Plasma;
        double full = _cut.FullDampingScale;
        double thetaFull = full >= CascadeCutoff.Infinite ? 0.5 * Math.PI : (y < full ? Math.Acos(y / full) : 0);
        if (thetaFull <= 0) return (0, Constraint.Empty);
        if (y < p.ParallelSwitch)
        {
            double t = Root(th => _cut.LogRatio(y / Math.Cos(th), th, true), thetaFull, hint);
            if (t <= 0) return (0, Constraint.Empty);
            return (t, t >= thetaFull && thetaFull < 0.5 * Math.PI ? Constraint.FullDamping : Constraint.Viscous);
        }
        double limit = Math.Min(thetaFull, _thetaStar);
        if (limit <= 0) return (0, Constraint.Empty);
        double tc = Root(th => _cut.LogRatio(y / Math.Cos(th), th, false), limit, hint);
        if (tc <= 0) return (0, Constraint.Empty);
        if (tc >= limit) return (limit, _thetaStar <= thetaFull ? Constraint.Switch : Constraint.FullDamping);
        return (tc, Constraint.Collisionless);
    }

    // Largest θ in [0, limit) with g(θ) < 0, assuming g increases with θ; limit if g stays negative.
    // A previous solution (hint) narrows the bracket.
    private static double Root(Func<double, double> g, double limit, double hint)
    {
        double hi = Math.Min(limit, 0.5 * Math.PI * (1 - 1e-12));
        if (!double.IsNaN(hint) && hint > 0 && hint < hi)
        {
            double a = 0.98 * hint, b = Math.Min(hi, 1.02 * hint);
            double ga = g(a), gb = g(b);
            if (ga < 0 && gb >= 0) return RootFinding.Illinois(g, a, ga, b, gb, 1e-12 * hint);
        }
        double g0 = g(0);
        if (g0 >= 0) return 0;
        double ghi = g(hi);
        if (ghi < 0) return hi;
        return RootFinding.Illinois(g, 0, g0, hi, ghi, 1e-13);
    }

    // One smooth stretch of ln θ_b(ln y). Table pieces hold, for every grid cell [x_k, x_{k+1}], the power-basis
    // coefficients (in s = ln y − x_k) of the 4-point Lagrange interpolant on the stencil centred on that cell (nodes
    // clamped to the piece; 3 or 2 nodes in short pieces), so a read is one cell index and one cubic.
    private sealed class Piece
    {
        private Piece(double start, double end) { Start = start; End = end; }

        public double Start { get; }
        public double End { get; }
        public bool Empty { get; private init; }
        private double _constant;
        private double _fullScale;
        private double[]? _x, _v;
        private double[] _cells = [];   // 4 coefficients per cell, c0 first
        private double _x1, _invH;
        private int _lastCell;

        public static Piece EmptyPiece(double a, double b) => new(a, b) { Empty = true };
        public static Piece ConstantPiece(double a, double b, double lnTheta) => new(a, b) { _constant = lnTheta };
        public static Piece FullDampingPiece(double a, double b, double scale) => new(a, b) { _fullScale = scale };
        public (double[] X, double[] V) Nodes => (_x ?? [], _v ?? []);

        /// <summary>Whether <see cref="Eval(Vector256{double})"/> is a pure table read (no per-lane fallback).</summary>
        public bool IsTable => _x is not null;

        public static Piece TablePiece(double a, double b, double[] x, double[] v)
        {
            int n = x.Length;
            double h = n > 2 ? x[2] - x[1] : b - a;
            var cells = new double[4 * (n - 1)];
            Span<double> z = stackalloc double[4];
            Span<double> f = stackalloc double[4];
            Span<double> c = stackalloc double[4];
            for (int k = 0; k < n - 1; k++)
            {
                int m = Math.Min(n, 4);
                int i0 = Math.Clamp(k - 1, 0, n - m);
                for (int j = 0; j < m; j++)
                {
                    z[j] = x[i0 + j] - x[k];
                    f[j] = v[i0 + j];
                }
                // Newton divided differences, then expansion to the power basis in s.
                for (int j = 1; j < m; j++)
                    for (int q = m - 1; q >= j; q--)
                        f[q] = (f[q] - f[q - 1]) / (z[q] - z[q - j]);
                c.Clear();
                c[0] = f[m - 1];
                for (int j = m - 2; j >= 0; j--)
                {
                    // c ← c·(s − z_j) + f_j
                    for (int q = 3; q >= 1; q--) c[q] = c[q - 1] - z[j] * c[q];
                    c[0] = -z[j] * c[0] + f[j];
                }
                for (int q = 0; q < 4; q++) cells[4 * k + q] = c[q];
            }
            return new(a, b) { _x = x, _v = v, _cells = cells, _x1 = n > 2 ? x[1] : x[0], _invH = 1 / h, _lastCell = n - 2 };
        }

        private int Cell(double lnY)
        {
            double f = Math.Floor((lnY - _x1) * _invH) + 1;
            return f <= 0 ? 0 : f >= _lastCell ? _lastCell : (int)f;
        }

        public double Eval(double lnY)
        {
            if (Empty) return double.NegativeInfinity;
            if (_fullScale > 0) return Math.Log(Math.Acos(Math.Min(1, Math.Exp(lnY) / _fullScale)));
            var x = _x;
            if (x is null) return _constant;
            int k = Cell(lnY);
            double s = lnY - x[k];
            ref double c = ref _cells[4 * k];
            return c + s * (Unsafe.Add(ref c, 1) + s * (Unsafe.Add(ref c, 2) + s * Unsafe.Add(ref c, 3)));
        }

        public Vector256<double> Eval(Vector256<double> lnY)
        {
            var x = _x;
            if (x is null || Empty || _fullScale > 0)
                return Vector256.Create(Eval(lnY.GetElement(0)), Eval(lnY.GetElement(1)), Eval(lnY.GetElement(2)), Eval(lnY.GetElement(3)));
            var f = Vector256.Floor((lnY - Vector256.Create(_x1)) * Vector256.Create(_invH)) + Vector256<double>.One;
            f = Vector256.Min(Vector256.Max(f, Vector256<double>.Zero), Vector256.Create((double)_lastCell));
            int k0 = (int)f.GetElement(0), k1 = (int)f.GetElement(1), k2 = (int)f.GetElement(2), k3 = (int)f.GetElement(3);
            ref double cr = ref MemoryMarshal.GetArrayDataReference(_cells);
            ref double xr = ref MemoryMarshal.GetArrayDataReference(x);
            var s = lnY - Vector256.Create(Unsafe.Add(ref xr, k0), Unsafe.Add(ref xr, k1), Unsafe.Add(ref xr, k2), Unsafe.Add(ref xr, k3));
            Simd.Transpose(Vector256.LoadUnsafe(ref cr, (nuint)(4 * k0)), Vector256.LoadUnsafe(ref cr, (nuint)(4 * k1)),
                Vector256.LoadUnsafe(ref cr, (nuint)(4 * k2)), Vector256.LoadUnsafe(ref cr, (nuint)(4 * k3)),
                out var c0, out var c1, out var c2, out var c3);
            return c0 + s * (c1 + s * (c2 + s * c3));
        }
    }
}
