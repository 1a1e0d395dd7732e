using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;

namespace CrInference.Physics.Models;

/// <summary>
/// A model that states its transport as a residence function (<see cref="IResidenceModel"/>) and leaves the species to
/// the shared solution (<see cref="SpeciesNetwork"/>): every model of the catalogue. A subclass states its name,
/// parameters, options, conventions, species and <see cref="CreateResidence"/> — nothing else.
/// </summary>
public abstract class NetworkModel : IForwardModel
{
    /// <summary>Every species of the boron network: protons, the parents ¹²C, ¹⁴N, ¹⁶O and the secondaries ¹⁰B, ¹¹B.</summary>
    public static IReadOnlyList<Nucleus> NetworkSpecies { get; } =
        [Nucleus.Proton, Nucleus.Boron10, Nucleus.Boron11, Nucleus.Carbon12, Nucleus.Nitrogen14, Nucleus.Oxygen16];

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Summary { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<ModelParameter> Parameters { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<ModelOption> Options { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyDictionary<string, string> Conventions { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<Nucleus> Species => NetworkSpecies;

    /// <inheritdoc/>
    public Observables Provides => ObservablePrediction.Of(Species);

    /// <inheritdoc/>
    public SpeciesResult Predict(ModelInput input, SpeciesRequest request)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        string? invalid = ModelSupport.Validate(this, input, request);
        if (invalid is not null) return SpeciesResult.Fail(invalid);
        var (residence, error) = CreateResidence(input);
        return residence is null ? SpeciesResult.Fail(error!) : SpeciesNetwork.Solve(this, input, residence, request);
    }

    /// <summary>The model's residence at the (validated) parameter point, or a one-line reason it cannot exist there.</summary>
    protected internal abstract (IResidenceModel? Residence, string? Error) CreateResidence(ModelInput input);
}
