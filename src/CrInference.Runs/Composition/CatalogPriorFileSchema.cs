using CrInference.Physics.Network;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Modulation;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Composition;

/// <summary>
/// The <see cref="IPriorFileSchema"/> of the real catalogues: every forward model of
/// <see cref="ModelCatalog"/> (its parameters, plus the likelihood's nuisance parameter
/// <c>solar_phi_GV</c>, and its options), every analytic test problem of
/// <see cref="TestProblemCatalog"/> (parameters <c>x1</c> … <c>xD</c>, no datasets, a
/// <c>problem</c> section), the dataset ids of <see cref="DatasetCatalog"/> and the moves of
/// <see cref="MoveCatalog"/>. Every dataset must be predictable by the model (a proton-only model
/// cannot fit B/C; no model predicts the carbon flux): <see cref="DatasetProblem"/>, which the
/// parser reports at the dataset's line.
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

    /// <summary>
    /// The force-field potential of each data-taking period (<see cref="ModulationPeriods"/>, open choice D.31), in GV,
    /// e.g. <c>phi_ams02_2011_2018_GV</c>; the datasets of that period share it. Left out it is fixed at 0 (and
    /// <c>solar_phi_GV</c>, if given, serves every period). Same validity bounds as <see cref="SolarPhi"/>; the
    /// neutron-monitor prior of each period is in <c>priors/README.md</c>.
    /// </summary>
    public static IReadOnlyList<ParameterSchema> PeriodPotentials { get; } =
        [.. ModulationPeriods.All.Select(p => new ParameterSchema(p.ParameterName, "GV", $@"\phi_{{\rm {p.Period.First[..4]}-{p.Period.Last[..4]}}}", 0.0, Minimum: 0, Maximum: 5, MinimumExclusive: false))];

    /// <inheritdoc/>
    public IReadOnlyList<string> ModelNames { get; } = [.. ModelCatalog.Names, .. TestProblemCatalog.Names];

    /// <inheritdoc/>
    public IReadOnlyList<string> DatasetIds { get; } = DatasetCatalog.Ids;

    /// <inheritdoc/>
    public IReadOnlyList<string> MoveNames { get; } = MoveCatalog.Names;

    /// <summary>The physics preset a file's options choose (<see cref="NetworkSettings"/>; full physics when not set).</summary>
    private static string PresetOf(IReadOnlyDictionary<string, string> given) =>
        given.TryGetValue(NetworkSettings.PhysicsOption, out string? preset) ? preset : NetworkSettings.FullPhysics;

    /// <inheritdoc/>
    public ModelSchema FindModel(string model, ProblemSpec? problem)
    {
        if (ModelCatalog.Find(model) is { } forward)
        {
            return new ModelSchema(
                forward.Name,
                [.. forward.Parameters.Select(FromModel), SolarPhi, .. PeriodPotentials],
                [.. forward.Options.Select(o => new OptionSchema(o.Name, o.Allowed, o.Default, given => o.DefaultUnder(PresetOf(given))))],
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

    /// <inheritdoc/>
    public string? DatasetProblem(ModelSchema model, string datasetId)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelCatalog.Find(model.Name) is { } forward ? PredictabilityProblem(forward, datasetId) : null;
    }

    /// <summary>
    /// Reads and validates the prior file at <paramref name="path"/> against the real catalogues;
    /// every problem is a <see cref="ConfigException"/> (<c>file:line: key: problem</c>).
    /// </summary>
    public static PriorFileSpec Parse(string path) => PriorFileParser.Parse(path, Instance);

    /// <summary>As <see cref="Parse"/> for prior-file <paramref name="text"/> named <paramref name="path"/>.</summary>
    public static PriorFileSpec ParseText(string path, string text) => PriorFileParser.ParseText(path, text, Instance);

    /// <summary>The schema entry of a forward-model parameter (defaultable to its fiducial value).</summary>
    private static ParameterSchema FromModel(ModelParameter parameter) =>
        new(parameter.Name, parameter.Unit, parameter.Latex, parameter.Fiducial, parameter.Minimum, parameter.Maximum, parameter.MinimumExclusive);

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
