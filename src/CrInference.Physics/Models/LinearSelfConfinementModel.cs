using System.Globalization;
using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.SelfConfinement;

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
public sealed class LinearSelfConfinementModel : IForwardModel
{
    /// <summary>Option selecting the damping index a of Γ ∝ k^a.</summary>
    public const string DampingIndexOption = "damping_a";

    /// <summary>Parameter name of Γ₁ (s⁻¹), the damping rate at the scale resonant with p = 1 GeV/c.</summary>
    public const string DampingRateName = "damping_1GeV_per_s";

    /// <inheritdoc/>
    public string Name => "linear-sc";

    /// <inheritdoc/>
    public string Summary => "self-confinement with linear damping Gamma ~ k^a (eqs. 4-9): f = (Q - S)/v_A, sharp cut-off where Q = S";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HotDensity(1e-3, "self-confinement region"),
        StandardParameters.HotField(1, "self-confinement region"),
        new(DampingRateName, "s^-1", 1e-11, "linear damping rate Gamma_1 at the scale resonant with p = 1 GeV/c (k = 1/r_L)",
            Minimum: 0, Maximum: 1e-3, MinimumExclusive: false, Latex: @"\Gamma_1"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } =
    [
        new(DampingIndexOption, ["0", "0.5", "0.75"], "0.5", "a of Gamma ~ k^a: 0 = ion-neutral, 0.5 = ambient Alfvenic turbulence (Farmer & Goldreich 2004), 0.75 = dust (Squire et al. 2021)"),
        StandardParameters.Losses,
    ];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.9", "B.11", "B.13", "B.15", "E.1", "E.2");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);

        var source = new SourceAndDisk(input);
        var plasma = ModelSupport.Plasma(input, "hot");
        double vA = plasma.AlfvenSpeed;
        double c = PhysicalConstants.SpeedOfLightCmPerS;
        double gamma = source.Injection.Gamma;
        double a = double.Parse(input.Option(DampingIndexOption), CultureInfo.InvariantCulture);
        double gamma1 = input[DampingRateName];

        // S(p) = S1 (p/GeV)^(-3-a); S1 from the Skilling balance at p = 1 GeV/c.
        double s1 = LinearDamping.SkillingSinkRate(gamma, plasma.DensityCm3, vA, gamma1, plasma.ProtonGyrofrequency,
            Kinematic.MomentumCgs(1.0));
        double cutoffGeV = s1 > 0 ? LinearDamping.CutoffMomentumGeV(source.Injection.Normalisation, gamma, s1, 3 + a) : double.PositiveInfinity;

        int n = rigiditiesGV.Length;
        var r = rigiditiesGV.ToArray();
        var flux = new double[n];
        var bc = new double[n];
        var fOverStreaming = new double[n];
        var vEff = new double[n];
        var lossFactor = new double[n];
        for (int i = 0; i < n; i++)
        {
            double p = r[i];
            double q = source.InjectionAt(p);
            double s = s1 * Math.Pow(p, -3 - a);
            double lossSpeed = source.LossSpeed(p);
            double boronSource = source.BoronSourceSpeed(p);
            double f;
            double fBoron;
            // Confined while the effective streaming speed v_A Q/(Q − S) stays below c (E.1).
            if ((q - s) * c > q * vA)
            {
                double loss = 1.0 / (1.0 + lossSpeed / vA);
                f = (q - s) / vA * loss;
                fOverStreaming[i] = (q - s) / q;
                vEff[i] = vA * q / (q - s);
                lossFactor[i] = loss;
                double speedRatio = Kinematic.BetaAtRigidity(p, MeasuredFlux.Boron) / Kinematic.BetaAtRigidity(p, Nucleus.Proton);
                fBoron = boronSource / (vA * (1 + speedRatio * s / (q - s)));
            }
            else
            {
                double loss = 1.0 / (1.0 + lossSpeed / c);
                f = q / c * loss;
                fOverStreaming[i] = vA / c;
                vEff[i] = c;
                lossFactor[i] = loss;
                fBoron = boronSource / c;
            }
            flux[i] = MeasuredFlux.ProtonFluxPerRigidity(p, f);
            bc[i] = MeasuredFlux.BoronToCarbonFluxRatio(p, fBoron);
            vEff[i] /= PhysicalConstants.KmPerSInCmPerS;
        }
        string? bad = ModelSupport.CheckPositive("proton_flux", flux, r) ?? ModelSupport.CheckPositive("bc_ratio", bc, r);
        if (bad is not null) return ModelResult.Fail(bad);
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["f_over_Q_vA"] = fOverStreaming,
            ["v_st_eff_km_s"] = vEff,
            ["cutoff_GV"] = ModelSupport.Filled(n, double.IsFinite(cutoffGeV) ? cutoffGeV : 0.0),
            ["loss_factor"] = lossFactor,
        };
        return ModelResult.Success(new Prediction(r, flux, bc, components));
    }
}
