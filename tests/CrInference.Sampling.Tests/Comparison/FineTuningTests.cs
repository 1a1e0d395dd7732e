using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Tests.Tempering;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>Posterior-to-prior width ratios and the 10 % Δχ² against closed forms.</summary>
public sealed class FineTuningTests
{
    [Fact]
    public void Quantile_Weighted_InterpolatesBetweenWeightMidpoints()
    {
        // Midpoints F = 0.05, 0.2, 0.45, 0.8 for values 1, 2, 3, 4.
        var samples = new WeightedSamples(1, [3.0, 1.0, 4.0, 2.0], [0.3, 0.1, 0.4, 0.2], [0, 0, 0, 0]);

        Assert.Equal(1 + 0.11 / 0.15, samples.Quantile(0, 0.16), 14);
        Assert.Equal(3 + 0.05 / 0.35, samples.Quantile(0, 0.5), 14);
        Assert.Equal(4.0, samples.Quantile(0, 0.9));
        Assert.Equal(1.0, samples.Quantile(0, 0.01));
    }

    [Fact]
    public void Quantile_EqualWeights_IsHyndmanFanType5()
    {
        var samples = WeightedSamples.Unweighted(1, [.. Enumerable.Range(1, 10).Select(i => (double)i)], new double[10]);

        // Type 5: h = N p + ½, x = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
        Assert.Equal(2.1, samples.Quantile(0, 0.16), 13);
        Assert.Equal(5.5, samples.Quantile(0, 0.5), 13);
        Assert.Equal(8.9, samples.Quantile(0, 0.84), 13);
    }

    [Fact]
    public void WidthRatios_ConjugatePosterior_IsPosteriorOverPriorSigma()
    {
        var problem = TemperingTestSupport.Conjugate(1);
        var samples = ExactDraws.Conjugate(problem, 40_000, seed: 31);

        var ratio = FineTuning.WidthRatios(samples, problem.Space).Single();

        // Posterior N(m, 1/26) and prior N(0, 1): both 68 % widths are 2σ, so the ratio is 1/√26 = 0.19612;
        // for a normal prior SampledWidth is the 68 % width, so both ratios agree. 40 000 draws: ±0.5 %.
        Assert.Equal(2.0, ratio.PriorSampledWidth, 10);
        Assert.Equal(2.0, ratio.PriorWidth68, 10);
        Assert.Equal(1 / Math.Sqrt(26), ratio.Ratio, 0.004);
        Assert.Equal(ratio.Ratio, ratio.RatioToPrior68, 10);
    }

    [Fact]
    public void WidthRatios_ImportanceWeightedPriorDraws_RecoverThePosteriorWidth()
    {
        // Nested-style weights: draws from the prior N(0, 1) weighted by L(x) = N(x; 0.5, 0.2²).
        var problem = TemperingTestSupport.Conjugate(1);
        var random = RandomKey.FromSeed(32).Open();
        const int n = 100_000;
        var x = new double[n];
        var weights = new double[n];
        var logLikelihoods = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextGaussian();
            logLikelihoods[i] = problem.LogLikelihood([x[i]], []);
            weights[i] = Math.Exp(logLikelihoods[i]);
        }
        var samples = new WeightedSamples(1, x, weights, logLikelihoods);

        var ratio = FineTuning.WidthRatios(samples, problem.Space).Single();

        // Kish ESS/n = E[L]²/E[L²] = N(0.5; 0, 1.04)² / [N(0.5; 0, 1.02)/(2√π σ)] = 0.244; the 68 % width of
        // 24 000 effective draws is good to ≈ 0.7 % (0.0014).
        Assert.Equal(1 / Math.Sqrt(26), ratio.Ratio, 0.005);
        Assert.InRange(samples.EffectiveSampleSize, 0.23 * n, 0.26 * n);
    }

    [Fact]
    public void WidthRatios_PosteriorEqualToBoundedPrior_Is0683OfItsWidthAnd1OfIts68PercentWidth()
    {
        var space = new ParameterSpace(
        [
            new ParameterSpec("a", "a", "", UniformPrior.FromBounds(0, 10)),
            new ParameterSpec("b", "b", "", LogUniformPrior.FromBounds(1, 1e4)),
        ]);
        var random = RandomKey.FromSeed(33).Open();
        const int n = 40_000;
        var positions = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            positions[2 * i] = 10 * random.NextDouble();
            positions[2 * i + 1] = Math.Log(1e4) * random.NextDouble();   // sampled coordinate of b is ln b
        }
        var samples = WeightedSamples.Unweighted(2, positions, new double[n]);

        var ratios = FineTuning.WidthRatios(samples, space);

        // Uniform in the sampled coordinate: the 15.87–84.13 % range is 68.27 % of the width.
        Assert.Equal(0.6827, ratios[0].Ratio, 0.006);
        Assert.Equal(0.6827, ratios[1].Ratio, 0.006);
        Assert.Equal(Math.Log(1e4), ratios[1].PriorSampledWidth, 12);
        Assert.Equal(1.0, ratios[0].RatioToPrior68, 0.01);
        Assert.Equal(1.0, ratios[1].RatioToPrior68, 0.01);
    }

    [Fact]
    public void ChiSquareShifts_QuadraticChiSquare_GivesTheClosedFormInBothDirections()
    {
        var space = new ParameterSpace(
        [
            new ParameterSpec("a", "a", "", UniformPrior.FromBounds(-10, 10)),
            new ParameterSpec("b", "b", "", LogUniformPrior.FromBounds(0.1, 100)),
            new ParameterSpec("c", "c", "", UniformPrior.FromBounds(-1, 1)),
            new ParameterSpec("d", "d", "", UniformPrior.FromBounds(0, 1.05)),
        ]);
        // χ² = ((a − 2)/0.5)² + ((b − 5)/0.25)² + c² + ((d − 1)/0.1)², best fit (2, 5, 0, 1).
        double ChiSquare(double[] sampled)
        {
            var x = new double[4];
            space.ToPhysical(sampled, x);
            return Math.Pow((x[0] - 2) / 0.5, 2) + Math.Pow((x[1] - 5) / 0.25, 2) + x[2] * x[2] + Math.Pow((x[3] - 1) / 0.1, 2);
        }
        double[] best = [2, Math.Log(5), 0, 1];

        var shifts = FineTuning.ChiSquareShifts(space, best, ChiSquare);

        // ±10 %: Δχ² = (0.1 x̂ / σ)² each way: 0.16 for a, 4 for b (moved as 5 × 1.1 in physical units), 1 for d.
        Assert.Equal(0.16, shifts[0].DeltaChiSquareUp, 12);
        Assert.Equal(0.16, shifts[0].DeltaChiSquareDown, 12);
        Assert.Equal(4.0, shifts[1].DeltaChiSquareUp, 10);
        Assert.Equal(4.0, shifts[1].DeltaChiSquareDown, 10);
        Assert.Equal(4.0, shifts[1].MaxDeltaChiSquare, 10);
        Assert.Equal(5.0, shifts[1].BestFitValue, 12);
        Assert.True(double.IsNaN(shifts[2].DeltaChiSquareUp), "a best fit at 0 cannot move by a fraction of itself");
        Assert.True(double.IsNaN(shifts[2].MaxDeltaChiSquare));
        Assert.Equal(1.0, shifts[3].DeltaChiSquareUp, 12);
        Assert.True(shifts[3].UpOutsidePrior);
        Assert.False(shifts[3].DownOutsidePrior);
        Assert.All(shifts, s => Assert.Equal(0.0, s.ChiSquareBestFit, 12));
    }
}
