namespace CrInference.Sampling.Chains;

/// <summary>An <see cref="IChainSink"/> that only counts what it receives (benchmarks, dry runs).</summary>
public sealed class DiscardingChainSink : IChainSink
{
    /// <summary>Total number of rows (steps) received.</summary>
    public long Steps { get; private set; }

    /// <summary>Number of blocks received.</summary>
    public int Blocks { get; private set; }

    public ValueTask AppendAsync(ChainBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        Steps += block.Steps;
        Blocks++;
        return ValueTask.CompletedTask;
    }
}
