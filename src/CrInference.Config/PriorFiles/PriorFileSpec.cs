using System.Collections.Immutable;
using CrInference.Core;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// A prior file, validated and resolved: one launchable fit. <see cref="Params"/> holds the
/// parameters in file order followed by the model parameters the file left out, fixed at the
/// model's fiducial values (<see cref="ParamSpec.IsDefault"/>); <see cref="Options"/> holds every
/// model option, defaults filled in. <see cref="Sampler"/> and <see cref="Nested"/> keep "not
/// given" as null for the caller to resolve (defaults, command-line overrides) with
/// <c>with</c> before writing the manifest. <see cref="ToResolvedJson"/> is the canonical text
/// for the run manifest; <see cref="ResolvedHash"/> is what a resume compares.
/// </summary>
/// <param name="SourcePath">The file as the user named it (not part of the resolved text).</param>
/// <param name="Model">Model name.</param>
/// <param name="Datasets">Dataset ids in file order (empty for test problems).</param>
/// <param name="Options">Every model option, by name.</param>
/// <param name="Params">Every parameter: file order, then defaults in the model's order.</param>
/// <param name="Likelihood">Error model and cut overrides.</param>
/// <param name="Problem">The test problem, or null for physics models.</param>
/// <param name="Sampler">Ensemble sampler settings.</param>
/// <param name="Nested">Nested sampling settings, or null when absent.</param>
public sealed record PriorFileSpec(
    string SourcePath,
    string Model,
    ImmutableArray<string> Datasets,
    ImmutableSortedDictionary<string, string> Options,
    ImmutableArray<ParamSpec> Params,
    LikelihoodSpec Likelihood,
    ProblemSpec? Problem,
    SamplerSpec Sampler,
    NestedSpec? Nested)
{
    /// <summary>The sampled parameters, in file order (the order of sampler vectors and chain columns).</summary>
    public IEnumerable<ParamSpec> FreeParams => Params.Where(p => !p.IsFixed);

    /// <summary>The parameters held fixed, given or defaulted.</summary>
    public IEnumerable<ParamSpec> FixedParams => Params.Where(p => p.IsFixed);

    /// <summary>The parameter named <paramref name="name"/>; throws naming the known ones if absent.</summary>
    public ParamSpec Param(string name) =>
        Params.FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"no parameter '{name}' (known: {string.Join(", ", Params.Select(p => p.Name))})");

    /// <summary>The sampler's parameter space: the free parameters in file order.</summary>
    public ParameterSpace ToParameterSpace() =>
        new(FreeParams.Select(p => new ParameterSpec(p.Name, p.Latex, p.Unit, p.Prior)));

    /// <summary>Canonical JSON of everything that defines the fit (see <see cref="ResolvedPriorFile"/>).</summary>
    public string ToResolvedJson() => ResolvedPriorFile.ToJson(this);

    /// <summary><c>sha256:&lt;hex&gt;</c> of <see cref="ToResolvedJson"/>.</summary>
    public string ResolvedHash() => ResolvedPriorFile.Hash(this);

    /// <summary>
    /// <see cref="ResolvedHash"/> of the spec with <c>sampler.steps</c> left out: what defines a run
    /// apart from its length. A resumed run compares it, so that a run may be extended with
    /// more steps but not continued with any other setting, prior or dataset changed.
    /// </summary>
    public string IdentityHash() => ResolvedPriorFile.Hash(this with { Sampler = Sampler with { Steps = null } });
}
