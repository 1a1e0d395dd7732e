using CrInference.Core.Random;
using CrInference.Sampling.Calibration;

namespace CrInference.Sampling.Tests.Calibration;

/// <summary>The SBC statistics against hand computations: ranks and CDFs of small samples, the χ² uniformity test and
/// binomial band of a small histogram, coverage z-scores and the Bonferroni rule.</summary>
public sealed class CalibrationStatisticsTests
{
    [Fact]
    public void Rank_CountsTheDrawsBelowTheTruth()
    {
        var ties = RandomKey.FromSeed(1).Open();
        Assert.Equal(2, CalibrationRanks.Rank([4.0, 1.0, 3.0, 2.0], 2.5, ref ties));
        Assert.Equal(0, CalibrationRanks.Rank([4.0, 1.0], 0.5, ref ties));
        Assert.Equal(2, CalibrationRanks.Rank([4.0, 1.0], 5.0, ref ties));
    }

    [Fact]
    public void Rank_TiesAreBrokenUniformlyOverEveryPlaceAmongTheEqualDraws()
    {
        // One draw below, three equal, one above: the rank is 1 + U{0..3}, each of 1, 2, 3, 4 with probability 1/4.
        double[] draws = [2.0, 1.0, 2.0, 3.0, 2.0];
        var counts = new int[6];
        for (ulong k = 0; k < 4000; k++)
        {
            var ties = RandomKey.FromSeed(7).Split(k).Open();
            counts[CalibrationRanks.Rank(draws, 2.0, ref ties)]++;
        }
        Assert.Equal(0, counts[0]);
        Assert.Equal(0, counts[5]);
        // Each count is Binomial(4000, 1/4): mean 1000, σ = 27.4; 4σ bounds.
        for (int r = 1; r <= 4; r++) Assert.InRange(counts[r], 890, 1110);
    }

    [Fact]
    public void CdfAt_EqualAndWeightedDraws_ByHand()
    {
        Assert.Equal(0.5, CalibrationRanks.CdfAt([1.0, 2.0, 3.0, 4.0], [], 2.5), 15);
        // Weights 0.1, 0.2, 0.3, 0.4; the truth equals the third draw: 0.1 + 0.2 + 0.3/2 = 0.45.
        Assert.Equal(0.45, CalibrationRanks.CdfAt([1.0, 2.0, 3.0, 4.0], [0.1, 0.2, 0.3, 0.4], 3.0), 15);
        // Unnormalised weights give the same fraction.
        Assert.Equal(0.45, CalibrationRanks.CdfAt([1.0, 2.0, 3.0, 4.0], [1, 2, 3, 4], 3.0), 15);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 50)]
    [InlineData(0.999, 99)]
    [InlineData(1.0, 99)]
    [InlineData(0.0099, 0)]
    [InlineData(0.0100, 1)]
    public void RankFromCdf_IsFloorOfUTimesLPlusOne(double cdf, int rank) => Assert.Equal(rank, CalibrationRanks.RankFromCdf(cdf, 99));

    [Fact]
    public void InCentralInterval_BoundsAreTheQuantiles()
    {
        Assert.True(CalibrationRanks.InCentralInterval(0.16, 0.68));
        Assert.True(CalibrationRanks.InCentralInterval(0.84, 0.68));
        Assert.False(CalibrationRanks.InCentralInterval(0.159, 0.68));
        Assert.True(CalibrationRanks.InCentralInterval(0.025, 0.95));
        Assert.False(CalibrationRanks.InCentralInterval(0.976, 0.95));
    }

    [Fact]
    public void RankHistogram_TwoBinsOfEightRanks_ByHand()
    {
        // L = 3 (ranks 0..3), 2 bins of 2 ranks: counts 3 and 5, expected 4; χ² = (1 + 1)/4 = 0.5 with 1 dof:
        // P(χ²₁ ≥ 0.5) = erfc(√0.25) = 0.479500. Band of Binomial(8, 1/2): P(X ≤ 0) = 1/256 < 0.005 ≤ P(X ≤ 1) = 9/256,
        // P(X ≤ 6) = 247/256 < 0.995 ≤ P(X ≤ 7) = 255/256: band [1, 7].
        var histogram = RankHistogram.Of([0, 1, 1, 2, 3, 3, 3, 3], draws: 3, bins: 2);
        Assert.Equal([3, 5], histogram.Counts);
        Assert.Equal(0.5, histogram.ChiSquare, 15);
        Assert.Equal(0.479500122, histogram.PValue, 8);
        Assert.Equal(1, histogram.BandLow);
        Assert.Equal(7, histogram.BandHigh);
    }

    [Theory]
    [InlineData(200, 99, 20)]
    [InlineData(40, 99, 5)]
    [InlineData(9, 99, 1)]
    [InlineData(100, 9, 10)]
    public void DefaultBins_LargestDivisorWithFiveExpectedPerBin(int replicates, int draws, int bins) =>
        Assert.Equal(bins, RankHistogram.DefaultBins(replicates, draws));

    [Fact]
    public void RankHistogram_BinsThatDoNotDivideTheRanks_AreRefused() =>
        Assert.Throws<ArgumentException>(() => RankHistogram.Of([0, 1], draws: 99, bins: 7));

    [Fact]
    public void CoverageCheck_ZScoreAndPValue_ByHand()
    {
        // 60 of 100 in the 68 % interval: σ = √(0.68 × 0.32/100) = 0.0466476, z = −0.08/σ = −1.714986,
        // p = 2(1 − Φ(1.71498)) = erfc(1.71498/√2) = 0.0863478.
        var check = new CoverageCheck(0.68, 60, 100);
        Assert.Equal(0.0466476, check.BinomialError, 7);
        Assert.Equal(-1.714986, check.ZScore, 6);
        Assert.Equal(0.0863478, check.PValue, 6);
        Assert.True(check.WithinThreeSigma);
        Assert.False(new CoverageCheck(0.68, 53, 100).WithinThreeSigma);
    }

    [Fact]
    public void JointPasses_IsBonferroni()
    {
        Assert.True(CoverageCheck.JointPasses([0.006, 0.5], 0.01));
        Assert.False(CoverageCheck.JointPasses([0.004, 0.5], 0.01));
    }
}
