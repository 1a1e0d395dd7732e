using CrInference.Core;
using CrInference.Sampling.Chains;

namespace CrInference.Sampling.Tests.Chains;

public class InMemoryChainSinkTests
{
    private static ChainBlock Block(long firstStep, int steps, int walkers = 2, int dimension = 1) =>
        new(firstStep, steps, walkers, dimension, 1,
            Enumerable.Range(0, steps * walkers * dimension).Select(i => firstStep * 100.0 + i).ToArray(),
            Enumerable.Range(0, steps * walkers).Select(i => new LogPosterior(-1, -i)).ToArray(),
            Enumerable.Range(0, steps * walkers).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, steps * walkers).Select(i => i % 2 == 0).ToArray());

    [Fact]
    public async Task Append_ContiguousBlocks_ConcatenatesThemAndGivesTheLastState()
    {
        var sink = new InMemoryChainSink();
        await sink.AppendAsync(Block(0, 3));
        await sink.AppendAsync(Block(3, 2));

        Assert.Equal(5, sink.Steps);
        Assert.Equal(10, sink.Positions().Length);
        Assert.Equal(300.0, sink.Positions()[6]);
        var last = sink.LastState();
        Assert.Equal(5, last.Step);
        Assert.Equal(new[] { 302.0, 303.0 }, last.Positions.ToArray());
        Assert.Equal(new[] { new LogPosterior(-1, -2), new LogPosterior(-1, -3) }, last.LogPosteriors.ToArray());
        Assert.Equal(new[] { 2.0, 3.0 }, last.Derived.ToArray());
    }

    [Fact]
    public async Task Append_Gap_Throws()
    {
        var sink = new InMemoryChainSink();
        await sink.AppendAsync(Block(0, 3));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sink.AppendAsync(Block(4, 2)));
        Assert.Contains("expected 3", error.Message);
    }

    [Fact]
    public async Task Append_OtherShape_Throws()
    {
        var sink = new InMemoryChainSink();
        await sink.AppendAsync(Block(0, 3));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await sink.AppendAsync(Block(3, 2, walkers: 4)));
    }

    [Fact]
    public void Block_ArraysOfWrongLength_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ChainBlock(0, 2, 2, 1, 0, new double[3], new LogPosterior[4], Array.Empty<double>(), new bool[4]));
    }

    [Fact]
    public void LastState_EmptySink_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new InMemoryChainSink().LastState());
    }
}
