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
/// (plus fixed values) to the model's named inputs and the nuisance <c>solar_phi_GV</c>,
/// evaluates the model once per call through the species interface (protons at the proton and
/// Voyager points, ¹⁰B, ¹¹B and ¹²C at the B/C points, each shifted by force-field modulation
/// where it applies), and sums one Gaussian log-likelihood per dataset.
/// A model failure gives −∞ and is counted in <see cref="Failures"/>; NaN never escapes.
/// </summary>
public sealed class TransportPosterior : IPosterior
{
    /// <summary>Name of the solar-modulation nuisance parameter (force-field potential, GV).</summary>
    public const string SolarPhiParameter = "solar_phi_GV";

    private readonly IForwardModel _model;
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, double> _fixed;
    private readonly ObservedDataset[] _datasets;
    private readonly int _phiIndex;
    private readonly double _fixedPhi;
    private readonly int[] _modelIndices;
    private readonly int _gridLength;
    private readonly int _protonPoints;
    private readonly int _nucleusPoints;

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
            if (name != SolarPhiParameter && !modelNames.Contains(name))
            {
                throw new ArgumentException($"model '{model.Name}' has no parameter '{name}'");
            }
        }
        _phiIndex = space.Contains(SolarPhiParameter) ? space.IndexOf(SolarPhiParameter) : -1;
        _fixedPhi = fixedValues.TryGetValue(SolarPhiParameter, out double phi) ? phi : 0.0;
        _modelIndices = Enumerable.Range(0, space.Dimension).Where(i => space.Parameters[i].Name != SolarPhiParameter).ToArray();
        foreach (var d in _datasets)
        {
            var needed = d.Source.Quantity == DatasetQuantity.BoronToCarbon ? Observables.BoronToCarbon : Observables.ProtonFlux;
            if ((model.Provides & needed) == 0)
            {
                throw new ArgumentException($"model '{model.Name}' does not predict {d.Source.Quantity} (dataset {d.Id})");
            }
        }
        _gridLength = _datasets.Sum(d => d.Count);
        _nucleusPoints = _datasets.Where(d => d.Source.Quantity == DatasetQuantity.BoronToCarbon).Sum(d => d.Count);
        _protonPoints = _gridLength - _nucleusPoints;
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

    /// <summary>
    /// The model's prediction at every kept data point (observer frame: modulated where the dataset
    /// is), one array per dataset; null with a reason when the model fails or predicts a non-finite value.
    /// </summary>
    public double[][]? PredictAtData(ReadOnlySpan<double> sampled, out string? failure)
    {
        var values = new Dictionary<string, double>(_fixed.Count + _modelIndices.Length, StringComparer.Ordinal);
        foreach (var (name, value) in _fixed)
        {
            if (name != SolarPhiParameter) values[name] = value;
        }
        foreach (int i in _modelIndices)
        {
            var spec = Space.Parameters[i];
            values[spec.Name] = spec.Prior.FromSampled(sampled[i]);
        }
        double phi = _phiIndex >= 0 ? Space.Parameters[_phiIndex].Prior.FromSampled(sampled[_phiIndex]) : _fixedPhi;
        if (!(phi >= 0) || double.IsInfinity(phi))
        {
            failure = $"solar_phi_GV must be >= 0 (got {phi})";
            return null;
        }
        var (input, error) = _model.Resolve(values, _options);
        if (input is null)
        {
            failure = error;
            return null;
        }

        var points = InterstellarPoints(phi);
        SpeciesResult result;
        try
        {
            result = _model.Predict(input, points.Request());
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
        return Observed(result.Prediction!, points, out failure);
    }

    /// <summary>Where each kept point is evaluated: protons (and Voyager H) at their datasets' interstellar rigidities, ¹⁰B, ¹¹B
    /// and ¹²C at the B/C datasets' (each shifted by the force field where the dataset is modulated), and the TOA/LIS factors.</summary>
    private sealed record Points(double[] Protons, double[] Nuclei, double[] Factor)
    {
        public SpeciesRequest Request()
        {
            var request = new SpeciesRequest();
            if (Protons.Length > 0) request.Add(Nucleus.Proton, Protons);
            if (Nuclei.Length > 0)
            {
                foreach (var nucleus in ObservablePrediction.BoronAndCarbon) request.Add(nucleus, Nuclei);
            }
            return request;
        }
    }

    private static bool IsRatio(ObservedDataset d) => d.Source.Quantity == DatasetQuantity.BoronToCarbon;

    private Points InterstellarPoints(double phi)
    {
        var points = new Points(new double[_protonPoints], new double[_nucleusPoints], new double[_gridLength]);
        int offset = 0, protonOffset = 0, nucleusOffset = 0;
        foreach (var d in _datasets)
        {
            var target = IsRatio(d) ? points.Nuclei : points.Protons;
            int start = IsRatio(d) ? nucleusOffset : protonOffset;
            for (int i = 0; i < d.Count; i++)
            {
                (target[start + i], points.Factor[offset + i]) = d.IsModulated
                    ? ForceFieldModulation.Shift(d.RigidityGV[i], phi, d.Nucleus)
                    : (d.RigidityGV[i], 1.0);
            }
            if (IsRatio(d)) nucleusOffset += d.Count; else protonOffset += d.Count;
            offset += d.Count;
        }
        return points;
    }

    /// <summary>The observed quantity of every dataset from the species fluxes; null with a reason on a non-finite value.</summary>
    private double[][]? Observed(SpeciesPrediction species, Points points, out string? failure)
    {
        double[]? protons = _protonPoints > 0 ? species.Flux(Nucleus.Proton) : null;
        double[]? b10 = _nucleusPoints > 0 ? species.Flux(Nucleus.Boron10) : null;
        double[]? b11 = _nucleusPoints > 0 ? species.Flux(Nucleus.Boron11) : null;
        double[]? c12 = _nucleusPoints > 0 ? species.Flux(Nucleus.Carbon12) : null;
        var perDataset = new double[_datasets.Length][];
        int offset = 0, protonOffset = 0, nucleusOffset = 0;
        for (int di = 0; di < _datasets.Length; di++)
        {
            var d = _datasets[di];
            var values = new double[d.Count];
            for (int i = 0; i < d.Count; i++)
            {
                int p = protonOffset + i;
                int n = nucleusOffset + i;
                double v = d.Source.Quantity switch
                {
                    DatasetQuantity.ProtonFlux => protons![p] * points.Factor[offset + i],
                    // B/C from the species fluxes at equal rigidity, (J_10B + J_11B)/J_12C; B and C are shifted with 12C's
                    // A/Z, so the force-field factors cancel (D.31).
                    DatasetQuantity.BoronToCarbon => (b10![n] + b11![n]) / c12![n],
                    DatasetQuantity.HydrogenIntensity => MeasuredFlux.ProtonIntensityPerMeV(points.Protons[p], protons![p]),
                    _ => double.NaN,
                };
                if (!double.IsFinite(v))
                {
                    failure = $"model predicted a non-finite {d.Source.Quantity} at {(IsRatio(d) ? points.Nuclei[n] : points.Protons[p]):G4} GV";
                    return null;
                }
                values[i] = v;
            }
            perDataset[di] = values;
            offset += d.Count;
            if (IsRatio(d)) nucleusOffset += d.Count; else protonOffset += d.Count;
        }
        failure = null;
        return perDataset;
    }
}
