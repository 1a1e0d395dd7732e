using CrInference.Core;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Chains;

/// <summary>
/// Reference <see cref="IChainSink"/>: keeps a copy of every block in memory and checks that blocks
/// are contiguous and of one shape. Not thread-safe (a sampler appends from one thread at a time).
/// The accessors concatenate the blocks into the step-major layout of <see cref="ChainBlock"/>,
/// which is also what the diagnostics in <c>CrInference.Sampling.Diagnostics</c> take.
/// </summary>
public sealed class InMemoryChainSink : IChainSink
{
    private readonly List<ChainBlock> _blocks = [];

    /// <summary>Copies of the blocks in the order they arrived.</summary>
    public IReadOnlyList<ChainBlock> Blocks => _blocks;

    /// <summary>Total number of rows (steps) stored.</summary>
    public long Steps { get; private set; }

    /// <summary><see cref="ChainBlock.FirstStep"/> of the first block (0 for an empty sink).</summary>
    public long FirstStep => _blocks.Count == 0 ? 0 : _blocks[0].FirstStep;

    public ValueTask AppendAsync(ChainBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        if (_blocks.Count > 0)
        {
            var last = _blocks[^1];
            if (block.FirstStep != last.EndStep)
            {
                throw new InvalidOperationException($"chain block starts at step {block.FirstStep}, expected {last.EndStep}");
            }
            if (block.Walkers != last.Walkers || block.Dimension != last.Dimension || block.DerivedCount != last.DerivedCount)
            {
                throw new InvalidOperationException(
                    $"chain block shape {block.Walkers}×{block.Dimension}(+{block.DerivedCount}) differs from " +
                    $"{last.Walkers}×{last.Dimension}(+{last.DerivedCount})");
            }
        }
        _blocks.Add(block.Copy());
        Steps += block.Steps;
        return ValueTask.CompletedTask;
    }

    /// <summary>All positions, step × walker × component.</summary>
    public double[] Positions() => Concatenate(static b => b.Positions);

    /// <summary>All log posteriors, step × walker.</summary>
    public LogPosterior[] LogPosteriors() => Concatenate(static b => b.LogPosteriors);

    /// <summary>All derived values, step × walker × derived name.</summary>
    public double[] Derived() => Concatenate(static b => b.Derived);

    /// <summary>All acceptance flags, step × walker.</summary>
    public bool[] Accepted() => Concatenate(static b => b.Accepted);

    /// <summary>The state after the last stored step (what a resumed run starts from).</summary>
    public EnsembleState LastState() =>
        _blocks.Count == 0
            ? throw new InvalidOperationException("the sink holds no steps yet")
            : _blocks[^1].LastState();

    private T[] Concatenate<T>(Func<ChainBlock, ReadOnlyMemory<T>> select)
    {
        long total = 0;
        foreach (var block in _blocks)
        {
            total += select(block).Length;
        }
        var result = new T[total];
        long offset = 0;
        foreach (var block in _blocks)
        {
            var memory = select(block);
            memory.Span.CopyTo(result.AsSpan((int)offset));
            offset += memory.Length;
        }
        return result;
    }
}
