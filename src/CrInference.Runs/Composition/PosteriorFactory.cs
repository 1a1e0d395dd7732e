using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Config.Yaml;
using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Data;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.TestProblems;

namespace CrInference.Runs.Composition;

/// <summary>
/// A posterior built from a prior file, with what a run reports about it.
/// </summary>
/// <param name="Spec">The prior file it was built from.</param>
/// <param name="Posterior">What the sampler sees (sampled coordinates of <see cref="PriorFileSpec.FreeParams"/>).</param>
/// <param name="Transport">The transport posterior, or null for a test problem.</param>
/// <param name="TestProblem">The analytic test problem, or null for a transport model.</param>
/// <param name="Model">The forward model, or null for a test problem.</param>
/// <param name="FixedInput">The model input at the fixed values (free parameters at their fiducials) with
/// every option resolved, for manifests (<c>ManifestConventions</c>); null for a test problem.</param>
/// <param name="Datasets">The datasets as prepared for the likelihood (cut applied), in file order.</param>
public sealed record PosteriorBuild(
    PriorFileSpec Spec,
    IPosterior Posterior,
    TransportPosterior? Transport,
    ITestProblem? TestProblem,
    IForwardModel? Model,
    ModelInput? FixedInput,
    IReadOnlyList<ObservedDataset> Datasets);

/// <summary>
/// Builds the <see cref="IPosterior"/> a prior file describes: for a forward model, a
/// <see cref="TransportPosterior"/> over the file's datasets (loaded through
/// <see cref="DatasetCatalog"/>, cut and with the file's error model); for a test problem, the
/// problem of <see cref="TestProblemCatalog"/> over the file's priors. Problems that only the data
/// reveal (a cut that keeps no point, a test-problem setting out of range) are
/// <see cref="ConfigException"/>s at the line of the prior file that causes them.
/// </summary>
/// <remarks>
/// Cut overrides (<c>likelihood.cuts.&lt;dataset&gt;</c>) replace the default bound at the same end of
/// the range, whatever its unit: <c>min_GV: 5</c> on a proton dataset replaces the default lower bound
/// E_k &gt; 10 GeV and keeps the default (absent) upper bound; <c>max_GV: 1000</c> adds an upper bound
/// and keeps E_k &gt; 10 GeV. Defaults: <see cref="DatasetCut.DefaultFor"/> (KQ22: protons
/// E_k &gt; 10 GeV, B/C E_k/n &gt; 1 GeV/n, Voyager uncut).
/// </remarks>
public static class PosteriorFactory
{
    /// <summary>The observable a model must provide to fit a dataset of <paramref name="quantity"/>;
    /// <see cref="Observables.None"/> when no model predicts it (carbon flux).</summary>
    public static Observables RequiredObservable(DatasetQuantity quantity) => quantity switch
    {
        DatasetQuantity.ProtonFlux or DatasetQuantity.HydrogenIntensity => Observables.ProtonFlux,
        DatasetQuantity.BoronToCarbon => Observables.BoronToCarbon,
        _ => Observables.None,
    };

    /// <summary>The cut of a dataset of <paramref name="quantity"/>: the default with the bounds of
    /// <paramref name="overrides"/> (null: none) replacing it end by end (see the remarks of the class).</summary>
    public static DatasetCut CutFor(DatasetQuantity quantity, CutSpec? overrides)
    {
        var cut = DatasetCut.DefaultFor(quantity);
        if (overrides is null) return cut;
        if (overrides.MinGV is not null || overrides.MinGeVPerNucleon is not null)
        {
            cut = cut with { MinGV = overrides.MinGV, MinGeVPerNucleon = overrides.MinGeVPerNucleon };
        }
        if (overrides.MaxGV is not null || overrides.MaxGeVPerNucleon is not null)
        {
            cut = cut with { MaxGV = overrides.MaxGV, MaxGeVPerNucleon = overrides.MaxGeVPerNucleon };
        }
        return cut;
    }

    /// <summary>The error model of the <c>likelihood</c> section (correlation length: the file's, else 0.3 decades).</summary>
    public static ErrorModel ErrorModelFor(LikelihoodSpec likelihood)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        return likelihood.Errors == ErrorModelKind.Correlated
            ? new ErrorModel(ErrorTreatment.CorrelatedSystematics, likelihood.CorrelationLengthDecades ?? ErrorModel.Default.CorrelationLengthDecades)
            : ErrorModel.Default;
    }

    /// <summary>
    /// Builds the posterior of <paramref name="spec"/>. <paramref name="catalog"/> provides the data of a
    /// forward model (unused for test problems). <paramref name="root"/> is the file's YAML, used only to
    /// point errors at lines; null reads <see cref="PriorFileSpec.SourcePath"/> if it exists.
    /// </summary>
    public static PosteriorBuild Create(PriorFileSpec spec, DatasetCatalog catalog, YamlMap? root = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        ConfigException Error(string keyPath, string problem) => PriorFileLocation.Error(spec, keyPath, problem, root);
        var space = spec.ToParameterSpace();
        if (TestProblemCatalog.Contains(spec.Model))
        {
            var settings = spec.Problem?.AllSettings() ?? new Dictionary<string, double>();
            ITestProblem problem;
            try
            {
                problem = TestProblemCatalog.Create(spec.Model, space, settings);
            }
            catch (ArgumentException e)
            {
                throw Error(e.ParamName ?? "model", StripParameterSuffix(e));
            }
            return new PosteriorBuild(spec, problem, null, problem, null, null, []);
        }

        var (model, modelError) = ModelCatalog.Get(spec.Model);
        if (model is null) throw Error("model", modelError!);
        var fixedValues = spec.FixedParams.ToDictionary(p => p.Name, p => ((FixedPrior)p.Prior).Value, StringComparer.Ordinal);
        var modelValues = fixedValues.Where(kv => !TransportPosterior.IsModulationParameter(kv.Key))
            .Concat(spec.FreeParams.Where(p => !TransportPosterior.IsModulationParameter(p.Name)).Select(p => KeyValuePair.Create(p.Name, Fiducial(model, p.Name))))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var (input, inputError) = model.Resolve(modelValues, spec.Options);
        if (input is null) throw Error("params", inputError!);

        var errors = ErrorModelFor(spec.Likelihood);
        var datasets = new List<ObservedDataset>(spec.Datasets.Length);
        for (int i = 0; i < spec.Datasets.Length; i++)
        {
            string id = spec.Datasets[i];
            string? problem = CatalogPriorFileSchema.PredictabilityProblem(model, id);
            if (problem is not null) throw Error($"datasets[{i}]", problem);
            var source = catalog.Load(id);
            spec.Likelihood.Cuts.TryGetValue(id, out var overrides);
            var cut = CutFor(source.Quantity, overrides);
            try
            {
                datasets.Add(ObservedDataset.Prepare(source, cut, errors));
            }
            catch (ArgumentException e)
            {
                string key = overrides is null ? $"datasets[{i}]" : $"likelihood.cuts.{id}";
                string hint = overrides is null ? "" : $"; the data span {Range(source)}";
                throw Error(key, e.Message + hint);
            }
        }
        TransportPosterior posterior;
        try
        {
            posterior = new TransportPosterior(space, fixedValues, model, spec.Options, datasets);
        }
        catch (ArgumentException e)
        {
            throw Error("params", e.Message);
        }
        return new PosteriorBuild(spec, posterior, posterior, null, model, input, datasets);
    }

    private static double Fiducial(IForwardModel model, string name) =>
        model.Parameters.First(p => p.Name == name).Fiducial;

    private static string Range(Dataset source)
    {
        double lo = source.Points.Min(p => p.Centre), hi = source.Points.Max(p => p.Centre);
        string unit = source.Axis == DatasetAxis.RigidityGV ? "GV" : "GeV/n";
        return FormattableString.Invariant($"{lo:G4} to {hi:G4} {unit} (bin centres)");
    }

    private static string StripParameterSuffix(ArgumentException e)
    {
        string suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
