using CrInference.Runs.Figures;

namespace CrInference.Runs.Tests.Figures;

/// <summary>The deterministic choice of posterior rows behind the spectra bands.</summary>
public sealed class PosteriorDrawsTests
{
    [Fact]
    public void Weighted_FrequenciesFollowTheWeights()
    {
        // A synthetic weighted table (as nested sampling writes): 40 rows, weights from 0 up to a peak, some exactly 0.
        const int rows = 40, draws = 100_000;
        var weights = Enumerable.Range(0, rows).Select(i => i % 7 == 3 ? 0.0 : Math.Exp(-0.5 * Math.Pow((i - 25) / 6.0, 2)) + 0.01 * i).ToArray();
        double total = weights.Sum();

        var picked = PosteriorDraws.Select(rows, keep: null, chain: null, draw: null, weights, draws);

        var counts = new int[rows];
        foreach (int r in picked) counts[r]++;
        for (int i = 0; i < rows; i++)
        {
            double expected = draws * weights[i] / total;
            // Systematic resampling gives every row floor or ceil of N w_i (Kitagawa 1996; Douc & Cappé 2005).
            Assert.InRange(counts[i], Math.Floor(expected) - 1e-9, Math.Ceiling(expected) + 1e-9);
            if (weights[i] == 0) Assert.Equal(0, counts[i]);
        }
    }

    [Fact]
    public void Weighted_SmallSample_EveryPickIsARowOfPositiveWeightAndTheCallIsDeterministic()
    {
        var weights = new[] { 0.0, 1, 0, 3, 0, 6 };
        var first = PosteriorDraws.Select(6, null, null, null, weights, 10);
        var second = PosteriorDraws.Select(6, null, null, null, weights, 10);

        Assert.Equal(first, second);
        Assert.All(first, r => Assert.True(weights[r] > 0));
        // 10 draws of weights 0.1, 0.3, 0.6: 1, 3 and 6 picks exactly.
        Assert.Equal([1, 3, 6], new[] { 1, 3, 5 }.Select(r => first.Count(p => p == r)));
    }

    [Fact]
    public void Unweighted_EvenlySpacedWalkerMajor_SpreadsOverEveryWalkerAndKeepsTheBurnIn()
    {
        // Step-major file order as chains.parquet: row = step * 4 + walker, 4 walkers x 100 steps.
        const int walkers = 4, steps = 100;
        var chain = Enumerable.Range(0, walkers * steps).Select(r => (double)(r % walkers)).ToArray();
        var draw = Enumerable.Range(0, walkers * steps).Select(r => (double)(r / walkers)).ToArray();

        var picked = PosteriorDraws.Select(walkers * steps, r => draw[r] >= 20, chain, draw, null, 8);

        Assert.Equal(8, picked.Length);
        Assert.All(picked, r => Assert.True(draw[r] >= 20));
        // Walker-major spacing over the 320 kept rows: picks at positions 20 + 40 k, i.e. two per walker,
        // at steps 20 + 20 and 20 + 60 of its 80 kept steps.
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], picked.Select(r => (int)chain[r]));
        Assert.Equal([40, 80, 40, 80, 40, 80, 40, 80], picked.Select(r => (int)draw[r]));
    }

    [Fact]
    public void Unweighted_FewerRowsThanDraws_UsesEveryRowOnce()
    {
        var picked = PosteriorDraws.Select(5, null, null, null, null, 200);
        Assert.Equal([0, 1, 2, 3, 4], picked);
    }

    [Fact]
    public void BurnInThreshold_ThinnedChain_CountsStoredSteps()
    {
        // thin = 5 stores draws 4, 9, 14, ...; a burn-in of 2 stored steps keeps draws >= 14.
        var draw = Enumerable.Range(0, 10).SelectMany(s => Enumerable.Repeat(4.0 + 5 * s, 3)).ToArray();
        Assert.Equal(14, PosteriorSpectra.BurnInThreshold(draw, 2));
        Assert.Equal(double.NegativeInfinity, PosteriorSpectra.BurnInThreshold(draw, 0));
    }
}
