using CrInference.Core.Priors;
using MathNet.Numerics.Distributions;

namespace CrInference.Sampling.Tests;

/// <summary>
/// Core stays free of packages, so it keeps its own standard normal CDF and inverse (used by normal priors);
/// they must agree with MathNet.Numerics' <see cref="Normal"/>, an independent implementation, to the accuracy
/// the arithmetic allows.
/// </summary>
public sealed class StandardNormalTests
{
    private const double Epsilon = 2.220446049250313e-16;

    [Fact]
    public void Cdf_AgreesWithMathNetToRoundOff()
    {
        for (double x = -37; x <= 8.5; x += 0.0125)
        {
            double expected = Normal.CDF(0, 1, x);
            // Φ(x) ~ exp(−x²/2): a relative error ε in x becomes x²ε in Φ, so the bound grows with x².
            double bound = (x * x + 10) * Epsilon;
            Assert.True(Math.Abs(StandardNormal.Cdf(x) - expected) <= bound * expected, $"Φ({x}): {StandardNormal.Cdf(x):R} vs {expected:R}");
        }
    }

    [Fact]
    public void InverseCdf_AgreesWithMathNetWhereItIsWellConditioned()
    {
        var probabilities = Enumerable.Range(1, 300).Select(e => Math.Pow(10, -e))
            .Concat(Enumerable.Range(1, 199).Select(i => 0.005 * i)).Append(0.999);
        foreach (double p in probabilities)
        {
            double expected = Normal.InvCDF(0, 1, p);
            Assert.True(Math.Abs(StandardNormal.InverseCdf(p) - expected) <= 1e-14 * Math.Max(Math.Abs(expected), 1),
                $"Φ⁻¹({p:R}): {StandardNormal.InverseCdf(p):R} vs {expected:R}");
        }
    }

    [Theory]
    [InlineData(1e-5)]
    [InlineData(1e-10)]
    [InlineData(1e-15)]
    public void InverseCdf_UpperTail_RoundTripsToTheProbability(double q)
    {
        // Near p = 1 the inverse is ill-conditioned (p holds 1 − q to only ε/q relative), so both implementations are
        // judged by the round trip: Φ(Φ⁻¹(p)) = p to a few ulp of 1.
        double p = 1 - q;
        Assert.True(Math.Abs(StandardNormal.Cdf(StandardNormal.InverseCdf(p)) - p) <= 2 * Epsilon);
        Assert.True(Math.Abs(Normal.CDF(0, 1, Normal.InvCDF(0, 1, p)) - p) <= 2 * Epsilon);
    }
}
