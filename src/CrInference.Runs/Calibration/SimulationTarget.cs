using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Posterior;
using CrInference.Posterior.TestProblems;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Calibration;

/// <summary>
/// A posterior whose data can be simulated, which is what simulation-based calibration needs: given a true point,
/// draw data from the likelihood's own error model and return the posterior given those data.
/// </summary>
public interface ISimulationTarget
{
    /// <summary>The parameters and their priors (the truths are drawn from them).</summary>
    ParameterSpace Space { get; }

    /// <summary>
    /// Draws data at <paramref name="truthSampled"/> (sampled coordinates) with <paramref name="dataKey"/> and returns
    /// the posterior given them; null with a reason when the model fails at the truth (its likelihood is zero there).
    /// </summary>
    IPosterior? Condition(ReadOnlySpan<double> truthSampled, RandomKey dataKey, out string? failure);
}

/// <summary>The simulation target of a prior file's posterior.</summary>
public static class SimulationTargets
{
    /// <summary>A transport model's posterior (mock data on its datasets) or <c>test/conjugate-gaussian</c>; other test
    /// problems have no data model and are refused.</summary>
    public static ISimulationTarget For(PosteriorBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (build.Transport is { } transport) return new TransportSimulation(new MockDataTemplate(transport));
        if (build.TestProblem is ConjugateGaussianProblem conjugate) return new ConjugateGaussianSimulation(conjugate.Space, conjugate.Sigma);
        throw new UserInputException($"{build.Spec.SourcePath}: {build.Spec.Model} is an analytic test problem without a data model; simulation needs a transport model or test/conjugate-gaussian");
    }
}

/// <summary>Mock data of a transport posterior (<see cref="MockDataTemplate"/>).</summary>
public sealed class TransportSimulation(MockDataTemplate template) : ISimulationTarget
{
    public ParameterSpace Space => template.Posterior.Space;

    public IPosterior? Condition(ReadOnlySpan<double> truthSampled, RandomKey dataKey, out string? failure)
    {
        var tables = template.Draw(truthSampled, dataKey, out failure);
        return tables is null ? null : template.Condition(tables);
    }
}
