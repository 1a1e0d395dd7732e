using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Core;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Figures;

/// <summary>A model's prediction at the kept points of one dataset and its χ².</summary>
/// <param name="Dataset">The dataset with its cut and error model.</param>
/// <param name="Predicted">What the likelihood compares with the data (observer frame, modulated where the dataset is).</param>
/// <param name="ChiSquare">χ² of <paramref name="Predicted"/>.</param>
/// <param name="Interstellar">The same quantity before solar modulation (φ = 0); null when not computed.</param>
/// <param name="PhiGV">The dataset's force-field potential; null for interstellar data.</param>
public sealed record DataComparison(ObservedDataset Dataset, double[] Predicted, double ChiSquare, double[]? Interstellar = null, double? PhiGV = null);

/// <summary>
/// One model at one parameter point (<c>crinf predict</c>): the spectra on a rigidity grid, χ² against every
/// dataset the model predicts (default cuts, the given force-field potentials, independent errors), written as
/// <c>spectra.csv</c> (interstellar), <c>datasets.csv</c> (one row per kept data point), <c>manifest.json</c> and
/// <c>spectra.png</c> into a folder, all or nothing (<see cref="StagedOutput"/>).
/// </summary>
public static class PointPrediction
{
    /// <summary>Writes the three files of <paramref name="prediction"/> into <paramref name="outputDirectory"/>; returns the χ² per dataset.</summary>
    public static IReadOnlyList<DataComparison> Write(string outputDirectory, IForwardModel model, ModelInput input, double[] grid, Prediction prediction,
        IReadOnlyDictionary<string, double>? potentials = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prediction);
        var comparisons = CompareWithData(model, input, potentials);
        using var staged = new StagedOutput(outputDirectory);
        WriteCsv(staged.PathOf("spectra.csv"), prediction);
        WriteDatasetsCsv(staged.PathOf("datasets.csv"), comparisons);
        RunJson.Write(staged.PathOf("manifest.json"), Manifest(model, input, grid, comparisons));
        SpectraFigure.RenderPrediction(staged.PathOf("spectra.png"), model.Name, prediction, comparisons);
        staged.Commit();
        return comparisons;
    }

    /// <summary>χ² of the prediction against every dataset the model predicts, with the default cuts and the force-field
    /// <paramref name="potentials"/> (<c>solar_phi_GV</c> or <c>phi_&lt;period&gt;_GV</c>; null or absent: 0).</summary>
    public static IReadOnlyList<DataComparison> CompareWithData(IForwardModel model, ModelInput input, IReadOnlyDictionary<string, double>? potentials = null)
    {
        var fixedValues = new Dictionary<string, double>(input.Values, StringComparer.Ordinal);
        foreach (var (name, value) in potentials ?? new Dictionary<string, double>()) fixedValues[name] = value;
        var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
        var list = new List<DataComparison>();
        foreach (string id in DatasetCatalog.Ids)
        {
            var dataset = catalog.Load(id);
            bool predicted = dataset.Quantity switch
            {
                DatasetQuantity.ProtonFlux or DatasetQuantity.HydrogenIntensity => (model.Provides & Observables.ProtonFlux) != 0,
                DatasetQuantity.BoronToCarbon => (model.Provides & Observables.BoronToCarbon) != 0,
                _ => false,
            };
            if (!predicted) continue;
            var observed = ObservedDataset.Prepare(dataset, DatasetCut.DefaultFor(dataset.Quantity), ErrorModel.Default);
            TransportPosterior posterior;
            try
            {
                posterior = new TransportPosterior(new ParameterSpace([]), fixedValues, model, input.OptionValues, [observed]);
            }
            catch (ArgumentException e)
            {
                throw new UserInputException(e.Message);
            }
            var predictedValues = posterior.PredictAtData([], out string? failure)
                ?? throw new UserInputException($"model {model.Name} failed on {id}: {failure}");
            var interstellar = posterior.PredictAtData([], modulated: false, out _);
            double? phi = observed.IsModulated ? posterior.PotentialsGV([])[0] : null;
            list.Add(new DataComparison(observed, predictedValues[0], observed.Likelihood.ChiSquare(predictedValues[0]), interstellar?[0], phi));
        }
        return list;
    }

    private static void WriteCsv(string path, Prediction prediction)
    {
        var components = prediction.Components.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        sb.Append("rigidity_GV,proton_flux,bc_ratio");
        foreach (string c in components) sb.Append(',').Append(c);
        sb.Append('\n');
        for (int i = 0; i < prediction.RigidityGV.Length; i++)
        {
            sb.Append(F(prediction.RigidityGV[i])).Append(',')
              .Append(prediction.ProtonFlux is null ? "" : F(prediction.ProtonFlux[i])).Append(',')
              .Append(prediction.BoronToCarbon is null ? "" : F(prediction.BoronToCarbon[i]));
            foreach (string c in components) sb.Append(',').Append(F(prediction.Components[c][i]));
            sb.Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>datasets.csv</c>: dataset, x, x_unit, data, stat_err, sys_err, model, model_lis, phi_GV — one row per kept point
    /// (<c>model</c>: what the likelihood compares; <c>model_lis</c>: the same before modulation; <c>phi_GV</c> empty for
    /// interstellar data; <c>stat_err</c> as printed in the table).</summary>
    private static void WriteDatasetsCsv(string path, IReadOnlyList<DataComparison> comparisons)
    {
        var sb = new StringBuilder("dataset,x,x_unit,data,stat_err,sys_err,model,model_lis,phi_GV\n");
        foreach (var c in comparisons)
        {
            var d = c.Dataset;
            string unit = d.Source.Axis == DatasetAxis.RigidityGV ? "GV" : "GeV/n";
            for (int i = 0; i < d.Count; i++)
            {
                var point = d.Points[i];
                sb.Append(d.Id).Append(',').Append(F(d.AxisValues[i])).Append(',').Append(unit).Append(',')
                  .Append(F(point.Value)).Append(',').Append(F(point.StatError)).Append(',').Append(F(point.SysError)).Append(',')
                  .Append(F(c.Predicted[i])).Append(',').Append(c.Interstellar is null ? "" : F(c.Interstellar[i])).Append(',')
                  .Append(c.PhiGV is { } phi ? F(phi) : "").Append('\n');
            }
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static JsonObject Manifest(IForwardModel model, ModelInput input, double[] grid, IReadOnlyList<DataComparison> comparisons)
    {
        var parameters = new JsonObject();
        foreach (var p in model.Parameters)
        {
            parameters[p.Name] = new JsonObject { ["value"] = RunJson.Number(input[p.Name]), ["unit"] = p.Unit, ["fiducial"] = RunJson.Number(p.Fiducial) };
        }
        var options = new JsonObject();
        foreach (var (k, v) in input.OptionValues.OrderBy(kv => kv.Key, StringComparer.Ordinal)) options[k] = v;
        var conventions = new JsonObject();
        foreach (var (k, v) in ManifestConventions.For(model, input)) conventions[k] = v;
        var chi2 = new JsonObject();
        foreach (var c in comparisons)
        {
            chi2[c.Dataset.Id] = new JsonObject
            {
                ["chi2"] = RunJson.Number(c.ChiSquare),
                ["points"] = c.Dataset.Count,
                ["cut"] = c.Dataset.Cut.ToString(),
                ["phi_GV"] = c.PhiGV is { } phi ? RunJson.Number(phi) : null,
            };
        }
        return new JsonObject
        {
            ["kind"] = "predict",
            ["code_version"] = CodeVersion.Current,
            ["model"] = model.Name,
            ["summary"] = model.Summary,
            ["parameters"] = parameters,
            ["options"] = options,
            ["conventions"] = conventions,
            ["grid"] = new JsonObject { ["rmin_GV"] = grid[0], ["rmax_GV"] = grid[^1], ["points"] = grid.Length },
            ["chi2_vs_data"] = chi2,
        };
    }
}
