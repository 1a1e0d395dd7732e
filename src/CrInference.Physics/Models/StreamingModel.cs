using CrInference.Core;
using CrInference.Physics.Measurement;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>streaming</c> — pure Alfvénic streaming at constant v_A (KQ22 eq. 2, footnote 2; variant V1):
/// v_eff f = Q with v_eff = v_A (option <c>flux_constant=approx</c>, KQ22's ≈Q) or
/// v_eff = α v_A/3, α = γ_inj (<c>exact</c>: f = 3Q/(α v_A)); disk losses as eq. 9 with S = 0,
/// f(0) = (Q/v_eff)(1 + h/(v_eff τ_loss))⁻¹; boron streams the same way with source f_C h/τ_spall,
/// so B/C = (v_B/v_C)(h/τ_spall)/v_eff — the low-rigidity plateau h/(v_A τ_spall) of KQ22 Fig. 5.
/// Fiducial plasma: KQ22 §4.2 hot ISM (n = 3e-3 cm⁻³, B = 1 μG, v_A ≈ 40 km/s).
/// </summary>
public sealed class StreamingModel : IForwardModel
{
    /// <summary>Option selecting the conserved-flux constant of eq. 2 (open choice B.13).</summary>
    public const string FluxConstantOption = "flux_constant";

    /// <inheritdoc/>
    public string Name => "streaming";

    /// <inheritdoc/>
    public string Summary => "pure Alfvenic streaming at v_A (eq. 2, fn. 2) with eq. 9 disk losses; B/C = h/(v_A tau_spall)";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HotDensity(3e-3, "streaming region"),
        StandardParameters.HotField(1, "streaming region"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } =
    [
        new(FluxConstantOption, ["approx", "exact"], "approx", "approx: f = Q/v_A (KQ22 eq. 2); exact: f = 3Q/(alpha v_A), alpha = gamma_inj (footnote 2)"),
        StandardParameters.Losses,
    ];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "B.13", "B.15");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);

        var source = new SourceAndDisk(input);
        double vA = ModelSupport.Plasma(input, "hot").AlfvenSpeed;
        double vEff = input.Option(FluxConstantOption) == "exact" ? source.Injection.Gamma * vA / 3 : vA;

        int n = rigiditiesGV.Length;
        var r = rigiditiesGV.ToArray();
        var flux = new double[n];
        var bc = new double[n];
        var lossFactor = new double[n];
        for (int i = 0; i < n; i++)
        {
            double q = source.InjectionAt(r[i]);
            double loss = 1.0 / (1.0 + source.LossSpeed(r[i]) / vEff);
            lossFactor[i] = loss;
            flux[i] = MeasuredFlux.ProtonFluxPerRigidity(r[i], q / vEff * loss);
            bc[i] = MeasuredFlux.BoronToCarbonFluxRatio(r[i], source.BoronSourceSpeed(r[i]) / vEff);
        }
        string? bad = ModelSupport.CheckPositive("proton_flux", flux, r) ?? ModelSupport.CheckPositive("bc_ratio", bc, r);
        if (bad is not null) return ModelResult.Fail(bad);
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["v_st_eff_km_s"] = ModelSupport.Filled(n, vEff / PhysicalConstants.KmPerSInCmPerS),
            ["loss_factor"] = lossFactor,
        };
        return ModelResult.Success(new Prediction(r, flux, bc, components));
    }
}
