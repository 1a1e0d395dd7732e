using CrInference.Core;
using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.Modulation;

namespace CrInference.Posterior;

/// <summary>
/// The posterior of a transport model against measured spectra: binds the sampled parameters
/// (plus fixed values) to the model's named inputs and the force-field potentials, evaluates the
/// model once per call through the species interface and sums one Gaussian log-likelihood per dataset.
/// Each dataset's quantity comes from its <see cref="ObservablePlan"/> (open choices D.31 and A.3,
/// docs/CONVENTIONS.md): every isotope at its own interstellar rigidity, shifted by the force field of
/// the dataset's data-taking period; ratios at equal R for rigidity tables and at equal E_k/n for
/// E_k/n tables. A model failure gives −∞ and is counted in <see cref="Failures"/>; NaN never escapes.
/// </summary>
/// <remarks>
/// Potentials: with <c>solar_phi_GV</c> (free or fixed above 0) one φ serves every modulated dataset;
/// with the period potentials <c>phi_&lt;period&gt;_GV</c> (<see cref="ModulationPeriods"/>) each dataset
/// takes its own period's φ. A file may use one scheme or the other, not both. Interstellar data
/// (Voyager 1) have φ = 0. When neither is given every φ is 0 (KQ22's setting).
/// </remarks>
public sealed class TransportPosterior : IPosterior
{
    /// <summary>Name of the global solar-modulation nuisance parameter (force-field potential, GV).</summary>
    public const string SolarPhiParameter = "solar_phi_GV";

    /// <summary>Every likelihood nuisance parameter that is a force-field potential: the global one and one per period.</summary>
    public static IReadOnlyList<string> ModulationParameters { get; } =
        [SolarPhiParameter, .. ModulationPeriods.All.Select(p => p.ParameterName)];

    /// <summary>Whether <paramref name="name"/> is a force-field potential (not a model parameter).</summary>
    public static bool IsModulationParameter(string name) => ModulationParameters.Contains(name, StringComparer.Ordinal);

    private readonly IForwardModel _model;
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, double> _fixed;
    private readonly ObservedDataset[] _datasets;
    private readonly int[] _modelIndices;
    private readonly (int Index, double Fixed)[] _potentials;
    private readonly Nucleus[] _species;
    private readonly int[][] _termSpecies;
    private readonly int[][] _termPosition;
    private readonly int[] _speciesTermCount;

    public TransportPosterior(
        ParameterSpace space,
        IReadOnlyDictionary<string, double> fixedValues,
        IForwardModel model,
        IReadOnlyDictionary<string, string> options,
        IReadOnlyList<ObservedDataset> datasets)
    {
        Space = space;
        _model = model;
        _options = options;
        _fixed = fixedValues;
        _datasets = [.. datasets];
        var modelNames = model.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in space.Names.Concat(fixedValues.Keys))
        {
            if (!IsModulationParameter(name) && !modelNames.Contains(name))
            {
                throw new ArgumentException($"model '{model.Name}' has no parameter '{name}'");
            }
        }
        _modelIndices = Enumerable.Range(0, space.Dimension).Where(i => !IsModulationParameter(space.Parameters[i].Name)).ToArray();
        _potentials = PotentialSources(space, fixedValues, _datasets);
        foreach (var d in _datasets)
        {
            var missing = d.Plan.Species.FirstOrDefault(s => !model.Species.Contains(s));
            if (missing is not null)
            {
                throw new ArgumentException($"model '{model.Name}' does not predict {d.Source.Quantity} (dataset {d.Id} needs {missing.Name})");
            }
        }
        _species = [.. _datasets.SelectMany(d => d.Plan.Species).Distinct()];
        _speciesTermCount = new int[_species.Length];
        _termSpecies = new int[_datasets.Length][];
        _termPosition = new int[_datasets.Length][];
        for (int di = 0; di < _datasets.Length; di++)
        {
            var d = _datasets[di];
            int m = d.Plan.Species.Length;
            _termSpecies[di] = new int[d.TermCount];
            _termPosition[di] = new int[d.TermCount];
            for (int t = 0; t < d.TermCount; t++)
            {
                int s = Array.IndexOf(_species, d.Plan.Species[t % m]);
                _termSpecies[di][t] = s;
                _termPosition[di][t] = _speciesTermCount[s]++;
            }
        }
        DerivedNames = _datasets.Select(d => "log_likelihood__" + d.Id).ToArray();
    }

    public ParameterSpace Space { get; }

    public IReadOnlyList<string> DerivedNames { get; }

    public IForwardModel Model => _model;

    public IReadOnlyList<ObservedDataset> Datasets => _datasets;

    public IReadOnlyDictionary<string, double> FixedValues => _fixed;

    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>Why evaluations failed, with counts.</summary>
    public FailureCounter Failures { get; } = new();

    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        var prediction = PredictAtData(sampled, out string? failure);
        if (prediction is null)
        {
            Failures.Record(failure!);
            derived.Fill(double.NegativeInfinity);
            return double.NegativeInfinity;
        }
        double total = 0;
        for (int d = 0; d < _datasets.Length; d++)
        {
            double logL = _datasets[d].Likelihood.LogLikelihood(prediction[d]);
            derived[d] = logL;
            total += logL;
        }
        if (double.IsNaN(total))
        {
            Failures.Record("likelihood evaluated to NaN");
            derived.Fill(double.NegativeInfinity);
            return double.NegativeInfinity;
        }
        return total;
    }

    /// <summary>χ² of each dataset at <paramref name="sampled"/> (null when the model fails there).</summary>
    public double[]? ChiSquares(ReadOnlySpan<double> sampled)
    {
        var prediction = PredictAtData(sampled, out _);
        return prediction is null ? null : _datasets.Select((d, i) => d.Likelihood.ChiSquare(prediction[i])).ToArray();
    }

    /// <summary>The force-field potential (GV) of each dataset at <paramref name="sampled"/> (0 for interstellar data).</summary>
    public double[] PotentialsGV(ReadOnlySpan<double> sampled)
    {
        var phi = new double[_datasets.Length];
        for (int d = 0; d < phi.Length; d++)
        {
            var (index, fixedValue) = _potentials[d];
            phi[d] = index >= 0 ? Space.Parameters[index].Prior.FromSampled(sampled[index]) : fixedValue;
        }
        return phi;
    }

    /// <summary>
    /// The model's prediction at every kept data point (observer frame: modulated where the dataset
    /// is), one array per dataset; null with a reason when the model fails or predicts a non-finite value.
    /// </summary>
    public double[][]? PredictAtData(ReadOnlySpan<double> sampled, out string? failure) =>
        PredictAtData(sampled, modulated: true, out failure);

    /// <summary>As <see cref="PredictAtData(ReadOnlySpan{double}, out string?)"/>; with <paramref name="modulated"/>
    /// false every φ is 0 (the same quantities before solar modulation).</summary>
    public double[][]? PredictAtData(ReadOnlySpan<double> sampled, bool modulated, out string? failure)
    {
        var phi = PotentialsGV(sampled);
        for (int d = 0; d < phi.Length; d++)
        {
            if (!(phi[d] >= 0) || double.IsInfinity(phi[d]))
            {
                failure = $"force-field potential of {_datasets[d].Id} must be >= 0 (got {phi[d]})";
                return null;
            }
            if (!modulated) phi[d] = 0;
        }
        var (input, error) = _model.Resolve(ModelValues(sampled), _options);
        if (input is null)
        {
            failure = error;
            return null;
        }
        var (rigidity, weight, request) = Terms(phi);
        SpeciesResult result;
        try
        {
            result = _model.Predict(input, request);
        }
        catch (ArithmeticException e)
        {
            failure = $"model arithmetic error: {e.Message}";
            return null;
        }
        if (!result.Succeeded)
        {
            failure = result.Failure;
            return null;
        }
        return Observed(result.Prediction!, rigidity, weight, out failure);
    }

    private Dictionary<string, double> ModelValues(ReadOnlySpan<double> sampled)
    {
        var values = new Dictionary<string, double>(_fixed.Count + _modelIndices.Length, StringComparer.Ordinal);
        foreach (var (name, value) in _fixed)
        {
            if (!IsModulationParameter(name)) values[name] = value;
        }
        foreach (int i in _modelIndices)
        {
            var spec = Space.Parameters[i];
            values[spec.Name] = spec.Prior.FromSampled(sampled[i]);
        }
        return values;
    }

    /// <summary>Every dataset's plan terms (interstellar rigidity and weight per isotope slot) and the species request
    /// gathering the rigidities of each isotope over all datasets.</summary>
    private (double[][] Rigidity, double[][] Weight, SpeciesRequest Request) Terms(double[] phi)
    {
        var rigidity = new double[_datasets.Length][];
        var weight = new double[_datasets.Length][];
        var perSpecies = new double[_species.Length][];
        for (int s = 0; s < _species.Length; s++) perSpecies[s] = new double[_speciesTermCount[s]];
        for (int di = 0; di < _datasets.Length; di++)
        {
            var d = _datasets[di];
            rigidity[di] = new double[d.TermCount];
            weight[di] = new double[d.TermCount];
            d.FillTerms(phi[di], rigidity[di], weight[di]);
            for (int t = 0; t < d.TermCount; t++) perSpecies[_termSpecies[di][t]][_termPosition[di][t]] = rigidity[di][t];
        }
        var request = new SpeciesRequest();
        for (int s = 0; s < _species.Length; s++) request.Add(_species[s], perSpecies[s]);
        return (rigidity, weight, request);
    }

    /// <summary>The observed quantity of every dataset from the species fluxes; null with a reason on a non-finite value.</summary>
    private double[][]? Observed(SpeciesPrediction species, double[][] rigidity, double[][] weight, out string? failure)
    {
        var fluxes = _species.Select(species.Flux).ToArray();
        var perDataset = new double[_datasets.Length][];
        for (int di = 0; di < _datasets.Length; di++)
        {
            var d = _datasets[di];
            var flux = new double[d.TermCount];
            for (int t = 0; t < flux.Length; t++) flux[t] = fluxes[_termSpecies[di][t]][_termPosition[di][t]];
            var values = new double[d.Count];
            d.Combine(weight[di], flux, values);
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    failure = $"model predicted a non-finite {d.Source.Quantity} at {rigidity[di][i * d.Plan.Species.Length]:G4} GV";
                    return null;
                }
            }
            perDataset[di] = values;
        }
        failure = null;
        return perDataset;
    }

    /// <summary>Where each dataset's potential comes from: a sampled index, or a fixed value (remarks of the class).</summary>
    private static (int Index, double Fixed)[] PotentialSources(ParameterSpace space, IReadOnlyDictionary<string, double> fixedValues, ObservedDataset[] datasets)
    {
        bool Given(string name) => space.Contains(name) || fixedValues.GetValueOrDefault(name) != 0;
        (int, double) Source(string name) => space.Contains(name) ? (space.IndexOf(name), 0) : (-1, fixedValues.GetValueOrDefault(name));
        var periods = datasets.Where(d => d.IsModulated).Select(d => ModulationPeriods.ParameterName(d.Period)).ToHashSet(StringComparer.Ordinal);
        foreach (var prior in ModulationPeriods.All)
        {
            if (space.Contains(prior.ParameterName) && !periods.Contains(prior.ParameterName))
            {
                throw new ArgumentException($"parameter '{prior.ParameterName}' is the potential of data taken {prior.Period.First}…{prior.Period.Last}, but no dataset of the fit was taken then");
            }
        }
        bool byPeriod = periods.Any(Given);
        if (byPeriod && Given(SolarPhiParameter))
        {
            throw new ArgumentException($"give either '{SolarPhiParameter}' (one potential for every period) or the potentials of the data-taking periods ({string.Join(", ", periods.Order(StringComparer.Ordinal))}), not both");
        }
        return [.. datasets.Select(d => !d.IsModulated ? (-1, 0.0)
            : byPeriod ? Source(ModulationPeriods.ParameterName(d.Period))
            : Source(SolarPhiParameter))];
    }
}
