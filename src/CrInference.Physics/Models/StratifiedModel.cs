using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>stratified</c> — self-confinement in a stratified halo with linear damping by ambient Alfvénic
/// turbulence (KQ22 §2.2, eqs. 17–22; variant V4; Figure 2). v_A(z) = v_A0 (z/z₀)^λ₁ and
/// S(p, z) = S₀(p) (z/z₀)^−λ₂ with S₀ = eq. 22 at the base (B_tot = B_z = B, L = <c>turb_L_pc</c>;
/// open choice B.18), S₀ ∝ p^−3.5. The spectrum at the disk is eq. 18,
/// f = max over z ∈ [z₀, z_max] of (Q − S)/v_A, taken in closed form: with y = z/z₀ the maximum
/// sits at y* = [(λ₁ + λ₂) S₀/(λ₁ Q)]^{1/λ₂} clamped to [1, z_max/z₀], where
/// f = Q λ₂/((λ₁ + λ₂) v_A0 y*^λ₁) ∝ p^{−γ_inj − λ₁(γ_inj − 3.5)/λ₂} (eq. 21 with a = ½).
/// CRs with S &gt; Q up to z_max are not confined: f = Q/c (the cut-off set by z_max); v_st,eff is
/// capped at c (E.1). Disk losses by eq. 9 with v_A at the maximising height (E.7). Fiducial =
/// Figure 2: z₀ = 500 pc, z_max = 20 kpc, n = 5e-3 cm⁻³, B = 1 μG at the base, L = z₀, γ_inj = 4.3,
/// λ₁ = 0.5, λ₂ = 1, disk n = 1.25 cm⁻³ and h = 200 pc. Protons only (KQ22 give no B/C for it).
/// Components: <c>v_st_eff_km_s</c> (Q/f without losses), <c>z_star_kpc</c> (height that sets f),
/// <c>pstar_GV</c> (Q = S at z₀), <c>cutoff_GV</c> (Q = S at z_max), <c>loss_factor</c>.
/// </summary>
public sealed class StratifiedModel : NetworkModel
{
    /// <summary>Slope of S₀ ∝ p^{−3−a} of eq. 22 (a = ½, damping by Alfvénic turbulence).</summary>
    public const double SinkSlope = 3.5;

    /// <inheritdoc/>
    public override string Name => "stratified";

    /// <inheritdoc/>
    public override string Summary => "stratified self-confined halo, v_A ~ z^lambda1, S ~ z^-lambda2, eq. 18 maximum over z0..z_max (eqs. 17-22; Fig. 2)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HotDensity(5e-3, "halo base z0"),
        StandardParameters.HotField(1, "halo base z0"),
        new("z0_pc", "pc", 500, "base height z0 of the stratified halo, f(z0) ~ f(0)", Minimum: 0, Maximum: 1e5, Latex: "z_0"),
        new("z_max_kpc", "kpc", 20, "top z_max of the self-confinement domain (sets the cut-off)", Minimum: 0, Maximum: 1e3, Latex: @"z_{\max}"),
        new("lambda_1", "", 0.5, "v_A ~ (z/z0)^lambda_1", Minimum: 0, Maximum: 3, MinimumExclusive: false, Latex: @"\lambda_1"),
        new("lambda_2", "", 1, "S ~ (z/z0)^-lambda_2", Minimum: 0, Maximum: 5, Latex: @"\lambda_2"),
        new("turb_L_pc", "pc", 500, "outer scale L of the ambient Alfvenic turbulence at the base (eq. 22; KQ22: L = z0)", Minimum: 0, Maximum: 1e5, Latex: "L"),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } = NetworkSettings.ProtonOptions;

    /// <inheritdoc/>
    public override IReadOnlyList<Nucleus> Species { get; } = [Nucleus.Proton];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.6", "A.9", "B.13", "B.15", "B.18", "E.1", "E.7", "E.8", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        double z0Cm = input["z0_pc"] * PhysicalConstants.ParsecCm;
        double zMaxCm = input["z_max_kpc"] * PhysicalConstants.KiloparsecCm;
        if (!(zMaxCm > z0Cm)) return (null, $"z_max_kpc must exceed z0_pc (got z_max = {input["z_max_kpc"]} kpc, z0 = {input["z0_pc"]} pc)");
        var plasma = ModelSupport.Plasma(input, "hot");
        double s1 = LinearDamping.TurbulentSinkRateForProtons(1.0, input["turb_L_pc"] * PhysicalConstants.ParsecCm, plasma.FieldG);
        return (new Stratification(new DiskAndSource(input).Injection, plasma.AlfvenSpeed, s1, input["lambda_1"], input["lambda_2"], z0Cm, zMaxCm / z0Cm), null);
    }

    /// <summary>
    /// KQ22 eq. 18 in closed form: max over y = z/z₀ ∈ [1, y_max] of g(y) = (Q − S₀ y^−λ₂)/(v_A0 y^λ₁)
    /// (λ₁ ≥ 0, λ₂ &gt; 0: g has a single maximum at y* = [(λ₁+λ₂) S₀/(λ₁ Q)]^{1/λ₂}, or is increasing when
    /// λ₁ = 0). Returns (f, y) with f ≤ 0 when S ≥ Q on the whole domain (unconfined).
    /// </summary>
    public static (double Value, double Height) MaximumOverHeight(double injection, double sinkAtBase, double alfvenSpeedAtBase,
        double lambda1, double lambda2, double heightRatioMax)
    {
        double y;
        if (lambda1 > 0)
        {
            double logY = Math.Log((lambda1 + lambda2) * sinkAtBase / (lambda1 * injection)) / lambda2;
            y = Math.Exp(Math.Clamp(logY, 0.0, Math.Log(heightRatioMax)));
        }
        else
        {
            y = heightRatioMax;
        }
        double value = (injection - sinkAtBase * Math.Pow(y, -lambda2)) / (alfvenSpeedAtBase * Math.Pow(y, lambda1));
        return (value, y);
    }

    /// <summary>
    /// Protons only: G = f/Q with f the eq. 18 maximum (or Q/c when unconfined up to z_max, E.1), and KQ22's loss residence
    /// 1/v_A at the height that sets f (E.7; 1/c when unconfined). Gas only in the disk.
    /// </summary>
    private sealed class Stratification(Injection injection, double alfvenSpeedAtBase, double s1, double lambda1, double lambda2,
        double baseCm, double heightRatioMax) : DiskGasResidence
    {
        public override Residence At(double rigidityGV, double speedRatio, bool withColumns)
        {
            var (f, _, speed) = Solve(rigidityGV);
            double g = f / injection.Rate(rigidityGV);
            return Disk(g, 1 / speed);
        }

        public override void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components)
        {
            int n = rigiditiesGV.Length;
            var vEff = new double[n];
            var zStar = new double[n];
            for (int i = 0; i < n; i++)
            {
                var (f, y, _) = Solve(rigiditiesGV[i]);
                vEff[i] = injection.Rate(rigiditiesGV[i]) / f / PhysicalConstants.KmPerSInCmPerS;
                zStar[i] = y * baseCm / PhysicalConstants.KiloparsecCm;
            }
            double pStar = LinearDamping.CutoffMomentumGeV(injection.Normalisation, injection.Gamma, s1, SinkSlope);
            double cutoff = LinearDamping.CutoffMomentumGeV(injection.Normalisation * Math.Pow(heightRatioMax, lambda2), injection.Gamma, s1, SinkSlope);
            components["v_st_eff_km_s"] = vEff;
            components["z_star_kpc"] = zStar;
            components["pstar_GV"] = ModelSupport.Filled(n, double.IsFinite(pStar) ? pStar : 0.0);
            components["cutoff_GV"] = ModelSupport.Filled(n, double.IsFinite(cutoff) ? cutoff : 0.0);
        }

        /// <summary>f, the height ratio y that sets it, and the speed of the loss factor at proton momentum p = R.</summary>
        private (double F, double Height, double Speed) Solve(double momentumGeV)
        {
            double q = injection.Rate(momentumGeV);
            var (f, y) = MaximumOverHeight(q, s1 * Math.Pow(momentumGeV, -SinkSlope), alfvenSpeedAtBase, lambda1, lambda2, heightRatioMax);
            double c = PhysicalConstants.SpeedOfLightCmPerS;
            // Unconfined up to z_max (or streaming faster than light): escape at c.
            return f * c > q ? (f, y, alfvenSpeedAtBase * Math.Pow(y, lambda1)) : (q / c, heightRatioMax, c);
        }
    }
}
