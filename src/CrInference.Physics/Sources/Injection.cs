using CrInference.Core;
using CrInference.Physics.Kinematics;
using MathNet.Numerics.Integration;

namespace CrInference.Physics.Sources;

/// <summary>
/// The cosmic-ray source of KQ22 eq. 1: Q(p) = Q₀ (p/p₀)^−γ_inj, a phase-space flux per unit
/// disk area leaving <em>each</em> side of the disk (the source term is 2Q δ(z)), in
/// cm⁻² s⁻¹ (g cm s⁻¹)⁻³, with p₀ = 1 GeV/c.
/// </summary>
/// <remarks>
/// Normalisation (open choice A.1, docs/CONVENTIONS.md): all CR energy is in protons and
/// 2 ∫ 4π p² Q(p) T(p) dp = Ṅ_SN E_CR / (π r_disk²), with T the proton kinetic energy,
/// r_disk = 10 kpc and the integral over p ∈ [1e-4, 1e6] GeV/c, so that any γ_inj (also ≤ 4,
/// where the 0…∞ integral diverges) gives a finite Q₀. The energy integral is a fixed
/// composite Gauss–Legendre rule in ln p (20 panels of half a decade, 8 nodes each) whose
/// γ-independent factors are tabulated once: a new γ_inj costs 160 exponentials.
/// </remarks>
public readonly record struct Injection
{
    /// <summary>Reference momentum p₀ of Q₀, GeV/c.</summary>
    public const double ReferenceMomentumGeV = 1.0;

    /// <summary>Lower bound of the injected-energy integral, GeV/c (open choice A.1).</summary>
    public const double MinimumMomentumGeV = 1e-4;

    /// <summary>Upper bound of the injected-energy integral, GeV/c (open choice A.1).</summary>
    public const double MaximumMomentumGeV = 1e6;

    /// <summary>Radius of the source disk whose area π r² shares the supernova power, kpc (open choice A.1).</summary>
    public const double SourceDiskRadiusKpc = 10.0;

    private const int PanelsPerDecade = 2;
    private const int NodesPerPanel = 8;

    // u_i = ln(p_i/GeV) and w_i T(p_i) p_i³ (GeV) of the composite rule, so that
    // I(γ) = Σ_i WT_i exp(−γ u_i) = ∫ p^{2−γ} T(p) dp with p in GeV/c.
    private static readonly double[] LogMomentumNodes;
    private static readonly double[] WeightedEnergyNodes;

    static Injection()
    {
        double lo = Math.Log(MinimumMomentumGeV);
        double hi = Math.Log(MaximumMomentumGeV);
        int panels = (int)Math.Round(PanelsPerDecade * Math.Log10(MaximumMomentumGeV / MinimumMomentumGeV));
        var rule = new GaussLegendreRule(-1.0, 1.0, NodesPerPanel);
        LogMomentumNodes = new double[panels * NodesPerPanel];
        WeightedEnergyNodes = new double[panels * NodesPerPanel];
        double width = (hi - lo) / panels;
        for (int k = 0; k < panels; k++)
        {
            double mid = lo + (k + 0.5) * width;
            for (int j = 0; j < NodesPerPanel; j++)
            {
                int i = k * NodesPerPanel + j;
                double u = mid + 0.5 * width * rule.Abscissas[j];
                double p = Math.Exp(u);
                LogMomentumNodes[i] = u;
                WeightedEnergyNodes[i] = 0.5 * width * rule.Weights[j] * p * p * p * Kinematic.KineticEnergyGeV(p, Nucleus.Proton);
            }
        }
    }

    private Injection(double gamma, double normalisation)
    {
        Gamma = gamma;
        Normalisation = normalisation;
    }

    /// <summary>Injection slope γ_inj of Q ∝ p^−γ_inj.</summary>
    public double Gamma { get; }

    /// <summary>Q₀ = Q(p₀), cm⁻² s⁻¹ (g cm s⁻¹)⁻³.</summary>
    public double Normalisation { get; }

    /// <summary>
    /// Q normalised from a supernova rate (yr⁻¹) and CR energy per supernova (erg) over the
    /// source disk (open choice A.1): Q₀ = Ṅ_SN E_CR / [π r_disk² · 2 · 4π (GeV/c)³ · GeV · I(γ)],
    /// with I(γ) = <see cref="EnergyIntegral"/>.
    /// </summary>
    public static Injection FromSupernovae(double supernovaRatePerYear, double energyPerSupernovaErg, double gamma)
    {
        double power = supernovaRatePerYear / PhysicalConstants.YearS * energyPerSupernovaErg;
        double radius = SourceDiskRadiusKpc * PhysicalConstants.KiloparsecCm;
        double fluxPerArea = power / (Math.PI * radius * radius);
        double unit = PhysicalConstants.GramCmPerSPerGeVOverC;
        double perQ0 = 2 * 4 * Math.PI * unit * unit * unit * PhysicalConstants.ErgPerGeV * EnergyIntegral(gamma);
        return new Injection(gamma, fluxPerArea / perQ0);
    }

    /// <summary>An injection with a given Q₀ (cm⁻² s⁻¹ (g cm s⁻¹)⁻³) and slope, for tests and custom sources.</summary>
    public static Injection FromNormalisation(double normalisation, double gamma) => new(gamma, normalisation);

    /// <summary>Q(p) = Q₀ (p/p₀)^−γ_inj at proton momentum <paramref name="momentumGeV"/> (GeV/c),
    /// cm⁻² s⁻¹ (g cm s⁻¹)⁻³ (KQ22 eq. 5 text).</summary>
    public double Rate(double momentumGeV) => Normalisation * Math.Pow(momentumGeV / ReferenceMomentumGeV, -Gamma);

    /// <summary>
    /// I(γ) = ∫ p^{2−γ} T(p) dp over [<see cref="MinimumMomentumGeV"/>, <see cref="MaximumMomentumGeV"/>]
    /// with p in GeV/c and T = p²/(E + m_p) the proton kinetic energy in GeV (open choice A.1).
    /// </summary>
    public static double EnergyIntegral(double gamma)
    {
        double sum = 0;
        double[] u = LogMomentumNodes;
        double[] w = WeightedEnergyNodes;
        for (int i = 0; i < u.Length; i++) sum += w[i] * Math.Exp(-gamma * u[i]);
        return sum;
    }

    /// <summary>
    /// The same integral over 0 &lt; p &lt; ∞ (the suggestion of EQUATIONS.md A.1), defined for
    /// 4 &lt; γ &lt; 5 only: <see cref="EnergyIntegral"/> plus the analytic tails
    /// ∫₀^{p_min} p^{4−γ}/(2m) dp and ∫_{p_max}^∞ p^{2−γ}(p − m + m²/(2p)) dp (relative error of the tails &lt; 1e-8).
    /// Used to document and test the effect of the finite bounds.
    /// </summary>
    public static double EnergyIntegralUnbounded(double gamma)
    {
        if (!(gamma > 4 && gamma < 5)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "the 0..inf integral converges only for 4 < gamma < 5");
        double m = PhysicalConstants.ProtonRestEnergyGeV;
        double lowTail = Math.Pow(MinimumMomentumGeV, 5 - gamma) / ((5 - gamma) * 2 * m);
        double pMax = MaximumMomentumGeV;
        double highTail = Math.Pow(pMax, 4 - gamma) / (gamma - 4)
            - m * Math.Pow(pMax, 3 - gamma) / (gamma - 3)
            + 0.5 * m * m * Math.Pow(pMax, 2 - gamma) / (gamma - 2);
        return lowTail + EnergyIntegral(gamma) + highTail;
    }
}
