using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrInference.Physics.FastModes;

/// <summary>
/// The universal TTD kernel H(t) = ∫₀ᵗ s^{−5/2} J₁(s)² ds, so that the x-integral of A2 at fixed angles is
/// ∫₁^{x_max} x^{−5/2} J₁(xa)² dx = a^{3/2}[H(x_max a) − H(a)], a = R sin θ sin α (the damping cut-off
/// becomes an argument, not an integration limit). Plasma independent; built once per refinement.
/// </summary>
/// <remarks>
/// t &lt; 0.1: series √t [1/2 − t²/40 + 5t⁴/3456 − 7t⁶/119808] (from J₁² = s²/4 − s⁴/16 + 5s⁶/768 − 7s⁸/18432).
/// 0.1 ≤ t ≤ 60: cubic Hermite on a grid uniform in ln t (step 0.01, ≥ 5 nodes per Bessel half-period) with the
/// exact derivative dH/d ln t = t^{−3/2}J₁²; panels integrated with 8-point Gauss–Legendre.
/// t &gt; 60: H(∞) − (2/5)t^{−5/2}/π − t^{−9/2}/(12π), the smooth part of the Hankel expansion (the
/// oscillating remainder is below 1e-7 H(∞)); H(∞) itself adds the oscillating terms at t = 200.
/// Relative error ≲ 1e-8 (tests compare with adaptive quadrature).
/// </remarks>
public sealed class TtdKernel
{
    private static readonly ConcurrentDictionary<int, TtdKernel> Cache = new();
    private const double SeriesEnd = 0.1, TableEnd = 60, TailStart = 200;
    private readonly double _lnStart, _lnEnd, _step, _invStep;
    private readonly double[] _h, _d;

    /// <summary>The kernel for <paramref name="refinement"/> (1 = default grid, 2 = step halved, ...).</summary>
    public static TtdKernel Get(int refinement = 1) => Cache.GetOrAdd(refinement, r => new TtdKernel(r));

    private TtdKernel(int refinement)
    {
        _lnStart = Math.Log(SeriesEnd);
        _lnEnd = Math.Log(TableEnd);
        int n = (int)Math.Ceiling((_lnEnd - _lnStart) / (0.01 / refinement));
        _step = (_lnEnd - _lnStart) / n;
        _invStep = 1 / _step;
        _h = new double[n + 1];
        _d = new double[n + 1];
        double h = Series(SeriesEnd);
        for (int i = 0; i <= n; i++)
        {
            double t = Math.Exp(_lnStart + i * _step);
            if (i > 0) h += GaussLegendre.Integrate(Integrand, Math.Exp(_lnStart + (i - 1) * _step), t, 8);
            _h[i] = h;
            _d[i] = Integrand(t) * t * _step;
        }
        // H(∞): integrate on to t = 200 in unit panels, then the asymptotic tail with its oscillating terms.
        double acc = h;
        for (double a = TableEnd; a < TailStart - 1e-9; a += 0.5) acc += GaussLegendre.Integrate(Integrand, a, a + 0.5, 8);
        Infinity = acc + AsymptoticTail(TailStart);
    }

    /// <summary>H(∞) = ∫₀^∞ s^{−5/2} J₁² ds.</summary>
    public double Infinity { get; }

    /// <summary>H(t) for t ≥ 0.</summary>
    public double Value(double t)
    {
        if (t < SeriesEnd) return Series(t);
        if (double.IsPositiveInfinity(t)) return Infinity;
        return ValueLn(Math.Log(t));
    }

    /// <summary>H(e^{lnT}) (the fast path passes ln t directly; lnT = +∞ gives H(∞)).</summary>
    public double ValueLn(double lnT)
    {
        if (lnT <= _lnEnd)
        {
            if (lnT < _lnStart)
            {
                double r = Math.Exp(0.5 * lnT), t2 = r * r * r * r;
                return r * (0.5 - t2 * (1.0 / 40 - t2 * (5.0 / 3456 - t2 * (7.0 / 119808))));
            }
            double f = (lnT - _lnStart) * _invStep;
            int i = (int)f;
            if (i > _h.Length - 2) i = _h.Length - 2;
            double t = f - i, t2h = t * t, t3 = t2h * t;
            ref double h0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_h), i);
            ref double d0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_d), i);
            return (2 * t3 - 3 * t2h + 1) * h0 + (t3 - 2 * t2h + t) * d0 + (-2 * t3 + 3 * t2h) * Unsafe.Add(ref h0, 1) + (t3 - t2h) * Unsafe.Add(ref d0, 1);
        }
        if (lnT > 23) return Infinity;
        // t^{−1/2}; t^{−5/2} = r⁵, t^{−9/2} = r⁹.
        double rr = Math.Exp(-0.5 * lnT), r2 = rr * rr, r5 = r2 * r2 * rr;
        return Infinity - r5 * (0.4 + r2 * r2 / 12) / Math.PI;
    }

    /// <summary>
    /// H at four points at once: <paramref name="lnT"/> = ln t and <paramref name="sqrtT"/> = t^{1/2} (the series and the
    /// asymptotic branch use the square root, so no transcendental is evaluated). Same branches and table as
    /// <see cref="ValueLn(double)"/>; +∞ gives H(∞).
    /// </summary>
    public Vector256<double> ValueLn(Vector256<double> lnT, Vector256<double> sqrtT)
    {
        var lnStart = Vector256.Create(_lnStart);
        var below = Vector256.LessThan(lnT, lnStart);
        var above = Vector256.GreaterThan(lnT, Vector256.Create(_lnEnd));
        var outside = below | above;
        var result = Vector256<double>.Zero;
        if (!Vector256.EqualsAll(outside.AsUInt64(), Vector256<ulong>.AllBitsSet))
        {
            var f = (lnT - lnStart) * Vector256.Create(_invStep);
            var fl = Vector256.Min(Vector256.Max(Vector256.Floor(f), Vector256<double>.Zero), Vector256.Create((double)(_h.Length - 2)));
            var t = f - fl;
            int i0 = (int)fl.GetElement(0), i1 = (int)fl.GetElement(1), i2 = (int)fl.GetElement(2), i3 = (int)fl.GetElement(3);
            ref double h = ref MemoryMarshal.GetArrayDataReference(_h);
            ref double d = ref MemoryMarshal.GetArrayDataReference(_d);
            var h0 = Vector256.Create(Unsafe.Add(ref h, i0), Unsafe.Add(ref h, i1), Unsafe.Add(ref h, i2), Unsafe.Add(ref h, i3));
            var h1 = Vector256.Create(Unsafe.Add(ref h, i0 + 1), Unsafe.Add(ref h, i1 + 1), Unsafe.Add(ref h, i2 + 1), Unsafe.Add(ref h, i3 + 1));
            var d0 = Vector256.Create(Unsafe.Add(ref d, i0), Unsafe.Add(ref d, i1), Unsafe.Add(ref d, i2), Unsafe.Add(ref d, i3));
            var d1 = Vector256.Create(Unsafe.Add(ref d, i0 + 1), Unsafe.Add(ref d, i1 + 1), Unsafe.Add(ref d, i2 + 1), Unsafe.Add(ref d, i3 + 1));
            var t2 = t * t;
            var t3 = t2 * t;
            var two = Vector256.Create(2.0);
            var three = Vector256.Create(3.0);
            result = (two * t3 - three * t2 + Vector256<double>.One) * h0 + (t3 - two * t2 + t) * d0
                   + (three * t2 - two * t3) * h1 + (t3 - t2) * d1;
        }
        if (!Vector256.EqualsAll(below.AsUInt64(), Vector256<ulong>.Zero))
        {
            var r = sqrtT;
            var r2 = r * r;
            var t2 = r2 * r2;
            var series = r * (Vector256.Create(0.5) - t2 * (Vector256.Create(1.0 / 40) - t2 * (Vector256.Create(5.0 / 3456) - t2 * Vector256.Create(7.0 / 119808))));
            result = Vector256.ConditionalSelect(below, series, result);
        }
        if (!Vector256.EqualsAll(above.AsUInt64(), Vector256<ulong>.Zero))
        {
            var inf = Vector256.Create(Infinity);
            var rr = Vector256<double>.One / sqrtT;
            var r2 = rr * rr;
            var r5 = r2 * r2 * rr;
            var asym = inf - r5 * (Vector256.Create(0.4) + r2 * r2 * Vector256.Create(1.0 / 12)) * Vector256.Create(1 / Math.PI);
            asym = Vector256.ConditionalSelect(Vector256.GreaterThan(lnT, Vector256.Create(23.0)), inf, asym);
            result = Vector256.ConditionalSelect(above, asym, result);
        }
        return result;
    }

    /// <summary>a^{3/2}[H(x_max a) − H(a)] = ∫₁^{x_max} x^{−5/2} J₁(xa)² dx (A2 inner integral).</summary>
    public double Window(double a, double xMax)
    {
        double upper = double.IsPositiveInfinity(xMax) ? Infinity : Value(xMax * a);
        return a * Math.Sqrt(a) * (upper - Value(a));
    }

    /// <summary>The series part a^{3/2}H(a) = a²(1/2 − a²/40 + 5a⁴/3456) for a &lt; 0.1.</summary>
    public static double SmallArgumentProduct(double a)
    {
        double a2 = a * a;
        return a2 * (0.5 - a2 * (1.0 / 40 - a2 * (5.0 / 3456)));
    }

    private static double Integrand(double s)
    {
        double j = Bessel.J1(s);
        return j * j / (s * s * Math.Sqrt(s));
    }

    private static double Series(double t)
    {
        double t2 = t * t;
        return Math.Sqrt(t) * (0.5 - t2 * (1.0 / 40 - t2 * (5.0 / 3456 - t2 * (7.0 / 119808))));
    }

    // ∫_t^∞ s^{−5/2}J₁² ds from J₁² = [(P²+Q²) − (P²−Q²) sin 2s − 2PQ cos 2s]/(πs), P²+Q² = 1 + 3/(8s²),
    // P²−Q² = 1 + 3/(32s²), 2PQ = 3/(4s), integrated by parts; error O(t^{−13/2}).
    private static double AsymptoticTail(double t)
    {
        double c = Math.Cos(2 * t), s = Math.Sin(2 * t);
        double smooth = 0.4 * Math.Pow(t, -2.5) + Math.Pow(t, -4.5) / 12;
        double osc = Math.Pow(t, -3.5) * c / 2 + Math.Pow(t, -4.5) * s / 2 - 69.0 / 64 * Math.Pow(t, -5.5) * c;
        return (smooth - osc) / Math.PI;
    }
}
