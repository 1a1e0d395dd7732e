using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;

namespace CrInference.Physics.Models;

/// <summary>
/// A transport model of Kempski &amp; Quataert (2022): maps named plasma and source parameters
/// to the local interstellar flux of each cosmic-ray species at the rigidities a
/// <see cref="SpeciesRequest"/> names. It knows nothing of sampling or data. It never returns NaN:
/// <see cref="Predict"/> gives finite values or a <see cref="SpeciesResult"/> failure that says why.
/// The old observables (proton flux and B/C on one grid) are the convenience
/// <see cref="ObservablePrediction.Predict(IForwardModel, ModelInput, ReadOnlySpan{double})"/>.
/// </summary>
public interface IForwardModel
{
    /// <summary>Registry name, e.g. <c>two-phase</c>.</summary>
    string Name { get; }

    /// <summary>One line on what the model is and which equations it implements.</summary>
    string Summary { get; }

    /// <summary>Every numeric parameter with unit, fiducial value and documentation.</summary>
    IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>Non-numeric options (e.g. the κ_turb variant) with their allowed and default values.</summary>
    IReadOnlyList<ModelOption> Options { get; }

    /// <summary>The species whose interstellar fluxes the model predicts (<see cref="SpeciesRequest"/>).</summary>
    IReadOnlyList<Nucleus> Species { get; }

    /// <summary>What the model predicts, as the old observables (derived from <see cref="Species"/>).</summary>
    Observables Provides { get; }

    /// <summary>Every convention (open choice of the paper) the model uses, key → decision, for manifests.</summary>
    IReadOnlyDictionary<string, string> Conventions { get; }

    /// <summary>Predicts the interstellar flux per unit rigidity of every requested species at its rigidities
    /// (strictly positive, any order), plus the named components when the request asks for them.</summary>
    SpeciesResult Predict(ModelInput input, SpeciesRequest request);
}

/// <summary>Observables a model can predict (flags).</summary>
[Flags]
public enum Observables
{
    None = 0,
    /// <summary>Interstellar proton flux per unit rigidity, m⁻² sr⁻¹ s⁻¹ GV⁻¹.</summary>
    ProtonFlux = 1,
    /// <summary>Interstellar B/C flux ratio at equal rigidity.</summary>
    BoronToCarbon = 2,
}

/// <summary>A numeric model parameter. <paramref name="Name"/> carries the unit (snake_case,
/// e.g. <c>warm_n_cm3</c>); <paramref name="Minimum"/>/<paramref name="Maximum"/> bound the
/// physically meaningful values (open or closed as <paramref name="MinimumExclusive"/> says).</summary>
public sealed record ModelParameter(
    string Name,
    string Unit,
    double Fiducial,
    string Description,
    double Minimum = double.NegativeInfinity,
    double Maximum = double.PositiveInfinity,
    bool MinimumExclusive = true,
    string Latex = "")
{
    /// <summary>Null when <paramref name="value"/> is allowed, else a one-line reason.</summary>
    public string? Validate(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return $"{Name} must be finite (got {value})";
        bool belowMin = MinimumExclusive ? value <= Minimum : value < Minimum;
        if (belowMin) return $"{Name} must be {(MinimumExclusive ? ">" : ">=")} {Minimum} {Unit} (got {value})";
        if (value > Maximum) return $"{Name} must be <= {Maximum} {Unit} (got {value})";
        return null;
    }
}

/// <summary>A non-numeric model option (e.g. <c>kappa</c> = <c>fast-modes</c> | <c>power-law</c>).
/// <paramref name="PaperDefault"/> (null: same as <paramref name="Default"/>) is the default under the
/// preset <c>physics=kq22</c> (<see cref="NetworkSettings"/>).</summary>
public sealed record ModelOption(string Name, IReadOnlyList<string> Allowed, string Default, string Description, string? PaperDefault = null)
{
    /// <summary>The default under the preset <paramref name="physics"/> (<c>full</c> or <c>kq22</c>).</summary>
    public string DefaultUnder(string physics) =>
        PaperDefault is not null && string.Equals(physics, NetworkSettings.PaperPhysicsValue, StringComparison.Ordinal) ? PaperDefault : Default;
}

/// <summary>
/// Parameter values and options for one evaluation. Missing parameters take the model's
/// fiducial values (see <see cref="ForwardModelExtensions.Resolve"/>).
/// </summary>
public sealed class ModelInput
{
    private readonly Dictionary<string, double> _values;
    private readonly Dictionary<string, string> _options;

    public ModelInput(IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, string>? options = null)
    {
        _values = new Dictionary<string, double>(values, StringComparer.Ordinal);
        _options = options is null ? new(StringComparer.Ordinal) : new Dictionary<string, string>(options, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, double> Values => _values;
    public IReadOnlyDictionary<string, string> OptionValues => _options;

    /// <summary>The value of <paramref name="name"/>; throws if absent (resolve against the model first).</summary>
    public double this[string name] =>
        _values.TryGetValue(name, out double v) ? v : throw new KeyNotFoundException($"parameter '{name}' has no value");

    public string Option(string name) =>
        _options.TryGetValue(name, out string? v) ? v : throw new KeyNotFoundException($"option '{name}' has no value");
}

/// <summary>Predicted observables on a rigidity grid. Arrays have the grid's length; an
/// observable the model does not provide is null. <see cref="Components"/> holds named
/// contributions (e.g. <c>bc_warm</c>, <c>bc_halo</c>) for plots and diagnostics.</summary>
public sealed record Prediction(
    double[] RigidityGV,
    double[]? ProtonFlux,
    double[]? BoronToCarbon,
    IReadOnlyDictionary<string, double[]> Components);

/// <summary>Either a <see cref="Prediction"/> with finite values or a failure reason.</summary>
public readonly record struct ModelResult(Prediction? Prediction, string? Failure)
{
    public bool Succeeded => Prediction is not null;
    public static ModelResult Success(Prediction prediction) => new(prediction, null);
    public static ModelResult Fail(string reason) => new(null, reason);
}

/// <summary>Helpers over <see cref="IForwardModel"/>.</summary>
public static class ForwardModelExtensions
{
    // Parameter and option lookups per model (models are immutable; Resolve runs once per likelihood call).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IForwardModel,
        Tuple<Dictionary<string, ModelParameter>, Dictionary<string, ModelOption>>> LookupTable = new();

    private static (Dictionary<string, ModelParameter> Parameters, Dictionary<string, ModelOption> Options) Lookup(IForwardModel model) =>
        LookupTable.GetValue(model, m => Tuple.Create(
            m.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal),
            m.Options.ToDictionary(o => o.Name, StringComparer.Ordinal))).ToValueTuple();

    /// <summary>
    /// Completes <paramref name="overrides"/> with fiducial values and default options and
    /// validates them. Returns the input or a one-line error naming the parameter or option.
    /// Options not given take their default under the <c>physics</c> preset (an explicit option wins,
    /// <see cref="NetworkSettings"/>); combinations of network switches without meaning are errors.
    /// </summary>
    public static (ModelInput? Input, string? Error) Resolve(
        this IForwardModel model,
        IReadOnlyDictionary<string, double> overrides,
        IReadOnlyDictionary<string, string>? options = null)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var (known, knownOptions) = Lookup(model);
        foreach (var (name, value) in overrides)
        {
            if (!known.TryGetValue(name, out var parameter))
            {
                return (null, $"model '{model.Name}' has no parameter '{name}' (known: {string.Join(", ", known.Keys)})");
            }
            string? problem = parameter.Validate(value);
            if (problem is not null) return (null, problem);
            values[name] = value;
        }
        foreach (var p in model.Parameters) values.TryAdd(p.Name, p.Fiducial);

        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in options ?? new Dictionary<string, string>())
        {
            if (!knownOptions.TryGetValue(name, out var option))
            {
                return (null, $"model '{model.Name}' has no option '{name}' (known: {string.Join(", ", knownOptions.Keys)})");
            }
            if (!option.Allowed.Contains(value, StringComparer.Ordinal))
            {
                return (null, $"option {name} must be one of {string.Join(" | ", option.Allowed)} (got '{value}')");
            }
            chosen[name] = value;
        }
        string physics = chosen.TryGetValue(NetworkSettings.PhysicsOption, out string? preset) ? preset : NetworkSettings.FullPhysics;
        foreach (var o in model.Options) chosen.TryAdd(o.Name, o.DefaultUnder(physics));
        if (knownOptions.ContainsKey(NetworkSettings.PhysicsOption))
        {
            var (_, conflict) = NetworkSettings.Parse(chosen);
            if (conflict is not null) return (null, $"model '{model.Name}': {conflict}");
        }
        return (new ModelInput(values, chosen), null);
    }
}
