using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Models;

/// <summary>
/// What a caller wants from <see cref="IForwardModel.Predict"/>: for each species (a <see cref="Nucleus"/>:
/// <c>p</c>, <c>10B</c>, <c>11B</c>, <c>12C</c>, <c>14N</c>, <c>16O</c>) the interstellar rigidities (GV, any
/// order, repeats allowed) at which its flux is wanted, and optionally a rigidity grid for the model's
/// named components (plots, diagnostics).
/// </summary>
public sealed class SpeciesRequest
{
    private readonly Dictionary<Nucleus, double[]> _rigidities = [];

    /// <summary>The requested rigidities of each species, in insertion order of the species.</summary>
    public IReadOnlyDictionary<Nucleus, double[]> Rigidities => _rigidities;

    /// <summary>The grid (GV) of the named components; empty when no components are wanted.</summary>
    public double[] ComponentRigiditiesGV { get; private set; } = [];

    /// <summary>Asks for <paramref name="species"/> at <paramref name="rigiditiesGV"/> (copied); a species may be added once.</summary>
    public SpeciesRequest Add(Nucleus species, ReadOnlySpan<double> rigiditiesGV)
    {
        ArgumentNullException.ThrowIfNull(species);
        if (!_rigidities.TryAdd(species, rigiditiesGV.ToArray()))
        {
            throw new ArgumentException($"species {species.Name} is already in the request", nameof(species));
        }
        return this;
    }

    /// <summary>Asks for the named components at <paramref name="rigiditiesGV"/> (copied).</summary>
    public SpeciesRequest WithComponents(ReadOnlySpan<double> rigiditiesGV)
    {
        ComponentRigiditiesGV = rigiditiesGV.ToArray();
        return this;
    }

    /// <summary>The rigidities requested for <paramref name="species"/>, or null.</summary>
    public double[]? For(Nucleus species) => _rigidities.TryGetValue(species, out var r) ? r : null;
}

/// <summary>
/// The interstellar fluxes per unit rigidity J_i(R), m⁻² sr⁻¹ s⁻¹ GV⁻¹, of every requested species at its
/// requested rigidities (same order), and named components on <see cref="ComponentRigiditiesGV"/>. Proton
/// fluxes are absolute (open choice A.1); the nuclei share one arbitrary normalisation (¹²C injected with the
/// protons' rigidity spectrum and unit abundance, docs/CONVENTIONS.md E.8), so only ratios of nuclei are physical.
/// Every value is finite and ≥ 0 (¹⁰B is 0 in the <c>physics=kq22</c> setting, which counts all boron as ¹¹B).
/// </summary>
public sealed class SpeciesPrediction
{
    public SpeciesPrediction(IReadOnlyDictionary<Nucleus, double[]> fluxPerGV, double[] componentRigiditiesGV,
        IReadOnlyDictionary<string, double[]> components)
    {
        FluxPerGV = fluxPerGV;
        ComponentRigiditiesGV = componentRigiditiesGV;
        Components = components;
    }

    /// <summary>J_i(R) of each requested species, m⁻² sr⁻¹ s⁻¹ GV⁻¹.</summary>
    public IReadOnlyDictionary<Nucleus, double[]> FluxPerGV { get; }

    /// <summary>The grid of <see cref="Components"/> (GV).</summary>
    public double[] ComponentRigiditiesGV { get; }

    /// <summary>Named components on <see cref="ComponentRigiditiesGV"/> (e.g. <c>kappa_turb_cm2_s</c>, <c>bc_warm</c>).</summary>
    public IReadOnlyDictionary<string, double[]> Components { get; }

    /// <summary>J of <paramref name="species"/> (throws when it was not requested: a programming error).</summary>
    public double[] Flux(Nucleus species) =>
        FluxPerGV.TryGetValue(species, out var j) ? j : throw new KeyNotFoundException($"species {species.Name} was not requested");
}

/// <summary>Either a <see cref="SpeciesPrediction"/> or a one-line failure reason.</summary>
public readonly record struct SpeciesResult(SpeciesPrediction? Prediction, string? Failure)
{
    public bool Succeeded => Prediction is not null;
    public static SpeciesResult Success(SpeciesPrediction prediction) => new(prediction, null);
    public static SpeciesResult Fail(string reason) => new(null, reason);
}

/// <summary>
/// The observables of the paper (and of <c>predict</c>, <c>spectra</c>, <c>figures</c>) from the species
/// interface: the interstellar proton flux and B/C at equal rigidity, B/C(R) = (J_¹⁰B(R) + J_¹¹B(R))/J_¹²C(R)
/// (total boron over ¹²C, docs/CONVENTIONS.md A.2).
/// </summary>
public static class ObservablePrediction
{
    /// <summary>The species whose fluxes make B/C.</summary>
    public static IReadOnlyList<Nucleus> BoronAndCarbon { get; } = [Nucleus.Boron10, Nucleus.Boron11, Nucleus.Carbon12];

    /// <summary>The old observables of <paramref name="species"/>: proton flux if protons are there, B/C if ¹⁰B, ¹¹B and ¹²C are.</summary>
    public static Observables Of(IReadOnlyList<Nucleus> species)
    {
        var provides = Observables.None;
        if (species.Contains(Nucleus.Proton)) provides |= Observables.ProtonFlux;
        if (BoronAndCarbon.All(species.Contains)) provides |= Observables.BoronToCarbon;
        return provides;
    }

    /// <summary>
    /// The interstellar proton flux and B/C of <paramref name="model"/> at <paramref name="rigiditiesGV"/>, with the
    /// model's components on the same grid (observables the model does not provide are null).
    /// </summary>
    public static ModelResult Predict(this IForwardModel model, ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        var provides = model.Provides;
        var request = new SpeciesRequest().WithComponents(rigiditiesGV);
        if ((provides & Observables.ProtonFlux) != 0) request.Add(Nucleus.Proton, rigiditiesGV);
        if ((provides & Observables.BoronToCarbon) != 0)
        {
            foreach (var nucleus in BoronAndCarbon) request.Add(nucleus, rigiditiesGV);
        }
        var result = model.Predict(input, request);
        if (!result.Succeeded) return ModelResult.Fail(result.Failure!);
        var species = result.Prediction!;
        var grid = rigiditiesGV.ToArray();
        double[]? ratio = null;
        if ((provides & Observables.BoronToCarbon) != 0)
        {
            var b10 = species.Flux(Nucleus.Boron10);
            var b11 = species.Flux(Nucleus.Boron11);
            var c12 = species.Flux(Nucleus.Carbon12);
            ratio = new double[grid.Length];
            for (int i = 0; i < grid.Length; i++)
            {
                ratio[i] = (b10[i] + b11[i]) / c12[i];
                if (!(ratio[i] > 0) || double.IsInfinity(ratio[i]))
                {
                    return ModelResult.Fail($"bc_ratio is not a finite positive number at R = {grid[i]} GV (got {ratio[i]})");
                }
            }
        }
        double[]? protons = (provides & Observables.ProtonFlux) != 0 ? species.Flux(Nucleus.Proton) : null;
        return ModelResult.Success(new Prediction(grid, protons, ratio, species.Components));
    }
}
