using CrInference.Physics.Numerics;
using MathNet.Numerics.Integration;

namespace CrInference.Physics.Network;

/// <summary>
/// Effective gas columns seen from the disk (docs/CONVENTIONS.md E.9). KQ22 put every interaction in a thin disk
/// (column n_disk h). Gas of a phase at height z contributes with the weight
/// w_i(z) = [f_i(z)/f_i(0)] [K_i(z → 0)/K_i(0 → 0)] — the species' profile for a disk source times the density at
/// z = 0 produced by a unit source at z (Green's function of the same transport) — which is exact to first order
/// in the gas outside the disk: N_eff,i = n_disk h + Σ_phases ∫ n w_i dz.
/// </summary>
public static class EffectiveColumns
{
    private const int HaloPanels = 2;
    private const int HaloNodesPerPanel = 5;
    // MathNet's rule returns copies of its arrays: read them once.
    private static readonly double[] HaloNodes = new GaussLegendreRule(0.0, 1.0, HaloNodesPerPanel).Abscissas;
    private static readonly double[] HaloWeights = new GaussLegendreRule(0.0, 1.0, HaloNodesPerPanel).Weights;

    /// <summary>
    /// ∫_{from}^{to} n (1 − z/Z)² dz (cm⁻² for n in cm⁻³, lengths in cm) for a diffusive layer whose profile for a disk
    /// source falls linearly to zero at the absorbing height Z = κ_i G_i (KQ22 eq. 31: f(z) = S(z_W − z)/κ + f(z_W),
    /// so f(z)/f(0) = 1 − z/Z); a source at z in the layer reaches z = 0 with the same factor (zero net flux below the
    /// source, KQ22 eq. 31 above it), so w = (1 − z/Z)² and the integral is n (Z/3)[(1 − from/Z)³ − (1 − to/Z)³].
    /// </summary>
    public static double DiffusiveLayer(double densityCm3, double fromCm, double toCm, double absorbingHeightCm)
    {
        if (!(toCm > fromCm) || densityCm3 == 0) return 0;
        double z = absorbingHeightCm;
        double span = toCm - fromCm;
        double sum = toCm + fromCm;
        double squares = toCm * toCm + toCm * fromCm + fromCm * fromCm;
        return densityCm3 * span * (1 - sum / z + squares / (3 * z * z));
    }

    /// <summary>
    /// ∫_{from}^{r} n w dz over an NLLD self-confined halo (KQ22 eqs. 14, 30) for a species with exponent s = v_p/v_i:
    /// for a disk source f_i(z) = S v_A⁻¹[1 − (a/(r − z + a))^s]; a unit source at z′ gives f(z′) = v_A⁻¹[1 − (a/(r − z′ + a))^s]
    /// and, with zero net flux below it and κ_i(z) = (v_A/s)(r + a − z) (EQUATIONS.md §1.1), f decays toward the warm
    /// top z_W as ((r + a − z′)/(r + a − z))^s and stays flat through the diffusive layer. So
    /// w(z) = [v_A⁻¹(1 − (a/(r − z + a))^s)/G]² ((r + a − z)/(r + a − z_W))^s with G the total residence at z = 0.
    /// With v = ln(1 + (r − z)/a) the integral is (n a/(v_A G)²) ∫₀^V expm1(−s v)² e^{s(v − V_W) + v} dv, and since
    /// expm1(−s v)² e^{s v + v} = e^{(1−s)v} − 2 e^v + e^{(1+s)v} it is elementary:
    /// e^{−s V_W} [expm1((1−s)V)/(1−s) − 2 expm1(V) + expm1((1+s)V)/(1+s)] (s = 1: <see cref="NlldHaloClosedForm"/>). The
    /// three terms cancel to O(V³) for a thin halo (V → 0, a ≫ r), so below V = <see cref="ElementaryMinimumDepth"/> a fixed
    /// composite Gauss–Legendre rule (2 × 5 nodes) is used instead; both agree with a fine quadrature to 1e-6
    /// (<c>EffectiveColumnTests</c>).
    /// </summary>
    public static double NlldHalo(double densityCm3, double fromCm, double haloRadiusCm, double warmTopCm, double lengthCm,
        double exponent, double alfvenSpeedCmPerS, double residenceSPerCm)
    {
        if (!(haloRadiusCm > fromCm) || densityCm3 == 0) return 0;
        if (exponent == 1.0) return NlldHaloClosedForm(densityCm3, fromCm, haloRadiusCm, warmTopCm, lengthCm, alfvenSpeedCmPerS, residenceSPerCm);
        double a = lengthCm;
        double upper = StableMath.Log1P((haloRadiusCm - fromCm) / a);
        double warmTop = StableMath.Log1P((haloRadiusCm - warmTopCm) / a);
        double integral = upper >= ElementaryMinimumDepth ? ElementaryIntegral(exponent, upper, warmTop) : RuleIntegral(exponent, upper, warmTop);
        double g = alfvenSpeedCmPerS * residenceSPerCm;
        return densityCm3 * a * integral / (g * g);
    }

    /// <summary>Below this V = ln(1 + (r − from)/a) the halo column is taken by quadrature (the elementary form loses ~V⁻² × 1e-16).</summary>
    public const double ElementaryMinimumDepth = 1e-3;

    // ∫₀^V expm1(−s v)² e^{s(v − V_W) + v} dv in closed form.
    private static double ElementaryIntegral(double s, double upper, double warmTop)
    {
        double low = 1 - s;
        // expm1(y)/(1 − s) with y = (1 − s)V: V(1 + y/2) for |y| < 1e-6 (the next term, y²/6, is below 2e-13 there).
        double first = Math.Abs(low * upper) < 1e-6 ? upper * (1 + 0.5 * low * upper) : StableMath.ExpM1(low * upper) / low;
        return Math.Exp(-s * warmTop) * (first - 2 * StableMath.ExpM1(upper) + StableMath.ExpM1((1 + s) * upper) / (1 + s));
    }

    // The same by the composite Gauss–Legendre rule (for thin halos).
    private static double RuleIntegral(double s, double upper, double warmTop)
    {
        double width = upper / HaloPanels;
        double sum = 0;
        for (int panel = 0; panel < HaloPanels; panel++)
        {
            for (int k = 0; k < HaloNodesPerPanel; k++)
            {
                double v = width * (panel + HaloNodes[k]);
                double bracket = StableMath.ExpM1(-s * v);
                sum += HaloWeights[k] * bracket * bracket * Math.Exp(s * (v - warmTop) + v);
            }
        }
        return sum * width;
    }

    /// <summary>
    /// <see cref="NlldHalo"/> for s = 1 in closed form: with u = r − z, w = u²/((u + a)(U_W + a))/(v_A G)², U_W = r − z_W, and
    /// ∫₀^U u²/(u + a) du = a² [ln(1 + x) − x + x²/2], x = U/a (series for small x).
    /// </summary>
    public static double NlldHaloClosedForm(double densityCm3, double fromCm, double haloRadiusCm, double warmTopCm, double lengthCm,
        double alfvenSpeedCmPerS, double residenceSPerCm)
    {
        if (!(haloRadiusCm > fromCm) || densityCm3 == 0) return 0;
        double a = lengthCm;
        double x = (haloRadiusCm - fromCm) / a;
        double tail = x < 1e-2
            ? x * x * x * (1.0 / 3 - x * (1.0 / 4 - x * (1.0 / 5 - x / 6)))
            : StableMath.Log1P(x) - x + 0.5 * x * x;
        double g = alfvenSpeedCmPerS * residenceSPerCm;
        return densityCm3 * a * a * tail / ((haloRadiusCm - warmTopCm + a) * g * g);
    }
}
