using System.Collections.Concurrent;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Slow, direct evaluation of KQ22 A1–A3 for checking the fast path: nested globally adaptive
/// Gauss–Kronrod quadrature over the CR pitch angle α (μ = cos α), the wave angle θ (ξ = cos θ) and
/// ln x (x = kL), with the integrands written exactly as printed, Bessel functions evaluated directly,
/// exact window averages of the collisionless rate, and k_max(θ) solved per angle (no cone
/// assumption). Known non-smooth points (branch changes of k_max(θ), the gyroresonance entering the
/// undamped region, the TTD resonance ξ = v_A/(vμ), the Bessel knee w = 1) are panel edges.
/// Thread-safe; seconds per rigidity.
/// </summary>
public sealed class ReferenceKappaSolver
{
    private readonly FastModePlasma _p;
    private readonly CascadeCutoff _cutoff;
    private readonly double _tol;
    private readonly ConcurrentDictionary<double, double> _xmax = new();
    private readonly double[] _thetaBreaks;
    private readonly double[] _thetaGrid;

    /// <summary>Builds the reference for one plasma and cascade variant; <paramref name="relativeTolerance"/> applies to every level.</summary>
    public ReferenceKappaSolver(FastModePlasma plasma, FastModeVariant variant,
        AnisotropicWandering wandering = AnisotropicWandering.Alfvenic, double relativeTolerance = 1e-7)
    {
        _p = plasma;
        _tol = relativeTolerance;
        _cutoff = new CascadeCutoff(plasma, variant, wandering, exactWindows: true);
        _thetaBreaks = CutoffBreaks.Find(_cutoff, 96);
        _thetaGrid = new double[241];
        for (int i = 0; i < _thetaGrid.Length; i++) _thetaGrid[i] = 0.5 * Math.PI * i / (_thetaGrid.Length - 1);
    }

    /// <summary>The cut-off model (exact windows).</summary>
    public CascadeCutoff Cutoff => _cutoff;

    /// <summary>Angles where k_max(θ) changes branch.</summary>
    public IReadOnlyList<double> ThetaBreaks => _thetaBreaks;

    /// <summary>κ (A3) and its parts at one proton rigidity.</summary>
    public KappaParts Kappa(double rigidityGV)
    {
        var k = KappaKinematics.For(rigidityGV, _p);
        var memo = new ConcurrentDictionary<double, (double G, double T)>();
        (double G, double T) D(double alpha) => memo.GetOrAdd(alpha, a => (Gyro(a, k), Ttd(a, k)));
        // Lower bound first: if the small-α part alone (loose tolerance, 2 % margin) already exceeds v L/3, κ and
        // both parts (κ_G, κ_T ≥ κ since each D alone is smaller) are unconfined.
        double partial = Integrate(a => { var d = D(a); return d.G + d.T; }, k, 0.35, 1e-3);
        if (0.98 * partial >= k.FreeStreaming) return new KappaParts(k.FreeStreaming, k.FreeStreaming, k.FreeStreaming, true);
        double total = Integrate(a => { var d = D(a); return d.G + d.T; }, k);
        double gyro = Integrate(a => D(a).G, k);
        double ttd = Integrate(a => D(a).T, k);
        return new KappaParts(Math.Min(total, k.FreeStreaming), Math.Min(gyro, k.FreeStreaming), Math.Min(ttd, k.FreeStreaming), total >= k.FreeStreaming);
    }

    /// <summary>The A1 double integral I_G(α) = ∫dξ ξ ∫dx x^{−5/2} [J₁′(w)]² exp(−(μ − (xξR)⁻¹)²/Δμ²), without the prefactor.</summary>
    public double GyroIntegral(double alpha, double rigidityGV) => Gyro(alpha, KappaKinematics.For(rigidityGV, _p));

    /// <summary>The A2 double integral I_T(α) without the prefactor.</summary>
    public double TtdIntegral(double alpha, double rigidityGV) => Ttd(alpha, KappaKinematics.For(rigidityGV, _p));

    private double Integrate(Func<double, double> dOfAlpha, KappaKinematics k, double upper = 0.5 * Math.PI, double tolerance = double.NaN)
    {
        double cap = k.FreeStreaming / k.Prefactor;
        double F(double a)
        {
            double s = Math.Sin(a);
            double d = dOfAlpha(a);
            double v = s * s * s * s / d;
            return double.IsFinite(v) ? Math.Min(v, 1e6 * cap) : 1e6 * cap;
        }
        double integral = AdaptiveQuadrature.Integrate(F, 0, upper, double.IsNaN(tolerance) ? _tol : tolerance, 0, 400);
        return integral * k.Prefactor;
    }

    private double MaxX(double theta) => _xmax.GetOrAdd(theta, t => _cutoff.MaxWavenumber(t).X);

    private double Gyro(double alpha, KappaKinematics k)
    {
        double mu = Math.Cos(alpha), sa = Math.Sin(alpha);
        double dmu2 = _p.AlfvenMach * sa * sa;
        double r = k.LarmorRatio;
        double Inner(double theta)
        {
            double c = Math.Cos(theta), s = Math.Sin(theta);
            double xmax = MaxX(theta);
            if (!(xmax > 1) || c <= 0) return 0;
            double lnRes = -Math.Log(mu * c * r);
            double lnKnee = s * sa > 0 ? -Math.Log(r * s * sa) : double.PositiveInfinity;
            double upper = Math.Min(Math.Log(xmax), Math.Max(lnRes, Math.Min(lnKnee, 700)) + 30);
            if (!(upper > 0)) return 0;
            double G(double t)
            {
                double x = Math.Exp(t);
                double u = 1.0 / (x * c * r);
                double e = (mu - u) * (mu - u) / dmu2;
                if (e > 745) return 0;
                double jp = Bessel.J1Prime(x * r * s * sa);
                return Math.Exp(-1.5 * t - e) * jp * jp * Spectral(x, theta);
            }
            Span<double> br = [lnRes, lnKnee, lnRes - 3 * Math.Sqrt(dmu2) / mu, lnRes + 3 * Math.Sqrt(dmu2) / mu];
            return s * c * AdaptiveQuadrature.Integrate(G, 0, upper, _tol * 0.1, 0, 2000, br);
        }
        var breaks = new List<double>(_thetaBreaks);
        breaks.AddRange(StepAngles(th => Math.Log(MaxX(th) * Math.Cos(th) * r * mu)));
        return AdaptiveQuadrature.Integrate(Inner, 0, 0.5 * Math.PI, _tol * 0.3, 0, 2000, breaks.ToArray());
    }

    private double Ttd(double alpha, KappaKinematics k)
    {
        double mu = Math.Cos(alpha), sa = Math.Sin(alpha);
        double dmu = Math.Sqrt(_p.AlfvenMach) * sa;
        double dmu2 = dmu * dmu;
        double r = k.LarmorRatio, eps = k.Epsilon;
        double Inner(double theta)
        {
            double c = Math.Cos(theta), s = Math.Sin(theta);
            if (c <= 0) return 0;
            double e = (mu - eps / c) * (mu - eps / c) / dmu2;
            if (e > 745) return 0;
            double xmax = MaxX(theta);
            if (!(xmax > 1)) return 0;
            double a = r * s * sa;
            double lnKnee = a > 0 ? -Math.Log(a) : 700;
            double upper = Math.Min(Math.Log(xmax), Math.Min(lnKnee, 700) + 30);
            double G(double t)
            {
                double x = Math.Exp(t);
                double j = Bessel.J1(x * a);
                return Math.Exp(-1.5 * t) * j * j * Spectral(x, theta);
            }
            Span<double> br = [lnKnee];
            return s * c * Math.Exp(-e) * AdaptiveQuadrature.Integrate(G, 0, upper, _tol * 0.1, 0, 2000, br);
        }
        var breaks = new List<double>(_thetaBreaks);
        foreach (double q in new[] { mu, mu - 3 * dmu, mu + 3 * dmu, mu - 8 * dmu })
            if (q > eps) breaks.Add(Math.Acos(eps / q));
        return AdaptiveQuadrature.Integrate(Inner, 0, 0.5 * Math.PI, _tol * 0.3, 0, 2000, breaks.ToArray());
    }

    // Anisotropic spectrum P ∝ k^{−3/2}/sin(max(θ, θ_min(k))) (eq. 38 with the θ_min floor); 1 for the isotropic cascade.
    private double Spectral(double x, double theta)
    {
        if (_cutoff.Variant != FastModeVariant.Anisotropic) return 1;
        return 1.0 / Math.Sin(Math.Max(theta, _cutoff.MinimumAngle(x)));
    }

    // Angles where φ(θ) changes sign on the grid, refined by bisection.
    private List<double> StepAngles(Func<double, double> phi)
    {
        var list = new List<double>();
        double prev = phi(_thetaGrid[0]);
        for (int i = 1; i < _thetaGrid.Length; i++)
        {
            double cur = phi(_thetaGrid[i]);
            if (double.IsNaN(cur) || double.IsNaN(prev)) { prev = cur; continue; }
            if ((prev >= 0) != (cur >= 0))
            {
                double lo = _thetaGrid[i - 1], hi = _thetaGrid[i];
                bool loSign = prev >= 0;
                for (int j = 0; j < 40; j++)
                {
                    double mid = 0.5 * (lo + hi);
                    if ((phi(mid) >= 0) == loSign) lo = mid; else hi = mid;
                }
                list.Add(0.5 * (lo + hi));
            }
            prev = cur;
        }
        return list;
    }
}
