using CrInference.Config.PriorFiles;
using CrInference.Config.Yaml;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.TestProblems;

namespace CrInference.Config;

/// <summary>
/// The <see cref="IPriorFileSchema"/> of the real catalogues: every forward model of
/// <see cref="ModelCatalog"/> (its parameters, plus the likelihood's nuisance parameter
/// <c>solar_phi_GV</c>, and its options), every analytic test problem of
/// <see cref="TestProblemCatalog"/> (parameters <c>x1</c> … <c>xD</c>, no datasets, a
/// <c>problem</c> section), and the dataset ids of <see cref="DatasetCatalog"/>.
/// <see cref="Parse"/> adds the checks the parser cannot make alone: every dataset must be
/// predictable by the model (a proton-only model cannot fit B/C; no model predicts the carbon
/// flux), reported at the dataset's line.
/// </summary>
public sealed class CatalogPriorFileSchema : IPriorFileSchema
{
    private CatalogPriorFileSchema()
    {
    }

    /// <summary>The one instance (the catalogues are static).</summary>
    public static CatalogPriorFileSchema Instance { get; } = new();

    /// <summary>
    /// The force-field potential φ of the likelihood (open choice D.31), in GV. Left out of a prior
    /// file it is fixed at 0 — no modulation, as KQ22 (their cuts, E_k &gt; 10 GeV and
    /// E_k/n &gt; 1 GeV/n, are meant to keep modulation small). The validity bound 5 GV is far above
    /// the 0.2–1.5 GV that neutron monitors give over solar cycles (Usoskin et al. 2011).
    /// </summary>
    public static ParameterSchema SolarPhi { get; } =
        new(TransportPosterior.SolarPhiParameter, "GV", @"\phi_\odot", 0.0, Minimum: 0, Maximum: 5, MinimumExclusive: false);

    /// <inheritdoc/>
    public IReadOnlyList<string> ModelNames { get; } = [.. ModelCatalog.Names, .. TestProblemCatalog.Names];

    /// <inheritdoc/>
    public IReadOnlyList<string> DatasetIds { get; } = DatasetCatalog.Ids;

    /// <inheritdoc/>
    public ModelSchema FindModel(string model, ProblemSpec? problem)
    {
        if (ModelCatalog.Find(model) is { } forward)
        {
            return new ModelSchema(
                forward.Name,
                [.. forward.Parameters.Select(ParameterSchema.FromModel), SolarPhi],
                [.. forward.Options],
                UsesDatasets: true,
                RequiresProblem: false);
        }
        if (!TestProblemCatalog.Contains(model))
        {
            throw new ArgumentException($"unknown model '{model}' (known: {string.Join(", ", ModelNames)})");
        }
        if (problem is not null)
        {
            var allowed = TestProblemCatalog.SettingsOf(model);
            foreach (string key in problem.Settings.Keys)
            {
                if (!allowed.Contains(key, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"{model} has no setting '{key}' (known: {string.Join(", ", allowed)})", $"problem.{key}");
                }
            }
        }
        int dimension = problem?.Dimension ?? 0;
        return new ModelSchema(
            model,
            [.. Enumerable.Range(1, dimension).Select(i => new ParameterSchema($"x{i}", "", $"x_{{{i}}}", null))],
            [],
            UsesDatasets: false,
            RequiresProblem: true);
    }

    /// <summary>
    /// Reads and validates the prior file at <paramref name="path"/> against the real catalogues,
    /// including the dataset checks; every problem is a <see cref="ConfigException"/>
    /// (<c>file:line: key: problem</c>).
    /// </summary>
    public static PriorFileSpec Parse(string path)
    {
        var spec = PriorFileParser.Parse(path, Instance);
        CheckDatasets(spec, YamlReader.LoadMapping(path));
        return spec;
    }

    /// <summary>As <see cref="Parse"/> for prior-file <paramref name="text"/> named <paramref name="path"/>.</summary>
    public static PriorFileSpec ParseText(string path, string text)
    {
        var spec = PriorFileParser.ParseText(path, text, Instance);
        CheckDatasets(spec, YamlReader.ParseMapping(path, text));
        return spec;
    }

    /// <summary>
    /// Throws a <see cref="ConfigException"/> at the dataset's line when the model of
    /// <paramref name="spec"/> cannot predict one of its datasets.
    /// </summary>
    public static void CheckDatasets(PriorFileSpec spec, YamlMap root)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(root);
        if (spec.Datasets.IsEmpty || ModelCatalog.Find(spec.Model) is not { } model) return;
        var items = root.OptionalSequence("datasets") ?? [];
        for (int i = 0; i < spec.Datasets.Length; i++)
        {
            string id = spec.Datasets[i];
            string? problem = PredictabilityProblem(model, id);
            if (problem is null) continue;
            if (i < items.Count) throw items[i].Error(problem);
            throw root.ErrorAt("datasets", problem);
        }
    }

    /// <summary>Null when <paramref name="model"/> predicts what dataset <paramref name="datasetId"/>
    /// measures; else a one-line reason.</summary>
    public static string? PredictabilityProblem(IForwardModel model, string datasetId)
    {
        ArgumentNullException.ThrowIfNull(model);
        var quantity = DatasetCatalog.QuantityOf(datasetId);
        var needed = PosteriorFactory.RequiredObservable(quantity);
        if (needed == Observables.None)
        {
            return $"dataset '{datasetId}' measures {quantity}, which no transport model predicts (use it for plots only)";
        }
        if ((model.Provides & needed) == 0)
        {
            var can = DatasetCatalog.Ids.Where(id => PosteriorFactory.RequiredObservable(DatasetCatalog.QuantityOf(id)) is var o && o != Observables.None && (model.Provides & o) != 0);
            return $"model '{model.Name}' does not predict {quantity} (dataset '{datasetId}'); it predicts {model.Provides} (datasets: {string.Join(", ", can)})";
        }
        return null;
    }
}
