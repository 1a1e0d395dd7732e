using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Runs.Calibration;
using CrInference.Runs.Fit;
using CrInference.Sampling.Calibration;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Nested;

namespace CrInference.Runs.Tests.Calibration;

/// <summary>
/// Simulation-based calibration, end to end through the replicate engine of <c>crinf sbc</c>
/// (<see cref="CalibrationReplicate"/>, <see cref="SbcReport.Analyse"/>), on the conjugate normal model y_i ~ N(x_i, σ²),
/// x_i ~ N(0, 1), σ = 0.2, where the posterior is exact in closed form (Bishop 2006, §2.3.3). With the right likelihood
/// the truth must land in its 68 % and 95 % intervals at the nominal rates within binomial 3σ, for the ensemble sampler
/// and for nested sampling with its weights. With a likelihood that assumes σ_f = σ/2 (a mis-scaled error model) the
/// 68 % coverage must drop to its closed form, 2Φ(z₀.₈₄ v_f / s_e) − 1 = 0.382 (derivation at
/// <see cref="MisScaledCoverage68"/>), far outside nominal: the check fails when it should.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class SbcStatisticalTests
{
    private const double Sigma = 0.2;
    private const int Replicates = 100;
    private const int Draws = 99;

    private static ParameterSpace Space(int dimension) =>
        new(Enumerable.Range(1, dimension).Select(i => new ParameterSpec($"x{i}", $"x_{i}", "", NormalPrior.FromMeanAndSigma(0, 1))));

    private static EnsembleCalibrationSampler Ensemble(int dimension) =>
        new(16, 500, FitSettings.BuildMove(FitDefaults.Moves), [.. Enumerable.Repeat(ParameterStart.Prior, dimension)], 0, Draws);

    private static async Task<IReadOnlyList<SbcReport.ParameterCalibration>> RunAsync(ISimulationTarget target, CalibrationSampler sampler, ulong seed)
    {
        var root = RandomKey.FromSeed(seed);
        var outcomes = new List<ReplicateOutcome>();
        for (int r = 0; r < Replicates; r++)
        {
            outcomes.Add((await CalibrationReplicate.RunAsync(target, sampler, Draws, root.Split((ulong)r), r, 0, null, 1, CancellationToken.None))!);
        }
        return SbcReport.Analyse(outcomes, target.Space, Draws);
    }

    /// <summary>
    /// 68 % coverage with a likelihood assuming σ_f instead of σ, prior N(0, s²), s = 1: the posterior mean is k y with
    /// k = s²/(s² + σ_f²), its σ is v_f = s σ_f/√(s² + σ_f²); the error x − k y = (1 − k) x − k σ ε has
    /// s_e² = (1 − k)² s² + k² σ², so P(|x − k y| ≤ z v_f) = 2Φ(z v_f/s_e) − 1 with z = Φ⁻¹(0.84).
    /// </summary>
    private static double MisScaledCoverage68(double fittedSigma)
    {
        double k = 1 / (1 + fittedSigma * fittedSigma);
        double v = fittedSigma / Math.Sqrt(1 + fittedSigma * fittedSigma);
        double se = Math.Sqrt((1 - k) * (1 - k) + k * k * Sigma * Sigma);
        return 2 * StandardNormal.Cdf(StandardNormal.InverseCdf(0.84) * v / se) - 1;
    }

    [Fact]
    public async Task Ensemble_RightLikelihood_CoversAtNominalRatesWithinThreeSigma()
    {
        var parameters = await RunAsync(new ConjugateGaussianSimulation(Space(3), Sigma), Ensemble(3), seed: 11);

        foreach (var p in parameters)
        {
            Assert.True(p.Coverage68.WithinThreeSigma, $"{p.Name}: 68 % coverage {p.Coverage68.Fraction} (z = {p.Coverage68.ZScore:F2})");
            Assert.True(p.Coverage95.WithinThreeSigma, $"{p.Name}: 95 % coverage {p.Coverage95.Fraction} (z = {p.Coverage95.ZScore:F2})");
        }
        var (within, coverage, uniformity) = SbcReport.Verdict(parameters);
        Assert.True(within && coverage && uniformity, "joint tests at 1 % (Bonferroni)");
    }

    [Fact]
    public async Task Nested_RightLikelihood_WeightedRanksCoverAtNominalRatesWithinThreeSigma()
    {
        var sampler = new NestedCalibrationSampler(new NestedSettings { LiveCount = 100, BatchSize = 16, MaxThreads = 1 });

        var parameters = await RunAsync(new ConjugateGaussianSimulation(Space(2), Sigma), sampler, seed: 12);

        foreach (var p in parameters)
        {
            Assert.True(p.Coverage68.WithinThreeSigma, $"{p.Name}: 68 % coverage {p.Coverage68.Fraction} (z = {p.Coverage68.ZScore:F2})");
            Assert.True(p.Coverage95.WithinThreeSigma, $"{p.Name}: 95 % coverage {p.Coverage95.Fraction} (z = {p.Coverage95.ZScore:F2})");
        }
        Assert.True(SbcReport.Verdict(parameters).UniformityJoint);
    }

    [Fact]
    public async Task Ensemble_LikelihoodWithHalfTheError_FailsAtTheClosedFormCoverage()
    {
        double fitted = Sigma / 2;
        double expected = MisScaledCoverage68(fitted);
        Assert.Equal(0.382, expected, 0.001);

        var parameters = await RunAsync(new ConjugateGaussianSimulation(Space(3), Sigma, fittedSigma: fitted), Ensemble(3), seed: 13);

        var (within, coverage, uniformity) = SbcReport.Verdict(parameters);
        Assert.False(within);
        Assert.False(coverage);
        Assert.False(uniformity);
        foreach (var p in parameters)
        {
            Assert.False(p.Coverage68.WithinThreeSigma);
            // The measured coverage agrees with the closed form within its own binomial 3σ.
            var atExpected = new CoverageCheck(expected, p.Coverage68.Hits, p.Coverage68.Replicates);
            Assert.True(atExpected.WithinThreeSigma, $"{p.Name}: 68 % coverage {p.Coverage68.Fraction}, closed form {expected:F3}");
        }
    }
}
