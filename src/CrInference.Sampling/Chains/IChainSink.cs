namespace CrInference.Sampling.Chains;

/// <summary>
/// The port through which a sampler hands out its draws, one <see cref="ChainBlock"/> at a time
/// (the backend contract of emcee, Foreman-Mackey et al. 2013, and UltraNest's store). The Parquet
/// adapter in <c>CrInference.Storage.Parquet</c> implements it; <see cref="InMemoryChainSink"/> is
/// the reference implementation used by the tests.
/// </summary>
/// <remarks>
/// Blocks arrive in step order without gaps, from one thread at a time. As with
/// <c>Stream.WriteAsync</c>, a block's memory is valid only until the returned task completes: the
/// sampler then reuses the buffers for the next block (no allocation per block), so a sink that keeps
/// data must copy it (<see cref="InMemoryChainSink"/> does). The sampler does not cancel a write
/// half-way: it passes <see cref="CancellationToken.None"/> so that a block is either stored whole or
/// not at all, and a resumed run can continue from the last block stored
/// (see <see cref="ChainBlock.LastState"/>).
/// </remarks>
public interface IChainSink
{
    /// <summary>Stores one block of consecutive steps; the block's memory may be reused once the task completes.</summary>
    ValueTask AppendAsync(ChainBlock block, CancellationToken cancellationToken = default);
}
