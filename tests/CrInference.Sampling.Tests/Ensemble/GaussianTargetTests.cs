using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;
using Xunit.Abstractions;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>
/// The shared statistical harness on a correlated 5-D Gaussian, for every move. Exact values from the
/// target's construction (<see cref="CorrelatedGaussianPosterior"/>): means μ_i, variances σ_i² and
/// correlations s_i s_j ρ^|i−j| (ρ = 0.8). Each is checked as an expectation within 3 Monte-Carlo σ, the
/// error from the ESS of the statistic's own series: E[x_i] = μ_i; E[(x_i − μ_i)²] = σ_i² (to first order the
/// same pull as checking the sd, whose error is half the relative error of the variance);
/// E[(x_i − μ_i)(x_j − μ_j)/(σ_i σ_j)] = ρ_ij.
/// </summary>
[Trait("Category", "Statistical")]
public class GaussianTargetTests(ITestOutputHelper output)
{
    public static TheoryData<string> Moves => ["stretch", "de", "mixture"];

    internal static IEnsembleMove MoveNamed(string name) => name switch
    {
        "stretch" => new StretchMove(),
        "de" => new DifferentialEvolutionMove(),
        "mixture" => new WeightedMixtureMove([(new DifferentialEvolutionMove(), 0.8), (new StretchMove(), 0.2)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Sample_Correlated5DGaussian_MeansVariancesCorrelationsWithinThreeMonteCarloSigma(string move)
    {
        var target = CorrelatedGaussianPosterior.FiveDimensional();
        double[] startSigma = target.Sigma.Select(s => 0.1 * s).ToArray();
        var chain = EnsembleHarness.Run(target, MoveNamed(move), walkers: 32, burnIn: 1000, steps: 8000,
            seed: EnsembleHarness.Seed(101), startMean: target.Mean, startSigma: startSigma);

        var checks = new EnsembleHarness.Checks(chain);
        for (int i = 0; i < 5; i++)
        {
            int a = i;
            checks.Expect($"mean x{a}", x => x[a], target.Mean[a]);
            checks.Expect($"var x{a}", x => (x[a] - target.Mean[a]) * (x[a] - target.Mean[a]), target.Sigma[a] * target.Sigma[a]);
            for (int j = i + 1; j < 5; j++)
            {
                int b = j;
                checks.Expect($"corr x{a},x{b}",
                    x => (x[a] - target.Mean[a]) * (x[b] - target.Mean[b]) / (target.Sigma[a] * target.Sigma[b]),
                    target.Correlation(a, b));
            }
        }
        output.WriteLine($"{move}: acceptance {chain.Run.AcceptanceFraction:F3}");
        output.WriteLine(checks.Log);
        checks.AssertAll();

        // A healthy run: acceptance in Goodman & Weare's useful range and no walker flagged as stuck.
        var summary = ChainSummary.Compute(chain.Positions, chain.Accepted, chain.Walkers, chain.Dimension);
        Assert.InRange(summary.Acceptance.Overall, 0.15, 0.7);
        Assert.True(summary.StuckWalkers.IsHealthy, string.Join("; ", summary.StuckWalkers.Stuck));
        Assert.True(summary.IsReliable);
    }
}
