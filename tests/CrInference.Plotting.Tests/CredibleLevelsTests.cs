namespace CrInference.Plotting.Tests;

public sealed class CredibleLevelsTests
{
    // Expected values are hand-computed from the inverted-CDF definition (numpy:
    // np.quantile(v, q, weights=w, method="inverted_cdf") gives the same numbers).
    [Theory]
    [InlineData(0.16, 1.0)]   // 0.16·8 = 1.28 → 2nd sorted value
    [InlineData(0.50, 3.0)]   // 0.50·8 = 4    → 4th sorted value
    [InlineData(0.84, 6.0)]   // 0.84·8 = 6.72 → 7th sorted value
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 9.0)]
    public void Quantiles_UnweightedSmallSample_InvertedCdf(double q, double expected)
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6];

        double[] result = CredibleLevels.Quantiles(values, [], q);

        Assert.Equal(expected, result[0]);
    }

    [Fact]
    public void Quantiles_WeightedSmallSample_MatchesRepeatedRows()
    {
        double[] values = [2, 1, 3];
        double[] weights = [2, 1, 1];
        double[] repeated = [2, 2, 1, 3];
        double[] probabilities = [0.16, 0.25, 0.26, 0.5, 0.74, 0.76, 0.84];

        double[] weighted = CredibleLevels.Quantiles(values, weights, probabilities);
        double[] unweighted = CredibleLevels.Quantiles(repeated, [], probabilities);

        // Cumulative weight fractions of sorted values 1, 2, 3 are 0.25, 0.75, 1.
        Assert.Equal([1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0], weighted);
        Assert.Equal(weighted, unweighted);
    }

    [Fact]
    public void Quantiles_WeightsRescaled_Unchanged()
    {
        double[] values = [0.3, -1.2, 2.5, 0.9, 1.7];
        double[] weights = [0.1, 0.4, 0.2, 0.2, 0.1];
        double[] scaled = [.. weights.Select(w => w * 1e6)];

        Assert.Equal(
            CredibleLevels.Quantiles(values, weights, 0.16, 0.5, 0.84),
            CredibleLevels.Quantiles(values, scaled, 0.16, 0.5, 0.84));
    }

    [Fact]
    public void Summarize_KnownSample_GivesSixteenFiftyEightyFour()
    {
        double[] values = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        MarginalSummary summary = CredibleLevels.Summarize(values, []);

        Assert.Equal(new MarginalSummary(16, 50, 84), summary);
        Assert.Equal(34, summary.PlusError);
        Assert.Equal(34, summary.MinusError);
    }

    [Fact]
    public void EffectiveSampleSize_Kish_ExactValues()
    {
        Assert.Equal(4.0, CredibleLevels.EffectiveSampleSize([1, 1, 1, 1], 4));
        Assert.Equal(1.0, CredibleLevels.EffectiveSampleSize([5, 0, 0, 0], 4));
        Assert.Equal(36.0 / 14.0, CredibleLevels.EffectiveSampleSize([1, 2, 3], 3), 12);
        Assert.Equal(7.0, CredibleLevels.EffectiveSampleSize([], 7));
    }

    [Theory]
    [InlineData(100.0, 20)]
    [InlineData(10_000.0, 40)]
    [InlineData(40_000.0, 80)]
    [InlineData(1e7, 120)]
    public void BinsPerAxis_FromEffectiveSampleSize(double nEff, int expected) =>
        Assert.Equal(expected, CredibleLevels.BinsPerAxis(nEff));
}
