using CrInference.Core;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>warm-only</c> — the warm-ISM contribution alone (KQ22 variant V6c, first term of eq. 31;
/// Figure 5 dotted): diffusion with κ_turb in 0 &lt; z &lt; z_W and f(z_W) = 0, so
/// f_p(0) = Q z_W/κ (1 + (h/τ_loss) z_W/κ)⁻¹ (open choice E.3) and
/// B/C = (v_B/v_C)(h/τ_spall) z_W/κ_B, κ_B = κ v_B/v_p. κ_turb from option <c>kappa</c> with the
/// warm-ISM turbulence of §4.2. Components: <c>kappa_turb_cm2_s</c>, <c>loss_factor</c>.
/// </summary>
public sealed class WarmOnlyModel : IForwardModel
{
    /// <inheritdoc/>
    public string Name => "warm-only";

    /// <inheritdoc/>
    public string Summary => "warm-ISM diffusion term of eq. 31 alone (f(z_W) = 0; V6c)";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } = TurbulentDiffusionCatalog.AppendTo(
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.WarmDensity(),
        StandardParameters.WarmTemperature(),
        StandardParameters.WarmField(),
        StandardParameters.WarmMach(),
        StandardParameters.WarmOuterScale(),
        StandardParameters.WarmHeight(),
    ]);

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } = [TurbulentDiffusionCatalog.Option(), StandardParameters.Losses];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "B.15", "B.17", "E.3", "E.6");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);
        var r = rigiditiesGV.ToArray();
        var (kappa, kappaError) = ModelSupport.TurbulentKappa(input, "warm", r);
        if (kappa is null) return ModelResult.Fail(kappaError!);

        var solution = LayeredSolution.Evaluate(new SourceAndDisk(input), null, double.PositiveInfinity,
            input["z_w_kpc"] * PhysicalConstants.KiloparsecCm, kappa, r);
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
