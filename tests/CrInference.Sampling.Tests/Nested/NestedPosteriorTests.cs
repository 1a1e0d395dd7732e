using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>Weighted posterior samples against the analytic posterior moments.</summary>
[Trait("Category", "Statistical")]
public sealed class NestedPosteriorTests
{
    [Fact]
    public void Run_CorrelatedGaussian_WeightedMomentsMatchLikelihood()
    {
        var problem = (GaussianProblem)NestedTestSupport.Reference("test/gaussian/3");

        var result = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);
        var (mean, covariance) = WeightedMoments(result);

        // The box [−10, 10]³ is 10σ wide, so the posterior is N(0, Σ), Σ_ii = 1, Σ_ij = 0.5. With an
        // effective sample size above 1000 the standard errors are ≈ 0.03 (mean) and 0.045 (variance).
        Assert.True(result.EffectiveSampleSize > 1000, $"ESS {result.EffectiveSampleSize}");
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(mean[i], problem.Mean - 0.15, problem.Mean + 0.15);
            for (int j = 0; j < 3; j++)
            {
                double expected = problem.Covariance(i, j);
                Assert.InRange(covariance[i, j], expected - 0.2, expected + 0.2);
            }
        }
    }

    [Fact]
    public void Run_ConjugateGaussian_WeightedMomentsMatchClosedForm()
    {
        var problem = (ConjugateGaussianProblem)NestedTestSupport.Reference("test/conjugate-gaussian/5");

        var result = NestedSampler.Run(problem, new NestedSettings(), NestedTestSupport.Key);
        var (mean, covariance) = WeightedMoments(result);

        // Posterior N(m₁, v₁) per coordinate (Bishop 2006 eq. 2.141–2.142): m₁ = 0.4808, v₁ = 0.03846,
        // sd 0.196; standard errors ≈ 0.006 (mean) and 0.002 (variance) at ESS > 1000.
        for (int i = 0; i < 5; i++)
        {
            var (m, v) = problem.TemperedMoments(i, 1.0);
            Assert.InRange(mean[i], m - 0.03, m + 0.03);
            Assert.InRange(covariance[i, i], 0.8 * v, 1.2 * v);
        }
    }

    [Fact]
    public void Run_AnyProblem_WeightsArePositiveAndSumToOne()
    {
        var result = NestedSampler.Run(NestedTestSupport.Reference("test/rosenbrock/2"), new NestedSettings { LiveCount = 100 }, NestedTestSupport.Key);

        Assert.All(result.Weights, w => Assert.True(w >= 0));
        Assert.Equal(1.0, result.Weights.Sum(), 12);
        Assert.Equal(result.DeadPoints.Length, result.Weights.Length);
    }

    private static (double[] Mean, double[,] Covariance) WeightedMoments(NestedResult result)
    {
        int d = result.DeadPoints[0].Point.Sampled.Length;
        var mean = new double[d];
        for (int k = 0; k < result.DeadPoints.Length; k++)
        {
            for (int i = 0; i < d; i++) mean[i] += result.Weights[k] * result.DeadPoints[k].Point.Sampled[i];
        }
        var covariance = new double[d, d];
        for (int k = 0; k < result.DeadPoints.Length; k++)
        {
            var x = result.DeadPoints[k].Point.Sampled;
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++) covariance[i, j] += result.Weights[k] * (x[i] - mean[i]) * (x[j] - mean[j]);
            }
        }
        return (mean, covariance);
    }
}
