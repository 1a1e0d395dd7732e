using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Posterior.Likelihood;
using CrInference.Runs.Composition;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Manifests;

/// <summary>What every run manifest is built from, whatever the kind.</summary>
/// <param name="Spec">The prior file with the run's settings resolved.</param>
/// <param name="PriorFilePath">The prior file's path as recorded (repository-relative where possible).</param>
/// <param name="Build">The posterior built from <paramref name="Spec"/>.</param>
/// <param name="DataFiles">Per dataset id: its file (repository-relative) and SHA-256.</param>
/// <param name="Columns">The run's sample table's columns, in order.</param>
/// <param name="Overrides">Settings given on the command line (a resumed run carries them over).</param>
public sealed record ManifestInputs(
    PriorFileSpec Spec,
    string PriorFilePath,
    PosteriorBuild Build,
    IReadOnlyDictionary<string, (string File, string Sha256)> DataFiles,
    IReadOnlyList<string> Columns,
    JsonObject Overrides)
{
    /// <summary>The <c>--data-dir</c> the datasets were read from (as recorded), or null for the bundled tables.</summary>
    public string? DataDirectory { get; init; }
}

/// <summary>
/// The sections of a run manifest that every kind shares: the prior file (path, resolved text and hash), the
/// model with every convention behind it (<see cref="ManifestConventions"/>), the datasets with their files,
/// cuts and error models, the free parameters with their priors and starts, and the fixed values.
/// </summary>
public static class ManifestSections
{
    /// <summary>The sections every run manifest shares: prior file, model, datasets, parameters, fixed values.</summary>
    public static void AddRunSections(JsonObject root, ManifestInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        var (spec, priorFilePath, build, dataFiles) = (inputs.Spec, inputs.PriorFilePath, inputs.Build, inputs.DataFiles);
        root.Add("prior_file", new JsonObject
        {
            ["path"] = priorFilePath,
            ["resolved_hash"] = spec.ResolvedHash(),
            ["resolved"] = JsonNode.Parse(spec.ToResolvedJson()),
        });
        root.Add("model", ModelSection(build));
        if (inputs.DataDirectory is { } dataDirectory) root.Add(DataDirectoryOption.ManifestKey, dataDirectory);
        root.Add("datasets", new JsonArray([.. build.Datasets.Select(d => (JsonNode)DatasetSection(d, dataFiles[d.Id]))]));
        root.Add("parameters", new JsonArray([.. spec.FreeParams.Select(p => (JsonNode)ParameterSection(p))]));
        root.Add("fixed", Object(spec.FixedParams.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)RunJson.Number(((FixedPrior)p.Prior).Value)))));
    }

    /// <summary>The SHA-256 of each dataset's file, by id, in the prior file's order.</summary>
    public static JsonObject DataHashes(PriorFileSpec spec, IReadOnlyDictionary<string, (string File, string Sha256)> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataFiles);
        return Object(spec.Datasets.Select(id => KeyValuePair.Create(id, (JsonNode?)dataFiles[id].Sha256)));
    }

    private static JsonNode ModelSection(PosteriorBuild build)
    {
        if (build.TestProblem is { } problem)
        {
            return new JsonObject
            {
                ["name"] = problem.Name,
                ["kind"] = "analytic test problem",
                ["settings"] = Object((build.Spec.Problem?.AllSettings() ?? new Dictionary<string, double>())
                    .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
                ["exact_log_evidence"] = problem.ExactLogEvidence is { } z ? RunJson.Number(z) : null,
            };
        }
        var model = build.Model!;
        return new JsonObject
        {
            ["name"] = model.Name,
            ["kind"] = "transport model (Kempski & Quataert 2022)",
            ["summary"] = model.Summary,
            ["options"] = Object(build.Spec.Options.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["conventions"] = Object(ManifestConventions.For(model, build.FixedInput!).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
    }

    private static JsonObject DatasetSection(ObservedDataset dataset, (string File, string Sha256) file) => new()
    {
        ["id"] = dataset.Id,
        ["title"] = dataset.Source.Title,
        ["reference"] = dataset.Source.Reference,
        ["file"] = file.File,
        ["sha256"] = file.Sha256,
        ["quantity"] = dataset.Source.Quantity.ToString(),
        ["unit"] = dataset.Source.ValueUnit,
        ["cut"] = dataset.Cut.ToString(),
        ["points_used"] = dataset.Count,
        ["points_total"] = dataset.Source.Points.Length,
        ["rigidity_range_GV"] = new JsonArray(RunJson.Number(dataset.RigidityGV.Min()), RunJson.Number(dataset.RigidityGV.Max())),
        ["solar_modulation"] = dataset.IsModulated,
        ["errors"] = dataset.Errors.Treatment == ErrorTreatment.CorrelatedSystematics
            ? string.Create(CultureInfo.InvariantCulture, $"stat (independent) + sys correlated with a Gaussian kernel in log10 x, length {dataset.Errors.CorrelationLengthDecades} decades")
            : "stat (+) sys, independent points",
    };

    private static JsonObject ParameterSection(ParamSpec p)
    {
        var prior = new JsonObject { ["kind"] = p.Prior.Kind };
        foreach (var (k, v) in p.Prior.Describe().OrderBy(kv => kv.Key, StringComparer.Ordinal)) prior[k] = RunJson.Number(v);
        return new JsonObject
        {
            ["name"] = p.Name,
            ["unit"] = p.Unit,
            ["latex"] = p.Latex,
            ["prior"] = prior,
            ["sampled_coordinate"] = p.Prior is LogUniformPrior ? $"ln({p.Name})" : p.Name,
            ["start"] = p.Ref is null
                ? "prior"
                : string.Create(CultureInfo.InvariantCulture, $"ref N({p.Ref.Mean}, {p.Ref.Sigma})"),
        };
    }

    /// <summary>The stop rule of <c>--until-converged</c> as JSON (null without one).</summary>
    public static JsonNode? Rule(ConvergenceRule? rule) => rule is null
        ? null
        : new JsonObject
        {
            ["check_interval_steps"] = rule.CheckIntervalSteps,
            ["minimum_length_in_tau"] = RunJson.Number(rule.MinimumLengthInTau),
            ["maximum_relative_tau_change"] = RunJson.Number(rule.MaximumRelativeTauChange),
        };

    /// <summary>A JSON object of <paramref name="entries"/>, in order.</summary>
    public static JsonObject Object(IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var o = new JsonObject();
        foreach (var (k, v) in entries) o[k] = v;
        return o;
    }

}
