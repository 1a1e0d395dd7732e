using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Cli.Figures;
using CrInference.Cli.Infrastructure;
using CrInference.Core;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf predict --model NAME [--set k=v ...] [--option k=v ...] [--params FILE.yaml] --out DIR</c>:
/// evaluates one model at one parameter point on a log rigidity grid and writes
/// <c>spectra.csv</c>, <c>manifest.json</c> and <c>spectra.png</c> (model against the data).
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model name (see `crinf models`)", Required = true };
        var set = new Option<string[]>("--set") { Description = "Parameter value, key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var option = new Option<string[]>("--option") { Description = "Model option, key=value (repeatable), e.g. kappa=power-law" };
        var parameters = new Option<FileInfo?>("--params") { Description = "YAML file of parameter values (name: value) and an optional options: map" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var rmin = new Option<double>("--rmin") { Description = "Lowest rigidity of the grid, GV", DefaultValueFactory = _ => 0.05 };
        var rmax = new Option<double>("--rmax") { Description = "Highest rigidity of the grid, GV", DefaultValueFactory = _ => 1e5 };
        var perDecade = new Option<int>("--per-decade") { Description = "Grid points per decade of rigidity", DefaultValueFactory = _ => 20 };
        var command = new Command("predict", "Predict spectra of one model at one parameter point and compare with the data")
        {
            model, set, option, parameters, output, rmin, rmax, perDecade,
        };
        command.SetAction(parse => CliApp.Guard(() => Run(
            parse.GetValue(model)!, parse.GetValue(set), parse.GetValue(option), parse.GetValue(parameters),
            parse.GetValue(output)!, parse.GetValue(rmin), parse.GetValue(rmax), parse.GetValue(perDecade))));
        return command;
    }

    private static int Run(string modelName, string[]? sets, string[]? options, FileInfo? paramsFile, DirectoryInfo outDir,
        double rmin, double rmax, int perDecade)
    {
        var (model, modelError) = ModelCatalog.Get(modelName);
        if (model is null) throw new UserInputException(modelError!);
        if (!(rmin > 0) || !(rmax > rmin)) throw new UserInputException($"--rmin/--rmax: need 0 < rmin < rmax (got {rmin}, {rmax})");
        if (perDecade is < 1 or > 1000) throw new UserInputException($"--per-decade must be in 1..1000 (got {perDecade})");

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (paramsFile is not null)
        {
            var file = Config.ParameterValuesFile.Parse(paramsFile.FullName);
            foreach (var (k, v) in file.Values) values[k] = v;
            foreach (var (k, v) in file.Options) chosen[k] = v;
        }
        foreach (var (k, v) in KeyValueArguments.ParseNumbers(sets, "--set")) values[k] = v;
        foreach (var (k, v) in KeyValueArguments.ParseStrings(options, "--option")) chosen[k] = v;
        var (input, error) = model.Resolve(values, chosen);
        if (input is null) throw new UserInputException(error!);

        int n = (int)Math.Round(Math.Log10(rmax / rmin) * perDecade) + 1;
        var grid = Enumerable.Range(0, n).Select(i => rmin * Math.Pow(rmax / rmin, (double)i / (n - 1))).ToArray();
        var result = model.Predict(input, grid);
        if (!result.Succeeded) throw new UserInputException($"model {model.Name} failed: {result.Failure}");
        var prediction = result.Prediction!;

        var comparisons = CompareWithData(model, input);

        using var staged = new StagedOutput(outDir.FullName);
        WriteCsv(staged.PathOf("spectra.csv"), prediction);
        Json.Write(staged.PathOf("manifest.json"), Manifest(model, input, grid, comparisons));
        SpectraFigure.RenderPrediction(staged.PathOf("spectra.png"), model.Name, prediction, comparisons);
        staged.Commit();

        Console.WriteLine($"{model.Name}: wrote {Path.Combine(outDir.FullName, "spectra.csv")}, manifest.json, spectra.png");
        foreach (var c in comparisons)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  chi2 {c.Dataset.Id,-20} {c.ChiSquare,12:F1} / {c.Dataset.Count,3} points = {c.ChiSquare / c.Dataset.Count,8:F2} per point  (cut: {c.Dataset.Cut})"));
        }
        return 0;
    }

    /// <summary>χ² of the prediction against every dataset the model predicts, with the default cuts and no solar modulation.</summary>
    internal static IReadOnlyList<DataComparison> CompareWithData(IForwardModel model, ModelInput input)
    {
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
            var posterior = new TransportPosterior(new ParameterSpace([]), input.Values, model, input.OptionValues, [observed]);
            var predictedValues = posterior.PredictAtData([], out string? failure)
                ?? throw new UserInputException($"model {model.Name} failed on {id}: {failure}");
            list.Add(new DataComparison(observed, predictedValues[0], observed.Likelihood.ChiSquare(predictedValues[0])));
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

    private static JsonObject Manifest(IForwardModel model, ModelInput input, double[] grid, IReadOnlyList<DataComparison> comparisons)
    {
        var parameters = new JsonObject();
        foreach (var p in model.Parameters)
        {
            parameters[p.Name] = new JsonObject { ["value"] = Json.Number(input[p.Name]), ["unit"] = p.Unit, ["fiducial"] = Json.Number(p.Fiducial) };
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
                ["chi2"] = Json.Number(c.ChiSquare),
                ["points"] = c.Dataset.Count,
                ["cut"] = c.Dataset.Cut.ToString(),
                ["solar_phi_GV"] = 0.0,
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

/// <summary>A model's prediction at the kept points of one dataset and its χ².</summary>
public sealed record DataComparison(ObservedDataset Dataset, double[] Predicted, double ChiSquare);
