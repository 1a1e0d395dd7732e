using CrInference.Core;
using CrInference.Physics.Network;
using CrInference.Physics.Numerics;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>phenomenological</c> — the undamped-turbulence baseline KQ22 contrast with (§1, §4.2, Figure 3
/// reference lines), with the two diffusion breaks of the AMS-02 B/C analyses (a high-rigidity break near a few hundred
/// GV and a low-rigidity break or upturn at GV rigidities near the B/C peak: Génolini et al. 2019, PRD 99, 123028;
/// Weinrich et al. 2020, A&amp;A 639, A131 — their exact parametrisation was not available, so both breaks use our own
/// smoothly broken power-law form, docs/CONVENTIONS.md E.12):
/// κ = κ₀ β (R/R₀)^δ [1 + (R/R_b)^{1/s}]^{sΔδ} [1 + (R_l/R)^{1/s_l}]^{s_l Δδ_l}
/// (below R_l the slope is δ − Δδ_l; option <c>kappa_low_break=off</c> drops the last factor: the one-break form of
/// earlier versions), plus Alfvénic streaming at v_A in a slab of half-height H with f(H) = 0. The flux balance v_A f − κ f′ = Q − f(0) h/τ_loss gives
/// f(0) = Q G/(1 + G h/τ_loss), G = (1 − e^{−v_A H/κ})/v_A (→ H/κ as v_A → 0, → 1/v_A as κ → 0);
/// boron the same with κ_B = κ v_B/v_p and source f_C h/τ_spall, no boron losses:
/// B/C = (v_B/v_C)(h/τ_spall) G_B (open choice E.5). Source and disk parameters are the ones of
/// every other model, so evidence compares it with <c>two-phase</c> on equal footing. Fiducials are
/// illustrative (not from KQ22): H = 5 kpc, κ₀ = 1e29 cm² s⁻¹ at R₀ = 10 GV, δ = 0.5, v_A = 10 km/s,
/// no breaks (Δδ = Δδ_l = 0; R_b = 300 GV, R_l = 4 GV, near the B/C peak of Génolini et al. 2019). Gas only in the disk.
/// Components: <c>kappa_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class PhenomenologicalModel : NetworkModel
{
    /// <inheritdoc/>
    public override string Name => "phenomenological";

    /// <inheritdoc/>
    public override string Summary => "undamped-turbulence baseline: kappa0 beta (R/R0)^delta (optional break) + Alfvenic streaming, slab f(H) = 0";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceDiskAndNetwork(),
        StandardParameters.HaloHeight(5),
        new("v_A_km_s", "km s^-1", 10, "Alfvenic streaming speed in the slab (0 = pure diffusion)", Minimum: 0, Maximum: 1e4, MinimumExclusive: false, Latex: "v_A"),
        .. PowerLawDiffusion.ParametersWithFiducials(1e29, 0.5, 10),
        new("kappa_break_GV", "GV", 300, "break rigidity R_b of kappa", Minimum: 0, Maximum: 1e7, Latex: "R_b"),
        new("kappa_break_ddelta", "", 0, "slope change Delta delta of kappa above R_b (0 = no break)", Minimum: -2, Maximum: 2, MinimumExclusive: false, Latex: @"\Delta\delta"),
        new("kappa_break_smooth", "", 0.1, "smoothness s of the break (in ln R)", Minimum: 0, Maximum: 10, Latex: "s"),
        new(LowBreakRigidityName, "GV", 4, "low-rigidity break R_l of kappa", Minimum: 0, Maximum: 1e4, Latex: "R_l"),
        new(LowBreakSlopeName, "", 0, "slope change Delta delta_l of kappa below R_l: kappa ~ R^(delta - Delta delta_l) there (0 = no break)", Minimum: -3, Maximum: 3, MinimumExclusive: false, Latex: @"\Delta\delta_l"),
        new(LowBreakSmoothnessName, "", 0.1, "smoothness s_l of the low-rigidity break (in ln R)", Minimum: 0, Maximum: 10, Latex: "s_l"),
    ];

    /// <summary>Parameter names of the low-rigidity break.</summary>
    public const string LowBreakRigidityName = "kappa_low_break_GV", LowBreakSlopeName = "kappa_low_break_ddelta", LowBreakSmoothnessName = "kappa_low_break_smooth";

    /// <summary>Option that keeps (<c>on</c>, default) or drops (<c>off</c>) the low-rigidity break.</summary>
    public const string LowBreakOption = "kappa_low_break";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelOption> Options { get; } =
    [
        new(LowBreakOption, ["on", "off"], "on", "on: kappa with the low-rigidity break [1 + (R_l/R)^(1/s_l)]^(s_l Delta delta_l); off: the one-break form", PaperDefault: "off"),
        .. NetworkSettings.AllOptions,
    ];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "B.14", "B.15", "B.17", "E.5", "E.8", "E.9", "E.10", "E.11");

    /// <inheritdoc/>
    protected internal override (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input)
    {
        var diffusion = new PowerLawDiffusion(input[PowerLawDiffusion.NormalisationName], input[PowerLawDiffusion.ReferenceRigidityName],
            input[PowerLawDiffusion.SlopeName], betaFactor: true, input["kappa_break_GV"], input["kappa_break_ddelta"], input["kappa_break_smooth"]);
        var lowBreak = input.Option(LowBreakOption) == "on"
            ? new LowBreak(input[LowBreakRigidityName], input[LowBreakSlopeName], input[LowBreakSmoothnessName])
            : LowBreak.None;
        return (new Slab(diffusion, lowBreak, input["v_A_km_s"] * PhysicalConstants.KmPerSInCmPerS, input["halo_H_kpc"] * PhysicalConstants.KiloparsecCm), null);
    }

    /// <summary>
    /// G = f(0)/Q of the slab v_A f − κ f′ = Q, f(H) = 0: G = (1 − e^{−x})/v_A = (H/κ)(1 − e^{−x})/x with
    /// x = v_A H/κ (s cm⁻¹); exact limits H/κ (v_A → 0) and 1/v_A (κ → 0).
    /// </summary>
    public static double SlabResidence(double alfvenSpeedCmPerS, double heightCm, double kappaCm2PerS)
    {
        double diffusive = heightCm / kappaCm2PerS;
        double x = alfvenSpeedCmPerS * diffusive;
        if (x < 1e-12) return diffusive * (1 - 0.5 * x);
        return -StableMath.ExpM1(-x) / alfvenSpeedCmPerS;
    }

    /// <summary>The slab's residence: G_i = SlabResidence(v_A, H, κ_i), κ_i = b κ_p; gas only in the disk (the thin-disk picture of
    /// USINE/GALPROP-style diffusion models, E.5); KQ22's loss factor uses the same G.</summary>
    private sealed class Slab(PowerLawDiffusion diffusion, LowBreak lowBreak, double alfvenSpeedCmPerS, double heightCm) : DiskGasResidence
    {
        public override string? Prepare(double[] nodesGV, bool[] derivedNodes) => ModelSupport.CheckPositive("kappa", nodesGV.Select(Kappa).ToArray(), nodesGV);

        public override Residence At(double rigidityGV, double speedRatio, bool withColumns)
        {
            double g = SlabResidence(alfvenSpeedCmPerS, heightCm, Kappa(rigidityGV) * speedRatio);
            return Disk(g, g);
        }

        public override void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components) =>
            components["kappa_cm2_s"] = rigiditiesGV.Select(Kappa).ToArray();

        private double Kappa(double rigidityGV) => diffusion.At(rigidityGV) * lowBreak.Factor(rigidityGV);
    }

    /// <summary>The low-rigidity break factor [1 + (R_l/R)^{1/s_l}]^{s_l Δδ_l}, evaluated as exp(s_l Δδ_l ln(1 + e^{ln(R_l/R)/s_l})) so
    /// that it never overflows; exactly 1 when Δδ_l = 0 (E.12).</summary>
    private readonly record struct LowBreak(double RigidityGV, double SlopeChange, double Smoothness)
    {
        public static LowBreak None => new(1, 0, 1);

        public double Factor(double rigidityGV) => SlopeChange == 0
            ? 1.0
            : Math.Exp(Smoothness * SlopeChange * StableMath.LogOnePlusExp(Math.Log(RigidityGV / rigidityGV) / Smoothness));
    }
}
