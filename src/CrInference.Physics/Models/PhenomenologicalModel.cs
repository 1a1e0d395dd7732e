using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Numerics;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>phenomenological</c> — the undamped-turbulence baseline KQ22 contrast with (§1, §4.2, Figure 3
/// reference lines): κ = κ₀ β (R/R₀)^δ [1 + (R/R_b)^{1/s}]^{sΔδ} plus Alfvénic streaming at v_A in a
/// slab of half-height H with f(H) = 0. The flux balance v_A f − κ f′ = Q − f(0) h/τ_loss gives
/// f(0) = Q G/(1 + G h/τ_loss), G = (1 − e^{−v_A H/κ})/v_A (→ H/κ as v_A → 0, → 1/v_A as κ → 0);
/// boron the same with κ_B = κ v_B/v_p and source f_C h/τ_spall, no boron losses:
/// B/C = (v_B/v_C)(h/τ_spall) G_B (open choice E.5). Source and disk parameters are the ones of
/// every other model, so evidence compares it with <c>two-phase</c> on equal footing. Fiducials are
/// illustrative (not from KQ22): H = 5 kpc, κ₀ = 1e29 cm² s⁻¹ at R₀ = 10 GV, δ = 0.5, v_A = 10 km/s,
/// no break (Δδ = 0). Components: <c>kappa_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class PhenomenologicalModel : IForwardModel
{
    /// <inheritdoc/>
    public string Name => "phenomenological";

    /// <inheritdoc/>
    public string Summary => "undamped-turbulence baseline: kappa0 beta (R/R0)^delta (optional break) + Alfvenic streaming, slab f(H) = 0";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HaloHeight(5),
        new("v_A_km_s", "km s^-1", 10, "Alfvenic streaming speed in the slab (0 = pure diffusion)", Minimum: 0, Maximum: 1e4, MinimumExclusive: false, Latex: "v_A"),
        .. PowerLawDiffusion.ParametersWithFiducials(1e29, 0.5, 10),
        new("kappa_break_GV", "GV", 300, "break rigidity R_b of kappa", Minimum: 0, Maximum: 1e7, Latex: "R_b"),
        new("kappa_break_ddelta", "", 0, "slope change Delta delta of kappa above R_b (0 = no break)", Minimum: -2, Maximum: 2, MinimumExclusive: false, Latex: @"\Delta\delta"),
        new("kappa_break_smooth", "", 0.1, "smoothness s of the break (in ln R)", Minimum: 0, Maximum: 10, Latex: "s"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } = [StandardParameters.Losses];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "B.14", "B.15", "B.17", "E.5");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);
        var source = new SourceAndDisk(input);
        double heightCm = input["halo_H_kpc"] * PhysicalConstants.KiloparsecCm;
        double vA = input["v_A_km_s"] * PhysicalConstants.KmPerSInCmPerS;
        var diffusion = new PowerLawDiffusion(input[PowerLawDiffusion.NormalisationName], input[PowerLawDiffusion.ReferenceRigidityName],
            input[PowerLawDiffusion.SlopeName], betaFactor: true, input["kappa_break_GV"], input["kappa_break_ddelta"], input["kappa_break_smooth"]);

        int n = rigiditiesGV.Length;
        var r = rigiditiesGV.ToArray();
        var flux = new double[n];
        var bc = new double[n];
        var kappa = new double[n];
        var lossFactor = new double[n];
        for (int i = 0; i < n; i++)
        {
            double rig = r[i];
            double k = diffusion.At(rig);
            kappa[i] = k;
            double betaP = Kinematic.BetaAtRigidity(rig, Nucleus.Proton);
            double betaB = Kinematic.BetaAtRigidity(rig, MeasuredFlux.Boron);
            double residence = SlabResidence(vA, heightCm, k);
            double lossSpeed = source.LossSpeed(rig);
            double loss = 1.0 / (1.0 + residence * lossSpeed);
            lossFactor[i] = loss;
            flux[i] = MeasuredFlux.ProtonFluxPerRigidity(rig, source.InjectionAt(rig) * residence * loss);
            double boronResidence = SlabResidence(vA, heightCm, k * betaB / betaP);
            bc[i] = MeasuredFlux.BoronToCarbonFluxRatio(rig, source.BoronSourceSpeed(rig) * boronResidence);
        }
        string? bad = ModelSupport.CheckPositive("kappa", kappa, r)
            ?? ModelSupport.CheckPositive("proton_flux", flux, r)
            ?? ModelSupport.CheckPositive("bc_ratio", bc, r);
        if (bad is not null) return ModelResult.Fail(bad);
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["kappa_cm2_s"] = kappa,
            ["loss_factor"] = lossFactor,
        };
        return ModelResult.Success(new Prediction(r, flux, bc, components));
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
}
