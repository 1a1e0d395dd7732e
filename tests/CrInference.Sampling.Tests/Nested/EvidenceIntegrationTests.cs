using System.Collections.Immutable;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>The quadrature step, checked by hand (Skilling 2006 eqs. for X_i and w_i).</summary>
public sealed class EvidenceIntegrationTests
{
    [Fact]
    public void Remove_FirstPoint_ShrinksByOneOverLiveCountWithHalfTrapezoid()
    {
        var sums = new EvidenceIntegration.Accumulator(0.0, double.NegativeInfinity, 0.0, double.NegativeInfinity);

        var dead = EvidenceIntegration.Remove(Point(-2.0), 4, ref sums);

        double width = 1 - Math.Exp(-0.25);
        Assert.Equal(-0.25, dead.LogX, 15);
        Assert.Equal(Math.Log(width) - 2.0 - Math.Log(2), dead.LogWeight, 14);
        Assert.Equal(dead.LogWeight, sums.LogZ, 15);
        // One point holds all the weight: H = ln L̄ − ln Z = −ln ΔX.
        Assert.Equal(-Math.Log(width), sums.Information, 12);
    }

    [Fact]
    public void Remove_SecondPoint_TrapezoidOfBothLikelihoods()
    {
        var sums = new EvidenceIntegration.Accumulator(0.0, double.NegativeInfinity, 0.0, double.NegativeInfinity);
        var first = EvidenceIntegration.Remove(Point(-2.0), 4, ref sums);

        var second = EvidenceIntegration.Remove(Point(-1.0), 3, ref sums);

        double x1 = Math.Exp(-0.25), x2 = Math.Exp(-0.25 - 1.0 / 3);
        double expected = Math.Log(0.5 * (Math.Exp(-2.0) + Math.Exp(-1.0)) * (x1 - x2));
        Assert.Equal(-0.25 - 1.0 / 3, second.LogX, 14);
        Assert.Equal(expected, second.LogWeight, 13);
        Assert.Equal(Math.Log(Math.Exp(first.LogWeight) + Math.Exp(second.LogWeight)), sums.LogZ, 13);
    }

    [Fact]
    public void Remove_ConstantLikelihood_EvidenceTendsToOne()
    {
        // L ≡ 1: Z = Σ ΔX = 1 − X_final apart from the halved first trapezoid, ½(1 − e^{−1/n}).
        const int n = 1000;
        var sums = new EvidenceIntegration.Accumulator(0.0, double.NegativeInfinity, 0.0, double.NegativeInfinity);
        for (int i = 0; i < 20 * n; i++) EvidenceIntegration.Remove(Point(0.0), n, ref sums);

        double expected = 1 - Math.Exp(-20.0) - 0.5 * (1 - Math.Exp(-1.0 / n));
        Assert.Equal(Math.Log(expected), sums.LogZ, 10);
    }

    private static NestedPoint Point(double logLikelihood) =>
        new(ImmutableArray.Create(0.5), ImmutableArray.Create(0.5), 0.0, logLikelihood, []);
}
