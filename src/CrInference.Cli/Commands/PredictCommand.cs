using System.CommandLine;
using System.Globalization;
using CrInference.Runs.Figures;
using CrInference.Runs;
using CrInference.Physics.Models;
using CrInference.Posterior;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf predict --model NAME [--set k=v ...] [--option k=v ...] [--params FILE.yaml] --out DIR</c>:
/// evaluates one model at one parameter point on a log rigidity grid and writes
/// <c>spectra.csv</c> (interstellar), <c>datasets.csv</c> (every data point with the model the likelihood compares, before
/// and after solar modulation), <c>manifest.json</c> and <c>spectra.png</c> (model against the data). Force-field
/// potentials (<c>solar_phi_GV</c> or <c>phi_&lt;period&gt;_GV</c>) are given with <c>--set</c>; 0 when left out.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model name (see `crinf models`)", Required = true };
        var set = new Option<string[]>("--set") { Description = "Parameter value, key=value (repeatable); also the force-field potentials solar_phi_GV or phi_<period>_GV (default 0)", AllowMultipleArgumentsPerToken = false };
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
            var file = Config.ParameterValuesFile.Parse(paramsFile.FullName, [.. model.Parameters.Select(p => p.Name), .. TransportPosterior.ModulationParameters], $"model '{model.Name}'");
            foreach (var (k, v) in file.Values) values[k] = v;
            foreach (var (k, v) in file.Options) chosen[k] = v;
        }
        foreach (var (k, v) in KeyValueArguments.ParseNumbers(sets, "--set")) values[k] = v;
        foreach (var (k, v) in KeyValueArguments.ParseStrings(options, "--option")) chosen[k] = v;
        var potentials = values.Where(kv => TransportPosterior.IsModulationParameter(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (k, v) in potentials)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new UserInputException($"--set {k}={v.ToString(CultureInfo.InvariantCulture)}: a force-field potential must be finite and >= 0 GV");
            values.Remove(k);
        }
        var (input, error) = model.Resolve(values, chosen);
        if (input is null) throw new UserInputException(error!);

        int n = (int)Math.Round(Math.Log10(rmax / rmin) * perDecade) + 1;
        var grid = Enumerable.Range(0, n).Select(i => rmin * Math.Pow(rmax / rmin, (double)i / (n - 1))).ToArray();
        var result = model.Predict(input, grid);
        if (!result.Succeeded) throw new UserInputException($"model {model.Name} failed: {result.Failure}");
        var prediction = result.Prediction!;

        var comparisons = PointPrediction.Write(outDir.FullName, model, input, grid, prediction, potentials);

        Console.WriteLine($"{model.Name}: wrote {Path.Combine(outDir.FullName, "spectra.csv")}, datasets.csv, manifest.json, spectra.png");
        foreach (var c in comparisons)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  chi2 {c.Dataset.Id,-20} {c.ChiSquare,12:F1} / {c.Dataset.Count,3} points = {c.ChiSquare / c.Dataset.Count,8:F2} per point  (cut: {c.Dataset.Cut})"));
        }
        return 0;
    }
}
