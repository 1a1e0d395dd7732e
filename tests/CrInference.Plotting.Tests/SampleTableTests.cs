namespace CrInference.Plotting.Tests;

public sealed class SampleTableTests
{
    private static SampleTable TwoWalkers() => new(
        [
            new SampleColumn("chain", [0, 1, 0, 1, 0, 1, 0, 1]),
            new SampleColumn("draw", [0, 0, 1, 1, 2, 2, 3, 3]),
            new SampleColumn("x", [10, 20, 11, 21, 12, 22, 13, 23]),
            new SampleColumn("log_prior", [0, 0, 0, 0, 0, 0, 0, 0]),
            new SampleColumn("accepted", [1, 1, 1, 1, 1, 1, 1, 1]),
        ],
        "t.parquet");

    [Fact]
    public void ParameterNames_SkipsBookkeepingColumns() =>
        Assert.Equal(["x"], TwoWalkers().ParameterNames);

    [Fact]
    public void WithBurnIn_DrawColumn_DropsEarlyDrawsOfEveryWalker() =>
        Assert.Equal([12.0, 22, 13, 23], TwoWalkers().WithBurnIn(2).GetColumn("x").Values);

    [Fact]
    public void Thinned_DrawColumn_KeepsEveryWalker() =>
        Assert.Equal([10.0, 20, 12, 22], TwoWalkers().Thinned(2).GetColumn("x").Values);

    [Fact]
    public void WithBurnIn_ChainWithoutDraw_CountsRowsPerChain()
    {
        var table = new SampleTable([new SampleColumn("chain", [0, 1, 0, 1, 0, 1]), new SampleColumn("x", [1, 2, 3, 4, 5, 6])]);

        Assert.Equal([5.0, 6], table.WithBurnIn(2).GetColumn("x").Values);
    }

    [Fact]
    public void BurnInAndThin_NoChainOrDraw_UseRowOrder()
    {
        var table = new SampleTable([new SampleColumn("x", [1, 2, 3, 4, 5, 6, 7])]);

        Assert.Equal([3.0, 5, 7], table.WithBurnIn(2).Thinned(2).GetColumn("x").Values);
    }

    [Fact]
    public void Weights_WeightColumn_UsedAndCarriedThroughSelections()
    {
        var table = new SampleTable([new SampleColumn("x", [1, 2, double.NaN, 4]), new SampleColumn("weight", [0.5, 1, 2, 3])]);

        SampleTable kept = table.WithoutNonFinite(["x"]);

        Assert.Equal([0.5, 1, 2, 3], table.Weights!);
        Assert.Equal([0.5, 1, 3], kept.Weights!);
        Assert.Equal([1.0, 2, 4], kept.GetColumn("x").Values);
    }

    [Fact]
    public void Constructor_NegativeWeight_OneLineError()
    {
        var e = Assert.Throws<PlotInputException>(() => new SampleTable([new SampleColumn("x", [1, 2])], "w.parquet", [1, -1]));

        Assert.Equal("w.parquet: weight of row 1 is -1, expected a finite value >= 0", e.Message);
    }

    [Fact]
    public void GetColumn_Missing_NamesFileColumnAndAlternatives()
    {
        var e = Assert.Throws<PlotInputException>(() => TwoWalkers().GetColumn("y"));

        Assert.Equal("t.parquet: column 'y' not found (columns: chain, draw, x, log_prior, accepted)", e.Message);
    }

    [Fact]
    public void GetColumn_NonNumeric_SaysSo()
    {
        var table = new SampleTable([new SampleColumn("x", [1])], "s.parquet", null, new Dictionary<string, string> { ["tag"] = "string" });

        var e = Assert.Throws<PlotInputException>(() => table.GetColumn("tag"));

        Assert.Equal("s.parquet: column 'tag' is not numeric (string)", e.Message);
    }
}
