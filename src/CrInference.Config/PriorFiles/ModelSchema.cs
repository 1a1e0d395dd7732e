using System.Collections.Immutable;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// What a prior file may say about one model: its parameters (model parameters and likelihood
/// nuisance parameters together), its options, whether it fits datasets (physics models) or is
/// an analytic test problem that takes a <c>problem</c> section instead.
/// </summary>
/// <param name="Name">Registry name, e.g. <c>two-phase</c> or <c>test/gaussian</c>.</param>
/// <param name="Parameters">Every parameter a prior file may name, in the model's order.</param>
/// <param name="Options">Non-numeric options with allowed and default values.</param>
/// <param name="UsesDatasets">True for physics models (a non-empty <c>datasets</c> list is required);
/// false for test problems (no <c>datasets</c>, no <c>likelihood</c>).</param>
/// <param name="RequiresProblem">True when the model needs a <c>problem</c> section (test problems).</param>
public sealed record ModelSchema(
    string Name,
    ImmutableArray<ParameterSchema> Parameters,
    ImmutableArray<OptionSchema> Options,
    bool UsesDatasets,
    bool RequiresProblem);
