using System.Globalization;
using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>linear-sc</c> — single-phase self-confinement with linear damping Γ(p) = Γ₁ (p/1 GeV c⁻¹)^−a,
/// a ∈ {0, ½, ¾} (KQ22 §2.1.1, eqs. 4–9; variant V2; Figure 1). S(p) from the Skilling (1971)
/// balance (open choice B.11, <see cref="LinearDamping.SkillingSinkRate"/>), S ∝ p^{−3−a};
/// f = (Q − S)/v_A (eq. 5) below the cut-off p_c where Q(p_c) = S(p_c) (eq. 6, closed form); above
/// it CRs are not confined and escape at c, f = Q/c (open choice E.1 caps v_st,eff at c);
/// v_st,eff = v_A Q/(Q − S) (eq. 8); disk losses by eq. 9. Fiducial = Figure 1: SN 1/100 yr,
/// 1e50 erg, γ_inj = 4.3, Γ₁ = 1e-11 s⁻¹, a = ½, B = 1 μG, n = 1e-3 cm⁻³.
/// Components: <c>f_over_Q_vA</c> = v_A f/Q without losses (eq. 5 over eq. 7, Fig. 1 top),
/// <c>v_st_eff_km_s</c> (eq. 8, Fig. 1 bottom), <c>cutoff_GV</c> (the rigidity of p_c; 0 when Q and S never cross),
/// <c>loss_factor</c>.
/// </summary>
public sealed class LinearSelfConfinementModel : NetworkModel
{
    /// <summary>Option selecting the damping index a of Γ ∝ k^a.</summary>
    public const string DampingIndexOption = "damping_a";

    /// <summary>Parameter name of Γ₁ (s⁻¹), the damping rate at the scale resonant with p = 1 GeV/c.</summary>
    public const string DampingRateName = "damping_1GeV_per_s";

    /// <inheritdoc/>
    public override string Name => "linear-sc";

    /// <inheritdoc/>
    public override string Summary => "self-confinement with linear damping Gamma ~ k^a (eqs. 4-9): f = (Q - S)/v_A, sharp cut-off where Q = S";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HotDensity(1e-3, "self-confinement region"),
        StandardParameters.HotField(1, "self-confinement region"),
        new(DampingRateName, "s^-1", 1e-11, "linear damping rate Gamma_1 at the scale resonant with p = 1 GeV/c (k = 1/r_L)",
            Minimum: 0, Maximum: 1e-3, MinimumExclusive: false, Latex: @"\Gamma_1"),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } =
    [
        new(DampingIndexOption, ["0", "0.5", "0.75"], "0.5", "a of Gamma ~ k^a: 0 = ion-neutral, 0.5 = ambient Alfvenic turbulence (Farmer & Goldreich 2004), 0.75 = dust (Squire et al. 2021)"),
        .. NetworkSettings.AllOptions,
    ];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.9", "B.11", "B.13", "B.15", "E.1", "E.2", "E.8", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        var injection = new DiskAndSource(input).Injection;
        var plasma = ModelSupport.Plasma(input, "hot");
        double a = double.Parse(input.Option(DampingIndexOption), CultureInfo.InvariantCulture);
        // S(p) = S1 (p/GeV)^(-3-a); S1 from the Skilling balance at p = 1 GeV/c.
        double s1 = LinearDamping.SkillingSinkRate(injection.Gamma, plasma.DensityCm3, plasma.AlfvenSpeed, input[DampingRateName],
            plasma.ProtonGyrofrequency, Kinematic.MomentumCgs(1.0));
        double cutoffGeV = s1 > 0 ? LinearDamping.CutoffMomentumGeV(injection.Normalisation, injection.Gamma, s1, 3 + a) : double.PositiveInfinity;
        return (new Confinement(injection, plasma.AlfvenSpeed, s1, a, cutoffGeV), null);
    }

    /// <summary>
    /// While confined ((Q − S) c &gt; Q v_A, E.1): G_i = 1/(v_A [1 + b S/(Q − S)]) — for protons (b = 1) (Q − S)/(Q v_A), eq. 5;
    /// for other species the drift correction S/f_p scaled by b = v_i/v_p (E.2) — with KQ22's loss residence 1/v_A (eq. 9);
    /// above the cut-off every species escapes at c, G = 1/c. Gas only in the disk.
    /// </summary>
    private sealed class Confinement(Injection injection, double alfvenSpeed, double s1, double a, double cutoffGeV) : DiskGasResidence
    {
        public override Residence At(double rigidityGV, double speedRatio, bool withColumns)
        {
            double q = injection.Rate(rigidityGV);
            double s = Sink(rigidityGV);
            if (Confined(q, s))
            {
                double g = 1 / (alfvenSpeed * (1 + speedRatio * s / (q - s)));
                return Disk(g, 1 / alfvenSpeed);
            }
            double escape = 1 / PhysicalConstants.SpeedOfLightCmPerS;
            return Disk(escape, escape);
        }

        public override void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components)
        {
            double c = PhysicalConstants.SpeedOfLightCmPerS;
            var fOverStreaming = new double[rigiditiesGV.Length];
            var speed = new double[rigiditiesGV.Length];
            for (int i = 0; i < rigiditiesGV.Length; i++)
            {
                double q = injection.Rate(rigiditiesGV[i]);
                double s = Sink(rigiditiesGV[i]);
                bool confined = Confined(q, s);
                fOverStreaming[i] = confined ? (q - s) / q : alfvenSpeed / c;
                speed[i] = (confined ? alfvenSpeed * q / (q - s) : c) / PhysicalConstants.KmPerSInCmPerS;
            }
            components["f_over_Q_vA"] = fOverStreaming;
            components["v_st_eff_km_s"] = speed;
            components["cutoff_GV"] = ModelSupport.Filled(rigiditiesGV.Length, double.IsFinite(cutoffGeV) ? cutoffGeV : 0.0);
        }

        private double Sink(double momentumGeV) => s1 * Math.Pow(momentumGeV, -3 - a);

        // Confined while the effective streaming speed v_A Q/(Q − S) stays below c (E.1).
        private bool Confined(double q, double s) => (q - s) * PhysicalConstants.SpeedOfLightCmPerS > q * alfvenSpeed;
    }
}
