using CrInference.Sampling.Comparison;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>Trotta (2008) table 1: |ln B| &lt; 1 inconclusive, 1–2.5 weak, 2.5–5 moderate, ≥ 5 strong.</summary>
public sealed class JeffreysScaleTests
{
    [Theory]
    [InlineData(0.0, "inconclusive")]
    [InlineData(0.99, "inconclusive")]
    [InlineData(1.0, "weak")]
    [InlineData(-2.49, "weak")]
    [InlineData(2.5, "moderate")]
    [InlineData(-4.99, "moderate")]
    [InlineData(5.0, "strong")]
    [InlineData(-120.0, "strong")]
    public void Describe_TrottaThresholds(double logBayesFactor, string expected)
    {
        Assert.Equal(expected, JeffreysScale.Describe(logBayesFactor));
    }

    [Fact]
    public void Classify_NaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JeffreysScale.Classify(double.NaN));
    }
}
