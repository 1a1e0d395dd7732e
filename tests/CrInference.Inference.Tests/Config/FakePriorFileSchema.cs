using CrInference.Config.PriorFiles;

namespace CrInference.Inference.Tests.Config;

/// <summary>
/// A schema with invented models for parser tests: <c>two-phase</c> (four defaultable
/// parameters plus the nuisance <c>solar_phi_GV</c>, option <c>kappa</c>), <c>toy</c> (parameter
/// <c>a</c> has no default) and the test problem <c>test/gaussian</c> (parameters x0…x{d−1},
/// dimensions 1 to 10).
/// </summary>
internal sealed class FakePriorFileSchema : IPriorFileSchema
{
    public static FakePriorFileSchema Instance { get; } = new();

    public IReadOnlyList<string> ModelNames { get; } = ["two-phase", "toy", "test/gaussian"];

    public IReadOnlyList<string> DatasetIds { get; } = ["ams02-bc-2021", "ams02-p-2015", "voyager1-h-2016"];

    public IReadOnlyList<string> MoveNames { get; } = ["stretch", "de"];

    public ModelSchema FindModel(string model, ProblemSpec? problem) => model switch
    {
        "two-phase" => new ModelSchema(
            model,
            [
                new ParameterSchema("warm_n_cm3", "cm^-3", "n_W", 0.2, Minimum: 0),
                new ParameterSchema("gamma_inj", "", "\\gamma", 4.2),
                new ParameterSchema("halo_r_kpc", "kpc", "R_h", 10, Minimum: 0),
                new ParameterSchema("ion_fraction", "", "x_i", 0.01, Minimum: 0, Maximum: 1, MinimumExclusive: false),
                new ParameterSchema("solar_phi_GV", "GV", "\\phi", 0.6, Minimum: 0, MinimumExclusive: false),
            ],
            [new OptionSchema("kappa", ["fast-modes", "power-law"], "fast-modes")],
            UsesDatasets: true,
            RequiresProblem: false),
        "toy" => new ModelSchema(model, [new ParameterSchema("a", "", "a", null), new ParameterSchema("b", "", "b", 1.0)], [], true, false),
        "test/gaussian" => problem is { Dimension: > 10 }
            ? throw new ArgumentException($"test/gaussian offers dimensions 1 to 10 (got {problem.Dimension})")
            : new ModelSchema(
                model,
                [.. Enumerable.Range(0, problem?.Dimension ?? 1).Select(i => new ParameterSchema($"x{i}", "", $"x_{i}", null))],
                [],
                UsesDatasets: false,
                RequiresProblem: true),
        _ => throw new ArgumentException($"no model {model}"),
    };

    /// <summary>The toy model fits protons only.</summary>
    public string? DatasetProblem(ModelSchema model, string datasetId) =>
        model.Name == "toy" && datasetId == "ams02-bc-2021" ? "model 'toy' does not predict B/C" : null;
}
