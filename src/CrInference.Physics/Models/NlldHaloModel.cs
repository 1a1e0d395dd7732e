using CrInference.Core;

namespace CrInference.Physics.Models;

/// <summary>
/// The NLLD self-confined hot ISM/halo reaching the disk (KQ22 §2.1.2, eqs. 10–16; B/C from eq. 30 at z = 0):
/// f_p(0) = (Q/v_A) r/(r + a) (1 + h/(v_A τ_loss))⁻¹ (eq. 16) with a = X²/(Q v_A) and X of eq. 11 (open choice
/// B.12: v_p is the actual proton speed at R); B/C = (v_B/v_C)(h/(v_A τ_spall))[1 − (a/(r + a))^s], s = v_p/v_B.
/// Asymptotes: f → Q/v_A for a ≪ r; f → r Q²/X² ∝ p^{−2γ_inj+3} for a ≫ r. Fiducial plasma: the KQ22 §4.2 hot ISM
/// (n = 3e-3 cm⁻³, T = 3e6 K, B = 1 μG), r = 10 kpc. Components: <c>nlld_a_kpc</c> (a), <c>loss_factor</c>.
/// Named by <see cref="NlldModel"/> (<c>nlld</c>) and <see cref="HaloOnlyModel"/> (<c>halo-only</c>).
/// </summary>
public abstract class NlldHaloModel : IForwardModel
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Summary { get; }

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
