using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Posterior.TestProblems;

/// <summary>
/// Builds a test problem from a prior file's <c>model:</c> name, its parameters and its
/// <c>problem:</c> settings. Parameters must be named x1 … xD in order. Recognised settings (all
/// optional; <c>dimension</c>, when given, must equal the number of parameters):
/// <list type="table">
/// <item><term>test/gaussian</term><description>dimension, mean (0), sigma (1), correlation (0)</description></item>
/// <item><term>test/gaussian-shell</term><description>dimension, radius (2), width (0.1), centre (3.5)</description></item>
/// <item><term>test/egg-box</term><description>dimension (must be 2)</description></item>
/// <item><term>test/rosenbrock</term><description>dimension, temperature (20; 1 = standard form)</description></item>
/// <item><term>test/conjugate-gaussian</term><description>dimension, mean (0.5), sigma (0.2); normal priors</description></item>
/// </list>
/// Errors are <see cref="ArgumentException"/>s whose <see cref="ArgumentException.ParamName"/> is the
/// offending key (<c>model</c>, <c>params</c> or <c>problem.&lt;key&gt;</c>) so a config reader can point at it.
/// </summary>
public static class TestProblemCatalog
{
    private static readonly Dictionary<string, string[]> Keys = new(StringComparer.Ordinal)
    {
        ["test/gaussian"] = ["dimension", "mean", "sigma", "correlation"],
        ["test/gaussian-shell"] = ["dimension", "radius", "width", "centre"],
        ["test/egg-box"] = ["dimension"],
        ["test/rosenbrock"] = ["dimension", "temperature"],
        ["test/conjugate-gaussian"] = ["dimension", "mean", "sigma"],
    };

    /// <summary>Every test-problem model name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Keys.Keys];

    /// <summary>True when <paramref name="model"/> names a test problem.</summary>
    public static bool Contains(string model) => Keys.ContainsKey(model);

    /// <summary>The <c>problem:</c> keys <paramref name="model"/> accepts.</summary>
    public static IReadOnlyList<string> SettingsOf(string model) =>
        Keys.TryGetValue(model, out var keys) ? keys : throw UnknownModel(model);

    /// <summary>Builds <paramref name="model"/> over <paramref name="space"/> with the given settings.</summary>
    public static ITestProblem Create(string model, ParameterSpace space, IReadOnlyDictionary<string, double> problem)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(problem);
        if (!Keys.TryGetValue(model, out var allowed)) throw UnknownModel(model);
        foreach (string key in problem.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw new ArgumentException($"{model} has no setting '{key}' (known: {string.Join(", ", allowed)})", $"problem.{key}");
            }
        }
        if (problem.TryGetValue("dimension", out double dimension) && dimension != space.Dimension)
        {
            throw new ArgumentException($"{model}: dimension is {dimension} but {space.Dimension} parameters are listed", "problem.dimension");
        }
        for (int i = 0; i < space.Dimension; i++)
        {
            if (space.Parameters[i].Name != $"x{i + 1}")
            {
                throw new ArgumentException(
                    $"{model} expects parameters x1 … x{space.Dimension} in order; parameter {i + 1} is '{space.Parameters[i].Name}'", "params");
            }
        }
        double Get(string key, double fallback) => problem.TryGetValue(key, out double v) ? v : fallback;
        try
        {
            return model switch
            {
                "test/gaussian" => new GaussianProblem(space, Get("mean", 0.0), Get("sigma", 1.0), Get("correlation", 0.0)),
                "test/gaussian-shell" => new GaussianShellProblem(space, Get("radius", 2.0), Get("width", 0.1), Get("centre", 3.5)),
                "test/egg-box" => new EggBoxProblem(space),
                "test/rosenbrock" => new RosenbrockProblem(space, Get("temperature", 20.0)),
                "test/conjugate-gaussian" => new ConjugateGaussianProblem(space, Get("mean", 0.5), Get("sigma", 0.2)),
                _ => throw UnknownModel(model),
            };
        }
        catch (ArgumentException e) when (e.ParamName is { } name && allowed.Contains(name))
        {
            // ArgumentException.Message ends with " (Parameter 'name')"; the new ParamName says it instead.
            string suffix = $" (Parameter '{name}')";
            string text = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
            throw new ArgumentException($"{model}: {text}", $"problem.{name}", e);
        }
    }

    /// <summary>
    /// The reference problems of <c>priors/tests/*.yaml</c>, with the priors and settings written there:
    /// test/gaussian (3-D, correlation 0.5, U[−10, 10]³), test/gaussian-shell in 2-D and 5-D
    /// (U[−6, 6]^D), test/egg-box (U[0, 10π]²), test/rosenbrock (2-D, T = 20, U[−5, 5]²) and
    /// test/conjugate-gaussian (5-D, μ = 0.5, σ = 0.2, N(0, 1) priors). Each has an exact ln Z.
    /// </summary>
    public static IReadOnlyList<ITestProblem> ReferenceProblems() =>
    [
        Create("test/gaussian", Space(3, () => UniformPrior.FromBounds(-10, 10)), new Dictionary<string, double> { ["correlation"] = 0.5 }),
        Create("test/gaussian-shell", Space(2, () => UniformPrior.FromBounds(-6, 6)), new Dictionary<string, double>()),
        Create("test/gaussian-shell", Space(5, () => UniformPrior.FromBounds(-6, 6)), new Dictionary<string, double>()),
        Create("test/egg-box", Space(2, () => UniformPrior.FromBounds(0, 10 * Math.PI)), new Dictionary<string, double>()),
        Create("test/rosenbrock", Space(2, () => UniformPrior.FromBounds(-5, 5)), new Dictionary<string, double> { ["temperature"] = 20 }),
        Create("test/conjugate-gaussian", Space(5, () => NormalPrior.FromMeanAndSigma(0, 1)), new Dictionary<string, double> { ["mean"] = 0.5, ["sigma"] = 0.2 }),
    ];

    /// <summary>Parameters x1 … x<paramref name="dimension"/> with priors from <paramref name="prior"/>.</summary>
    public static ParameterSpace Space(int dimension, Func<IPrior1D> prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        return new(Enumerable.Range(1, dimension).Select(i => new ParameterSpec($"x{i}", $"x_{{{i}}}", "", prior())));
    }

    private static ArgumentException UnknownModel(string model) =>
        new($"unknown test problem '{model}' (known: {string.Join(", ", Keys.Keys)})", "model");
}
