using CrInference.Core;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>turbulence-everywhere</c> — extrinsic turbulence scatters CRs in the whole halo, no
/// self-confinement (KQ22 eq. 23, variant V5; Figure 6 green): κ_turb of the hot/halo plasma
/// (option <c>kappa</c>), f(H) = 0 at the halo half-height H, so
/// f_p(0) = Q H/κ (1 + (h/τ_loss) H/κ)⁻¹ (eq. 33's diffusive term; open choice E.4) and
/// B/C = (v_B/v_C)(h/τ_spall) H/κ_B, κ_B = κ v_B/v_p. Fiducial: the Figure 3 halo plasma
/// (n = 1e-3 cm⁻³, T = 2e6 K, B = 6 μG, ℳ_A = 1, L = 100 pc) and H = 5 kpc (Figure 6); the
/// power-law stand-in is flat, κ₀ = 1e29 cm² s⁻¹ (Figure 3's halo κ is nearly energy independent;
/// the value is illustrative). Components: <c>kappa_turb_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class TurbulenceEverywhereModel : IForwardModel
{
    /// <inheritdoc/>
    public string Name => "turbulence-everywhere";

    /// <inheritdoc/>
    public string Summary => "kappa_turb of the halo plasma everywhere, f(H) = 0 (eq. 23; Fig. 6 green)";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } = TurbulentDiffusionCatalog.AppendTo(
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HotDensity(1e-3, "halo"),
        StandardParameters.HotTemperature(2e6, "halo"),
        StandardParameters.HotField(6, "halo"),
        StandardParameters.HotMach(1),
        StandardParameters.HotOuterScale(100),
        StandardParameters.HaloHeight(5),
    ], new Dictionary<string, double> { [PowerLawDiffusion.NormalisationName] = 1e29 });

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } = [TurbulentDiffusionCatalog.Option(), StandardParameters.Losses];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "B.14", "B.15", "B.17", "E.4", "E.6");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);
        var r = rigiditiesGV.ToArray();
        var (kappa, kappaError) = ModelSupport.TurbulentKappa(input, "hot", r);
        if (kappa is null) return ModelResult.Fail(kappaError!);

        // Eq. 23 with f(H) = 0 is the warm-layer solution with z_W → H and no halo above it.
        var solution = LayeredSolution.Evaluate(new SourceAndDisk(input), null, double.PositiveInfinity,
            input["halo_H_kpc"] * PhysicalConstants.KiloparsecCm, kappa, r);
        string? bad = ModelSupport.CheckPositive("proton_flux", solution.Flux, r)
            ?? ModelSupport.CheckPositive("bc_ratio", solution.BoronToCarbon, r);
        if (bad is not null) return ModelResult.Fail(bad);
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["kappa_turb_cm2_s"] = kappa,
            ["loss_factor"] = solution.LossFactor,
        };
        return ModelResult.Success(new Prediction(r, solution.Flux, solution.BoronToCarbon, components));
    }
}
