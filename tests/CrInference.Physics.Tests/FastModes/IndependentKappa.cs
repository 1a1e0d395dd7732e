using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Tests.FastModes;

/// <summary>
/// An independent quadrature of KQ22 eqs. A1–A3 written for the tests, sharing nothing with the solvers but the
/// damping cut-off k_max(θ) of A4–A7 (<see cref="CascadeCutoff.MaxWavenumber"/>) and the plasma's v_A, ℳ_A, L and B:
/// κ = (v L R²/(2√π ℳ_A^{3/2})) ∫₀^{π/2} dα sin⁴α/(I_G + I_T), capped at the free-streaming v L/3 (C.26), with
/// I_G = ∫₀¹dξ ξ ∫₁^{k_max L} dx x^{−5/2} [J₁′(w)]² e^{−(μ − 1/(xξR))²/Δμ²} and I_T the same with [J₁(w)]² and
/// e^{−(μ − v_A/(vξ))²/Δμ²}, w = x R sin θ sin α, Δμ² = ℳ_A sin²α, R = r_L/L (docs/FAST-MODES.md §1).
/// Plain rules: Simpson in α (48 panels) and in ln ξ from 10⁻⁷ (400 panels; the TTD resonance ξ = v_A/(vμ) ~ 10⁻⁴
/// lies inside), in ln x Simpson (TTD) and the trapezoid rule with a step following the resonance (gyroresonance); J₀, J₁ from Bessel's integral (1/π)∫₀^π cos(nτ − w sin τ)dτ by
/// the trapezoid rule (exact to rounding for enough nodes: the integrand is periodic), tabulated in w.
/// </summary>
internal static class IndependentKappa
{
    private const double SpeedOfLight = 2.99792458e10;
    private const double ProtonRestEnergyGeV = 0.93827208816;
    private const double BesselStep = 0.005;
    private const double BesselTableEnd = 400;
    private static readonly Lazy<(double[] J0, double[] J1)> Table = new(BuildTable);

    /// <summary>κ (cm²/s) of protons at <paramref name="rigidityGV"/> in the isotropic cascade of <paramref name="spec"/>.</summary>
    public static double Compute(TurbulenceSpec spec, double rigidityGV)
    {
        Assert.Null(FastModePlasma.TryCreate(spec, out var plasma));
        var cutoff = new CascadeCutoff(plasma!, FastModeVariant.Isotropic, exactWindows: true);
        double v = SpeedOfLight * rigidityGV / Math.Sqrt(rigidityGV * rigidityGV + ProtonRestEnergyGeV * ProtonRestEnergyGeV);
        double larmorCm = rigidityGV * 1e9 / 299.792458 / spec.Plasma.FieldG;   // r_L = pc/(eB) = R[statvolt]/B
        double l = plasma!.OuterScaleCm, r = larmorCm / l, ma = plasma.AlfvenMach, epsilon = plasma.AlfvenSpeed / v;

        const int xiPanels = 400;
        double lnXiMin = Math.Log(1e-7);
        var xi = new double[xiPanels + 1];
        var lnXMax = new double[xiPanels + 1];
        for (int j = 0; j <= xiPanels; j++)
        {
            xi[j] = Math.Exp(lnXiMin * (1 - (double)j / xiPanels));
            lnXMax[j] = Math.Log(Math.Max(1, cutoff.MaxWavenumber(Math.Acos(xi[j])).X));
        }
        const int alphaPanels = 48;
        double sum = 0;
        for (int a = 1; a <= alphaPanels; a++)   // α = 0 contributes sin⁴α = 0
        {
            double alpha = 0.5 * Math.PI * a / alphaPanels;
            double weight = a == alphaPanels ? 1 : a % 2 == 1 ? 4 : 2;
            double s = Math.Sin(alpha);
            var (gyro, ttd) = Integrals(Math.Cos(alpha), s, Math.Sqrt(ma) * s, r, epsilon, xi, lnXMax, lnXiMin);
            sum += weight * Math.Pow(s, 4) / (gyro + ttd);
        }
        double integral = sum * (0.5 * Math.PI / alphaPanels) / 3;
        double kappa = v * l * r * r / (2 * Math.Sqrt(Math.PI) * ma * Math.Sqrt(ma)) * integral;
        return Math.Min(kappa, v * l / 3);
    }

    /// <summary>I_G and I_T at one pitch angle: Simpson in ln ξ (weight ξ² for dξ ξ = ξ² d ln ξ) of Simpson in ln x.</summary>
    private static (double Gyro, double Ttd) Integrals(double mu, double sinAlpha, double width, double r, double epsilon,
        double[] xi, double[] lnXMax, double lnXiMin)
    {
        int panels = xi.Length - 1;
        double gyro = 0, ttd = 0;
        for (int j = 0; j <= panels; j++)
        {
            double weight = j == 0 || j == panels ? 1 : j % 2 == 1 ? 4 : 2;
            double sinTheta = Math.Sqrt(Math.Max(0, 1 - xi[j] * xi[j]));
            double ttdResonance = Math.Exp(-Square((mu - epsilon / xi[j]) / width));
            var (g, t) = InnerX(mu, sinAlpha * sinTheta * r, width, xi[j] * r, lnXMax[j]);
            gyro += weight * xi[j] * xi[j] * g;
            ttd += weight * xi[j] * xi[j] * t * ttdResonance;
        }
        double h = -lnXiMin / panels / 3;
        return (gyro * h, ttd * h);
    }

    /// <summary>∫₁^{X} dx x^{−5/2}[J₁′(w)]² e^{−(μ − 1/(xξR))²/Δμ²} and ∫₁^{X} dx x^{−5/2}[J₁(w)]², w = x·<paramref name="wPerX"/>,
    /// in ln x. The TTD part by Simpson's rule (step ≤ 0.02). The gyroresonant part by the trapezoid rule marching down
    /// from the cut-off with a step that keeps the change of the resonance exponent below 0.1 (the integrand is steepest
    /// just below k_max when the resonance lies beyond it), stopping once the exponent exceeds 40 and still grows.</summary>
    private static (double Gyro, double Ttd) InnerX(double mu, double wPerX, double width, double xiR, double lnXMax)
    {
        // Beyond x = 1e4/(ξR) the x^{−3/2} weight (in ln x) has dropped 1e6 below the resonance; no need to go further.
        double lnTop = Math.Min(lnXMax, Math.Log(1e4 / Math.Max(xiR, 1e-300)));
        if (!(lnTop > 0)) return (0, 0);
        int panels = Math.Max(64, 2 * (int)Math.Ceiling(lnTop / 0.04));
        double h = lnTop / panels, ttd = 0;
        for (int k = 0; k <= panels; k++)
        {
            double x = Math.Exp(k * h);
            double j1 = Bessel(x * wPerX).J1;
            ttd += (k == 0 || k == panels ? 1 : k % 2 == 1 ? 4 : 2) * Math.Pow(x, -1.5) * j1 * j1;
        }
        double gyro = 0, lnX = lnTop;
        var (g0, e0, s0) = Gyro(lnX);
        while (lnX > 0)
        {
            double step = Math.Min(s0, lnX);
            var (g1, e1, s1) = Gyro(lnX - step);
            gyro += 0.5 * step * (g0 + g1);
            lnX -= step;
            if (e1 > 40 && e1 > e0) break;
            (g0, e0, s0) = (g1, e1, s1);
        }
        return (gyro, ttd * h / 3);

        (double Value, double Exponent, double Step) Gyro(double ln)
        {
            double x = Math.Exp(ln), w = x * wPerX, q = 1 / (x * xiR);
            var (j0, j1) = Bessel(w);
            double j1Prime = w < 1e-8 ? 0.5 : j0 - j1 / w;
            double exponent = Square((mu - q) / width);
            double slope = 2 * q * Math.Abs(q - mu) / (width * width);
            double step = Math.Clamp(0.1 / Math.Max(slope, 1e-12), 1e-4, 0.02);
            return (Math.Pow(x, -1.5) * j1Prime * j1Prime * Math.Exp(-exponent), exponent, step);
        }
    }

    private static double Square(double z) => z * z;

    /// <summary>J₀(w), J₁(w): linear interpolation in the table below <see cref="BesselTableEnd"/>, the leading
    /// Hankel asymptote √(2/(πw)) cos(w − nπ/2 − π/4) above (relative error ~1/(8w) ≲ 3e-4 there, on terms ~1e-5 of I).</summary>
    private static (double J0, double J1) Bessel(double w)
    {
        if (w >= BesselTableEnd)
        {
            double amplitude = Math.Sqrt(2 / (Math.PI * w));
            return (amplitude * Math.Cos(w - Math.PI / 4), amplitude * Math.Cos(w - 3 * Math.PI / 4));
        }
        var (t0, t1) = Table.Value;
        double u = w / BesselStep;
        int i = (int)u;
        double f = u - i;
        return (t0[i] + f * (t0[i + 1] - t0[i]), t1[i] + f * (t1[i + 1] - t1[i]));
    }

    private static (double[] J0, double[] J1) BuildTable()
    {
        int n = (int)(BesselTableEnd / BesselStep) + 2;
        var j0 = new double[n];
        var j1 = new double[n];
        for (int i = 0; i < n; i++)
        {
            double w = i * BesselStep;
            int nodes = 64 + (int)(2 * w);
            double s0 = 0, s1 = 0;
            for (int k = 0; k <= nodes; k++)
            {
                double tau = Math.PI * k / nodes;
                double end = k == 0 || k == nodes ? 0.5 : 1;
                s0 += end * Math.Cos(w * Math.Sin(tau));
                s1 += end * Math.Cos(tau - w * Math.Sin(tau));
            }
            j0[i] = s0 / nodes;
            j1[i] = s1 / nodes;
        }
        return (j0, j1);
    }
}
