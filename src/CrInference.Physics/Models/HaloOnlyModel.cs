using CrInference.Core;

namespace CrInference.Physics.Models;

/// <summary>
/// <c>halo-only</c> — the two-phase model without its warm layer (KQ22 variant V6b: Figure 5 dashed
/// B/C, Figure 6 blue dashed protons): the NLLD self-confined hot ISM/halo reaches the disk,
/// f_p(0) = (Q/v_A) r/(r + a)(1 + h/(v_A τ_loss))⁻¹ (eqs. 14, 16) and B/C from eq. 30 at z = 0.
/// Same physics as <c>nlld</c>, with the two-phase model's hot-ISM fiducials (§4.2) so that the
/// Figure 6 family shares one parameter set. Components: <c>nlld_a_kpc</c>, <c>loss_factor</c>.
/// </summary>
public sealed class HaloOnlyModel : IForwardModel
{
    /// <inheritdoc/>
    public string Name => "halo-only";

    /// <inheritdoc/>
    public string Summary => "two-phase model without the warm layer: NLLD self-confined halo only (V6b; eqs. 14, 16, 30)";

    /// <inheritdoc/>
    public IReadOnlyList<ModelParameter> Parameters { get; } =
    [
        .. StandardParameters.SourceAndDisk(),
        StandardParameters.HotDensity(3e-3),
        StandardParameters.HotTemperature(3e6),
        StandardParameters.HotField(1),
        StandardParameters.HaloRadius(10),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ModelOption> Options { get; } = [StandardParameters.Losses];

    /// <inheritdoc/>
    public Observables Provides => Observables.ProtonFlux | Observables.BoronToCarbon;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Conventions { get; } =
        OpenChoices.Select("A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.8", "A.9", "B.12", "B.13", "B.14", "B.15", "B.16", "B.17");

    /// <inheritdoc/>
    public ModelResult Predict(ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        string? invalid = ModelSupport.Validate(this, input, rigiditiesGV);
        if (invalid is not null) return ModelResult.Fail(invalid);
        var r = rigiditiesGV.ToArray();
        var solution = LayeredSolution.Evaluate(new SourceAndDisk(input), ModelSupport.Plasma(input, "hot"),
            input["halo_r_kpc"] * PhysicalConstants.KiloparsecCm, 0.0, ReadOnlySpan<double>.Empty, r);
        string? bad = ModelSupport.CheckPositive("proton_flux", solution.Flux, r)
            ?? ModelSupport.CheckPositive("bc_ratio", solution.BoronToCarbon, r);
        if (bad is not null) return ModelResult.Fail(bad);
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["nlld_a_kpc"] = solution.LengthKpc,
            ["loss_factor"] = solution.LossFactor,
        };
        return ModelResult.Success(new Prediction(r, solution.Flux, solution.BoronToCarbon, components));
    }
}
