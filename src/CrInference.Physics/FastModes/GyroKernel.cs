using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrInference.Physics.FastModes;

/// <summary>
/// The universal gyroresonance kernel Q(σ, θ₀) = ∫₀^{θ₀} sin θ cos^{5/2}θ [J₁′(σ tan θ)]² dθ. With the
/// resonant variable u = 1/(xξR) (so x^{−5/2}dx = (ξR)^{3/2}u^{1/2}du and w = σ tan θ, σ = sin α/u) the
/// gyroresonant integral of A1 becomes
/// I_G(α) = R^{3/2} ∫du u^{1/2} exp(−(μ − u)²/Δμ²) [Q(σ, θ_b(y)) − Q(σ, θ_lo(y))],  y = k∥L = 1/(uR),
/// where [θ_lo, θ_b) is the undamped cone of modes with parallel wavenumber y (<see cref="ConeTable"/>):
/// the damping cut-off enters as an argument of Q instead of as an integration limit.
/// </summary>
/// <remarks>
/// Tabulated as ln Q on a grid uniform in ln σ ∈ [ln 1e-4, ln 100] (step 0.05) and ln θ₀ ∈ [ln 1e-4, ln(π/2)]
/// (step 0.02), read by 4×4-point Lagrange interpolation; ln Q is smooth (Q ≈ θ₀²/8 for thin cones). Each
/// θ-panel is integrated with 8-point Gauss–Legendre on sub-panels sized to the Bessel phase σ Δtan θ.
/// Outside the grid: Q ∝ θ₀² below θ₀ = 1e-4 (w &lt; 1e-2 there), ln Q frozen below σ = 1e-4 (Q − Q₀ = O(σ²)),
/// Q ∝ 1/σ above σ = 100 (the large-w mean of J₁′² is 1/(πw); such u carry a weight u^{5/2} &lt; 1e-5).
/// Interpolation error ≲ 1e-6 relative while w₀ = σ tan θ₀ ≲ 3; where Q steps with the Bessel oscillation
/// (w₀ ~ 5–20) it reaches ~5e-4 with alternating sign, which averages out over the resonance (halving the table
/// steps changes κ by less than 1e-6; tests and the convergence study).
/// </remarks>
public sealed class GyroKernel
{
    private static readonly ConcurrentDictionary<int, GyroKernel> Cache = new();
    private const double LnSigmaMin = -9.210340371976184, LnSigmaMax = 4.605170185988092;
    private const double LnThetaMin = -9.210340371976184;
    private static readonly double LnThetaMax = Math.Log(0.5 * Math.PI);
    private readonly int _np, _nt;
    private readonly double _invHp, _invHt;
    private readonly double[] _lnQ;

    /// <summary>The kernel for <paramref name="refinement"/> (1 = default grid, 2 = steps halved, ...).</summary>
    public static GyroKernel Get(int refinement = 1) => Cache.GetOrAdd(refinement, r => new GyroKernel(r));

    private GyroKernel(int refinement)
    {
        _np = (int)Math.Ceiling((LnSigmaMax - LnSigmaMin) / (0.05 / refinement)) + 1;
        double hp = (LnSigmaMax - LnSigmaMin) / (_np - 1);
        _nt = (int)Math.Ceiling((LnThetaMax - LnThetaMin) / (0.02 / refinement)) + 1;
        double ht = (LnThetaMax - LnThetaMin) / (_nt - 1);
        _invHp = 1 / hp;
        _invHt = 1 / ht;
        _lnQ = new double[_np * _nt];
        Parallel.For(0, _np, ip =>
        {
            double sigma = Math.Exp(LnSigmaMin + ip * hp);
            double acc = GaussLegendre.Integrate(t => Integrand(sigma, t), 0, Math.Exp(LnThetaMin), 8);
            _lnQ[ip * _nt] = Math.Log(acc);
            for (int it = 1; it < _nt; it++)
            {
                double a = Math.Exp(LnThetaMin + (it - 1) * ht), b = it == _nt - 1 ? 0.5 * Math.PI : Math.Exp(LnThetaMin + it * ht);
                acc += Panel(sigma, a, b);
                _lnQ[ip * _nt + it] = Math.Log(acc);
            }
        });
    }

    /// <summary>ln Q(σ, θ₀) by table lookup (arguments ln σ and ln θ₀).</summary>
    public double LnQ(double lnSigma, double lnTheta0)
    {
        double extra = 0;
        if (lnSigma > LnSigmaMax) { extra = LnSigmaMax - lnSigma; lnSigma = LnSigmaMax; }
        else if (lnSigma < LnSigmaMin) lnSigma = LnSigmaMin;
        if (lnTheta0 < LnThetaMin) { extra += 2 * (lnTheta0 - LnThetaMin); lnTheta0 = LnThetaMin; }
        else if (lnTheta0 > LnThetaMax) lnTheta0 = LnThetaMax;
        double fp = (lnSigma - LnSigmaMin) * _invHp;
        double ft = (lnTheta0 - LnThetaMin) * _invHt;
        int ip = (int)fp - 1, it = (int)ft - 1;
        if (ip < 0) ip = 0; else if (ip > _np - 4) ip = _np - 4;
        if (it < 0) it = 0; else if (it > _nt - 4) it = _nt - 4;
        double tp = fp - ip, tt = ft - it;
        double a = tp - 1, b = tp - 2, c = tp - 3;
        double p0 = -a * b * c * (1.0 / 6), p1 = tp * b * c * 0.5, p2 = -tp * a * c * 0.5, p3 = tp * a * b * (1.0 / 6);
        a = tt - 1; b = tt - 2; c = tt - 3;
        var tw = Vector256.Create(-a * b * c * (1.0 / 6), tt * b * c * 0.5, -tt * a * c * 0.5, tt * a * b * (1.0 / 6));
        ref double row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lnQ), ip * _nt + it);
        var acc = Vector256.LoadUnsafe(ref row) * p0;
        acc += Vector256.LoadUnsafe(ref Unsafe.Add(ref row, _nt)) * p1;
        acc += Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 2 * _nt)) * p2;
        acc += Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 3 * _nt)) * p3;
        return Vector256.Sum(acc * tw) + extra;
    }

    /// <summary><see cref="LnQ(double, double)"/> at four points (same table, clamps and extrapolation).</summary>
    public Vector256<double> LnQ(Vector256<double> lnSigma, Vector256<double> lnTheta0)
    {
        var sMin = Vector256.Create(LnSigmaMin);
        var sMax = Vector256.Create(LnSigmaMax);
        var tMin = Vector256.Create(LnThetaMin);
        var zero = Vector256<double>.Zero;
        var extra = Vector256.ConditionalSelect(Vector256.GreaterThan(lnSigma, sMax), sMax - lnSigma, zero);
        extra += Vector256.ConditionalSelect(Vector256.LessThan(lnTheta0, tMin), Vector256.Create(2.0) * (lnTheta0 - tMin), zero);
        lnSigma = Vector256.Min(Vector256.Max(lnSigma, sMin), sMax);
        lnTheta0 = Vector256.Min(Vector256.Max(lnTheta0, tMin), Vector256.Create(LnThetaMax));
        var fp = (lnSigma - sMin) * Vector256.Create(_invHp);
        var ft = (lnTheta0 - tMin) * Vector256.Create(_invHt);
        var one = Vector256<double>.One;
        var ip = Vector256.Min(Vector256.Max(Vector256.Floor(fp) - one, zero), Vector256.Create((double)(_np - 4)));
        var it = Vector256.Min(Vector256.Max(Vector256.Floor(ft) - one, zero), Vector256.Create((double)(_nt - 4)));
        var tp = fp - ip;
        var tt = ft - it;
        var two = Vector256.Create(2.0);
        var three = Vector256.Create(3.0);
        var sixth = Vector256.Create(1.0 / 6);
        var halfV = Vector256.Create(0.5);
        var a = tp - one;
        var b = tp - two;
        var c = tp - three;
        var p0 = -(a * b * c) * sixth;
        var p1 = tp * b * c * halfV;
        var p2 = -(tp * a * c) * halfV;
        var p3 = tp * a * b * sixth;
        a = tt - one;
        b = tt - two;
        c = tt - three;
        var q0 = -(a * b * c) * sixth;
        var q1 = tt * b * c * halfV;
        var q2 = -(tt * a * c) * halfV;
        var q3 = tt * a * b * sixth;
        var baseIndex = ip * Vector256.Create((double)_nt) + it;
        ref double table = ref MemoryMarshal.GetArrayDataReference(_lnQ);
        int nt = _nt;
        var r0 = Rows(ref table, (int)baseIndex.GetElement(0), nt, p0.GetElement(0), p1.GetElement(0), p2.GetElement(0), p3.GetElement(0));
        var r1 = Rows(ref table, (int)baseIndex.GetElement(1), nt, p0.GetElement(1), p1.GetElement(1), p2.GetElement(1), p3.GetElement(1));
        var r2 = Rows(ref table, (int)baseIndex.GetElement(2), nt, p0.GetElement(2), p1.GetElement(2), p2.GetElement(2), p3.GetElement(2));
        var r3 = Rows(ref table, (int)baseIndex.GetElement(3), nt, p0.GetElement(3), p1.GetElement(3), p2.GetElement(3), p3.GetElement(3));
        Simd.Transpose(r0, r1, r2, r3, out var c0, out var c1, out var c2, out var c3);
        return c0 * q0 + c1 * q1 + c2 * q2 + c3 * q3 + extra;
    }

    // Σ_a p_a · (4 consecutive θ entries of σ row ip + a), starting at flat index `start`.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Rows(ref double table, int start, int nt, double p0, double p1, double p2, double p3)
    {
        ref double row = ref Unsafe.Add(ref table, start);
        return Vector256.LoadUnsafe(ref row) * p0
             + Vector256.LoadUnsafe(ref Unsafe.Add(ref row, nt)) * p1
             + Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 2 * nt)) * p2
             + Vector256.LoadUnsafe(ref Unsafe.Add(ref row, 3 * nt)) * p3;
    }

    /// <summary>Q(σ, θ₀) by table lookup.</summary>
    public double Q(double sigma, double theta0) => theta0 > 0 ? Math.Exp(LnQ(Math.Log(sigma), Math.Log(theta0))) : 0;

    /// <summary>Q by direct adaptive quadrature (for tests).</summary>
    public static double QExact(double sigma, double theta0) =>
        AdaptiveQuadrature.Integrate(t => Integrand(sigma, t), 0, theta0, 1e-12, 1e-300, 20000);

    private static double Integrand(double sigma, double theta)
    {
        double c = Math.Cos(theta);
        if (c <= 0) return 0;
        double jp = Bessel.J1Prime(sigma * Math.Tan(theta));
        return Math.Sin(theta) * c * c * Math.Sqrt(c) * jp * jp;
    }

    private static double Panel(double sigma, double a, double b)
    {
        double cb = Math.Cos(b);
        double phase = cb > 1e-12 ? sigma * (Math.Tan(b) - Math.Tan(a)) : double.PositiveInfinity;
        int pieces = (int)Math.Clamp(Math.Ceiling(phase / 2.0), 1, 512);
        double sum = 0, h = (b - a) / pieces;
        for (int k = 0; k < pieces; k++)
            sum += GaussLegendre.Integrate(t => Integrand(sigma, t), a + k * h, a + (k + 1) * h, 8);
        return sum;
    }
}
