using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Runs.Composition;
using CrInference.Runs.Manifests;

namespace CrInference.Runs.Calibration;

/// <summary>What <c>crinf simulate</c> was asked to do: a prior file (its datasets, cuts, error model; truth from
/// <paramref name="Truth"/>) or a model at one point (<c>--model</c>, <c>--set</c>, <c>--option</c>: every dataset the
/// model predicts, default cuts and errors; the point is the truth).</summary>
/// <param name="PriorFile">The prior file, or null with <paramref name="Model"/>.</param>
/// <param name="Model">The model, or null with <paramref name="PriorFile"/>.</param>
/// <param name="Sets">Parameter values of the model form (the potentials <c>solar_phi_GV</c> or <c>phi_&lt;period&gt;_GV</c> included; others at their fiducials).</param>
/// <param name="Options">Model options of the model form.</param>
/// <param name="Truth"><c>prior</c>, <c>ref</c>, <c>fiducial</c> or a YAML file (prior-file form); null: fiducial.</param>
/// <param name="Seed">The seed: the truth (prior draws) from <c>FromSeed(seed).Split(0)</c>, the noise from <c>.Split(1)</c>.</param>
/// <param name="OutputDirectory">Where the tables go; it must not hold mock data already.</param>
public sealed record SimulateRequest(string? PriorFile, string? Model, IReadOnlyDictionary<string, double> Sets, IReadOnlyDictionary<string, string> Options,
    string? Truth, ulong Seed, string OutputDirectory);

/// <summary>
/// <c>crinf simulate</c>: mock data on the real datasets' bins and errors (<see cref="MockDataTemplate"/>), written as
/// <c>DIR/&lt;dataset id&gt;.csv</c> in the bundled tables' exact column layout, <c>DIR/truth.json</c> (every parameter
/// value used, nuisances and fixed values included) and <c>DIR/README.md</c> (provenance). Any fit or evidence run
/// reads them with <c>--data-dir DIR</c>. All files appear together or none (staged).
/// </summary>
public static class MockDataRun
{
    /// <summary>Format of <c>truth.json</c>.</summary>
    public const string Format = "crinference-mock-data/1";

    /// <summary>Writes the mock data; returns lines for the user.</summary>
    public static IReadOnlyList<string> Run(SimulateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string truthFile = Path.Combine(request.OutputDirectory, "truth.json");
        if (File.Exists(truthFile)) throw new UserInputException($"--out {request.OutputDirectory} already holds mock data (truth.json); nothing was overwritten: choose another folder");
        var (posterior, truth, describe) = request.PriorFile is not null ? FromPriorFile(request) : FromModel(request);
        var root = RandomKey.FromSeed(request.Seed);
        var tables = new MockDataTemplate(posterior).Draw(truth.Sampled, root.Split(1), out string? failure)
            ?? throw new UserInputException($"the model fails at the truth ({truth.Text}): {failure}");
        using var staged = new StagedOutput(request.OutputDirectory);
        foreach (var table in tables)
        {
            using var writer = new StreamWriter(staged.PathOf(table.Id + ".csv"), false, new UTF8Encoding(false));
            table.Write(writer);
        }
        var values = ParameterValues(posterior, truth.Sampled);
        RunJson.Write(staged.PathOf("truth.json"), TruthJson(request, describe, truth.Text, values, tables));
        File.WriteAllText(staged.PathOf("README.md"), Readme(request, describe, truth.Text, values, tables));
        staged.Commit();
        var lines = new List<string> { $"{describe.Model}: wrote {tables.Count} mock table(s), truth.json and README.md to {RunFiles.Display(request.OutputDirectory)} (truth: {truth.Text}, seed {request.Seed})" };
        foreach (var t in tables)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Id + ".csv",-24} {t.Template.Count,3} of {t.Values.Length,3} rows simulated (cut: {t.Template.Cut}); chi2 of the mock data at the truth {Chi2(t):F1}"));
        }
        lines.Add($"fit them with: ./crinf fit PRIOR --data-dir {request.OutputDirectory}");
        return lines;
    }

    private sealed record Description(string Model, string Source, string? PriorHash, IReadOnlyDictionary<string, string> Options);

    private sealed record Truth(string Text, double[] Sampled);

    private static (TransportPosterior, Truth, Description) FromPriorFile(SimulateRequest request)
    {
        if (request.Model is not null || request.Sets.Count > 0 || request.Options.Count > 0)
        {
            throw new UserInputException("give a prior file or --model with --set/--option, not both");
        }
        if (!File.Exists(request.PriorFile)) throw new UserInputException($"{request.PriorFile}: prior file not found");
        var spec = CatalogPriorFileSchema.Parse(request.PriorFile!);
        var build = PosteriorFactory.Create(spec, DataDirectoryOption.Catalog(null));
        var posterior = build.Transport ?? throw new UserInputException($"{request.PriorFile}: {spec.Model} is an analytic test problem without datasets; simulate needs a transport model");
        var choice = new TruthChoice(request.Truth ?? "fiducial");
        var space = posterior.Space;
        var sampled = new double[space.Dimension];
        if (choice.IsPrior)
        {
            // One prior draw; a draw at which the model fails is redrawn (its likelihood is zero), as in sbc.
            var unit = new double[space.Dimension];
            var stream = RandomKey.FromSeed(request.Seed).Split(0).Open();
            for (int attempt = 0; ; attempt++)
            {
                for (int i = 0; i < unit.Length; i++) unit[i] = stream.NextOpenDouble();
                space.FromUnitCube(unit, sampled);
                if (posterior.PredictAtData(sampled, out _) is not null) break;
                if (attempt == CalibrationReplicate.MaxTruthDraws) throw new UserInputException($"the model failed at {CalibrationReplicate.MaxTruthDraws} prior draws");
            }
        }
        else
        {
            space.ToSampled(choice.Resolve(spec), sampled);
        }
        return (posterior, new Truth(choice.Text, sampled), new Description(spec.Model, RunManifest.RecordedPath(request.PriorFile!, RepositoryPaths.Root), spec.ResolvedHash(), spec.Options));
    }

    private static (TransportPosterior, Truth, Description) FromModel(SimulateRequest request)
    {
        if (request.Model is null) throw new UserInputException("give a prior file or --model NAME");
        if (request.Truth is not null and not "fiducial") throw new UserInputException($"--truth {request.Truth}: with --model the truth is the model's fiducial point with the --set values; use a prior file for other truths");
        var (model, error) = ModelCatalog.Get(request.Model);
        if (model is null) throw new UserInputException(error!);
        var values = request.Sets.Where(kv => !TransportPosterior.IsModulationParameter(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var (input, inputError) = model.Resolve(values, request.Options);
        if (input is null) throw new UserInputException(inputError!);
        double phi = request.Sets.GetValueOrDefault(TransportPosterior.SolarPhiParameter, 0.0);
        if (!(phi >= 0)) throw new UserInputException($"--set {TransportPosterior.SolarPhiParameter}={phi}: must be >= 0");
        var catalog = DataDirectoryOption.Catalog(null);
        var datasets = new List<ObservedDataset>();
        foreach (string id in DatasetCatalog.Ids)
        {
            var needed = PosteriorFactory.RequiredObservable(DatasetCatalog.QuantityOf(id));
            if (needed == Observables.None || (model.Provides & needed) == 0) continue;
            var source = catalog.Load(id);
            datasets.Add(ObservedDataset.Prepare(source, DatasetCut.DefaultFor(source.Quantity), ErrorModel.Default));
        }
        var fixedValues = new Dictionary<string, double>(input.Values, StringComparer.Ordinal) { [TransportPosterior.SolarPhiParameter] = phi };
        foreach (var (name, value) in request.Sets.Where(kv => TransportPosterior.IsModulationParameter(kv.Key)))
        {
            if (!(value >= 0)) throw new UserInputException($"--set {name}={value}: must be >= 0");
            fixedValues[name] = value;
        }
        var posterior = new TransportPosterior(new ParameterSpace([]), fixedValues, model, input.OptionValues, datasets);
        return (posterior, new Truth("fiducial" + (request.Sets.Count > 0 ? " with --set" : ""), []), new Description(model.Name, "--model " + model.Name, null, new SortedDictionary<string, string>(input.OptionValues.ToDictionary(), StringComparer.Ordinal)));
    }

    private static double Chi2(MockTable table) => table.Prepare().Likelihood.ChiSquare(table.Mean);

    /// <summary>Every parameter value the truth used: model parameters (fixed, defaulted, free) and every force-field potential.</summary>
    private static SortedDictionary<string, double> ParameterValues(TransportPosterior posterior, double[] sampled)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in posterior.FixedValues) values[name] = value;
        for (int i = 0; i < sampled.Length; i++) values[posterior.Space.Parameters[i].Name] = posterior.Space.Parameters[i].Prior.FromSampled(sampled[i]);
        foreach (string name in TransportPosterior.ModulationParameters) values.TryAdd(name, 0.0);
        return values;
    }

    private static JsonObject TruthJson(SimulateRequest request, Description describe, string truth, SortedDictionary<string, double> values, IReadOnlyList<MockTable> tables) => new()
    {
        ["format"] = Format,
        ["model"] = describe.Model,
        ["source"] = describe.Source,
        ["prior_file_resolved_hash"] = describe.PriorHash,
        ["truth"] = truth,
        ["seed"] = request.Seed,
        ["parameters"] = new JsonObject([.. values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))]),
        ["options"] = new JsonObject([.. describe.Options.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        ["datasets"] = new JsonArray([.. tables.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["file"] = t.Id + ".csv",
            ["bundled_file"] = t.Template.Source.FileName,
            ["reference"] = t.Template.Source.Reference,
            ["cut"] = t.Template.Cut.ToString(),
            ["errors"] = t.Template.Errors.Describe(t.Template.Source),
            ["rows"] = t.Values.Length,
            ["rows_simulated"] = new JsonArray([.. t.Template.RowIndices.Select(r => (JsonNode)(r + 1))]),
        })]),
        ["noise"] = "d = m(truth) + L z per dataset, L the Cholesky factor of the likelihood's covariance (diagonal: sigma), z ~ N(0, 1) from RandomKey.FromSeed(seed).Split(1).Split(dataset index)",
        ["code_version"] = CodeVersion.Current,
    };

    private static string Readme(SimulateRequest request, Description describe, string truth, SortedDictionary<string, double> values, IReadOnlyList<MockTable> tables)
    {
        var t = new StringBuilder();
        t.Append("# Mock data (not measurements)\n\n");
        t.Append(CultureInfo.InvariantCulture, $"Made by `crinf simulate` from {describe.Source} (model `{describe.Model}`), truth `{truth}`, seed {request.Seed}; code {CodeVersion.Current}.\n\n");
        t.Append("Each table has exactly the columns, bins and errors of the bundled table it replaces (`data/`, provenance in `data/README.md`). ");
        t.Append("At the rows the prior file's cuts keep, the value is the model at the truth plus noise drawn from the likelihood's own error model ");
        t.Append("(d = m + L z, L the Cholesky factor of the covariance, correlations included); the other rows keep the published values and no fit with these cuts reads them.\n\n");
        t.Append("| file | replaces | reference | rows simulated | cut | errors |\n|---|---|---|---|---|---|\n");
        foreach (var m in tables)
        {
            t.Append(CultureInfo.InvariantCulture,
                $"| {m.Id}.csv | data/{m.Template.Source.FileName} | {m.Template.Source.Reference} | {m.Template.Count} of {m.Values.Length} | {m.Template.Cut} | {m.Template.Errors.Describe(m.Template.Source)} |\n");
        }
        t.Append("\nTrue parameter values (every one used, fixed and nuisance included; also in truth.json):\n\n| parameter | value |\n|---|---|\n");
        foreach (var (name, value) in values) t.Append(CultureInfo.InvariantCulture, $"| {name} | {value:R} |\n");
        t.Append(CultureInfo.InvariantCulture, $"\nFit them: `./crinf fit PRIOR --data-dir {request.OutputDirectory}` (same cuts and error model as with the bundled tables).\n");
        return t.ToString();
    }
}
