using CrInference.Sampling.Comparison;

namespace CrInference.Sampling.Tests.Comparison;

/// <summary>χ²/dof with ν = Σ N − k and upper-tail p-values from standard χ² tables and closed forms.</summary>
public sealed class GoodnessOfFitTests
{
    [Theory]
    [InlineData(3.841459, 1, 0.05)]       // χ²_{1; 0.95} (any table; Abramowitz & Stegun table 26.8)
    [InlineData(18.307038, 10, 0.05)]     // χ²_{10; 0.95}
    [InlineData(43.772972, 30, 0.05)]     // χ²_{30; 0.95}
    [InlineData(6.634897, 1, 0.01)]       // χ²_{1; 0.99}
    [InlineData(124.342113, 100, 0.05)]   // χ²_{100; 0.95}
    public void ChiSquareUpperTail_TableValues(double chiSquare, int dof, double expected)
    {
        Assert.Equal(expected, GoodnessOfFit.ChiSquareUpperTail(chiSquare, dof), 6);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(5.0)]
    [InlineData(40.0)]
    public void ChiSquareUpperTail_TwoDegreesOfFreedom_IsExponential(double chiSquare)
    {
        // For ν = 2 the χ² density is ½ e^{−x/2}, so P(χ² ≥ x) = e^{−x/2}.
        Assert.Equal(Math.Exp(-chiSquare / 2), GoodnessOfFit.ChiSquareUpperTail(chiSquare, 2), 13);
    }

    [Fact]
    public void Summarize_TwoDatasets_PerPointAndTotalWithSharedParameters()
    {
        var summary = GoodnessOfFit.Summarize([new DatasetChiSquare("ams02-p", 30.0, 25), new DatasetChiSquare("ams02-bc", 13.772972, 10)], freeParameters: 5);

        Assert.Equal(1.2, summary.Datasets[0].ChiSquarePerPoint, 14);
        Assert.Equal(1.3772972, summary.Datasets[1].ChiSquarePerPoint, 14);
        Assert.Equal(35, summary.TotalPoints);
        Assert.Equal(30, summary.DegreesOfFreedom);
        Assert.Equal(43.772972 / 30, summary.ReducedChiSquare, 14);
        Assert.Equal(0.05, summary.PValue, 6);
    }

    [Fact]
    public void Summarize_MoreParametersThanPoints_HasNoReducedChiSquare()
    {
        var summary = GoodnessOfFit.Summarize([new DatasetChiSquare("tiny", 1.0, 3)], freeParameters: 3);

        Assert.Equal(0, summary.DegreesOfFreedom);
        Assert.True(double.IsNaN(summary.ReducedChiSquare));
        Assert.True(double.IsNaN(summary.PValue));
    }
}
