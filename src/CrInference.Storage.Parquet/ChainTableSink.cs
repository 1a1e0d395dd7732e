using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;

namespace CrInference.Storage.Parquet;

/// <summary>
/// The <see cref="IChainSink"/> of a fit: turns each <see cref="ChainBlock"/> into one row group of the
/// chain table (<see cref="ChainTableWriter"/>) and records the <see cref="ResumeCheckpoint"/> after it.
/// </summary>
/// <remarks>
/// <para>Columns (<see cref="SchemaFor"/>): <c>chain</c> (int32 walker), <c>draw</c> (int64 step), one
/// float64 per sampled parameter named as in the prior file in <em>physical</em> units
/// (<see cref="ParameterSpace.ToPhysical"/>), <c>log_prior</c> (ln of the prior density of the physical
/// values, Σ ln π_i(x_i)), <c>log_likelihood</c>, <c>log_posterior</c> (their sum),
/// <c>log_likelihood__&lt;dataset&gt;</c> per dataset (the posterior's derived values), and
/// <c>accepted</c>. Row s·W + w of a block is walker w at the block's step s. With thinning only the
/// steps with (draw + 1) divisible by the thinning factor are stored.</para>
/// <para>The checkpoint holds the ensemble after the block (<see cref="ChainBlock.LastState"/>) in
/// sampled coordinates, bit for bit, so a resumed chain continues exactly; plus the run's running
/// counters (likelihood calls, failure reasons) and scalars (wall time), which only the summary uses.</para>
/// <para>After a block is durable the sink calls <see cref="BlockStored"/>, then, if a stop was
/// requested (<see cref="RequestStop"/>: Ctrl-C), cancels <see cref="SamplerToken"/>: the sampler checks
/// it before its next step, so an interrupted run always ends on a block boundary and a resumed run
/// writes the same blocks as an uninterrupted one.</para>
/// </remarks>
public sealed class ChainTableSink : IChainSink, IDisposable
{
    private readonly ChainTableWriter _writer;
    private readonly ParameterSpace _space;
    private readonly ImmutableArray<string> _derivedNames;
    private readonly RandomKey _rootKey;
    private readonly string _configHash;
    private readonly int _thin;
    private readonly Func<(ImmutableSortedDictionary<string, long> Counters, ImmutableSortedDictionary<string, double> Scalars)> _tallies;
    private readonly Dictionary<int, ChainTableBlock> _buffers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _parameterColumns;
    private readonly string[] _derivedColumns;
    private double[] _physical = [];
    private volatile bool _stopRequested;

    /// <summary>A sink writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">The run's chain table writer (new or resumed).</param>
    /// <param name="space">The sampled parameters.</param>
    /// <param name="derivedNames">The posterior's derived values (<c>log_likelihood__&lt;dataset&gt;</c>).</param>
    /// <param name="rootKey">The run's root key (stored in every checkpoint).</param>
    /// <param name="configHash">The run's identity hash (stored in every checkpoint; a resume must match it).</param>
    /// <param name="thin">Store every <paramref name="thin"/>-th step (1: all).</param>
    /// <param name="tallies">Running counters and scalars to store with each checkpoint.</param>
    public ChainTableSink(
        ChainTableWriter writer,
        ParameterSpace space,
        IReadOnlyList<string> derivedNames,
        RandomKey rootKey,
        string configHash,
        int thin,
        Func<(ImmutableSortedDictionary<string, long> Counters, ImmutableSortedDictionary<string, double> Scalars)> tallies)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(derivedNames);
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thin);
        _writer = writer;
        _space = space;
        _derivedNames = [.. derivedNames];
        _rootKey = rootKey;
        _configHash = configHash;
        _thin = thin;
        _tallies = tallies;
        _parameterColumns = [.. space.Names];
        _derivedColumns = [.. derivedNames];
        var expected = SchemaFor(space, derivedNames);
        if (!writer.Schema.Equals(expected))
        {
            throw new ArgumentException($"the writer's columns ({writer.Schema}) are not the fit's ({expected})", nameof(writer));
        }
    }

    /// <summary>Called after each durable block with the number of blocks stored in the run folder.</summary>
    public Action<int>? BlockStored { get; init; }

    /// <summary>The token to give the sampler: cancelled after the first block stored once a stop was requested.</summary>
    public CancellationToken SamplerToken => _stop.Token;

    /// <summary>Whether <see cref="RequestStop"/> was called.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>The ensemble after the last block stored in this session, or null.</summary>
    public Sampling.Ensemble.EnsembleState? LastState { get; private set; }

    /// <summary>Asks the run to stop at the next block boundary (thread-safe; e.g. from a Ctrl-C handler).</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>The columns of a fit's chain table, in order (see the remarks of the class).</summary>
    public static ChainTableSchema SchemaFor(ParameterSpace space, IReadOnlyList<string> derivedNames)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(derivedNames);
        var names = new List<string> { ChainColumnNames.Chain, ChainColumnNames.Draw };
        names.AddRange(space.Names);
        names.Add(ChainColumnNames.LogPrior);
        names.Add(ChainColumnNames.LogLikelihood);
        names.Add(ChainColumnNames.LogPosterior);
        names.AddRange(derivedNames);
        names.Add(ChainColumnNames.Accepted);
        return ChainTableSchema.FromNames(names);
    }

    /// <summary>Σ ln π_i(x_i) of physical values <paramref name="physical"/>: the <c>log_prior</c> column.</summary>
    public static double PhysicalLogPrior(ParameterSpace space, ReadOnlySpan<double> physical)
    {
        ArgumentNullException.ThrowIfNull(space);
        double sum = 0;
        for (int i = 0; i < space.Dimension; i++) sum += space.Parameters[i].Prior.LogDensity(physical[i]);
        return sum;
    }

    public async ValueTask AppendAsync(ChainBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Dimension != _space.Dimension || block.DerivedCount != _derivedNames.Length)
        {
            throw new ArgumentException($"block of {block.Dimension} parameters (+{block.DerivedCount} derived) for a table of {_space.Dimension} (+{_derivedNames.Length})", nameof(block));
        }
        var keptSteps = new List<int>(block.Steps);
        for (int s = 0; s < block.Steps; s++)
        {
            if ((block.FirstStep + s + 1) % _thin == 0) keptSteps.Add(s);
        }
        if (keptSteps.Count == 0)
        {
            throw new InvalidOperationException($"block at step {block.FirstStep} ({block.Steps} steps) holds no step to keep with thin = {_thin}; blocks must be multiples of the thinning");
        }
        var table = Fill(block, keptSteps);
        var last = block.LastState();
        var (counters, scalars) = _tallies();
        var checkpoint = new ResumeCheckpoint(
            _writer.BlockCount + 1,
            block.EndStep,
            _rootKey,
            block.Walkers,
            block.Dimension,
            [.. last.Positions.Span],
            [.. last.LogPosteriors.Span],
            _derivedNames,
            [.. last.Derived.Span],
            _configHash,
            scalars,
            counters);
        await _writer.AppendBlockAsync(table, checkpoint, cancellationToken).ConfigureAwait(false);
        LastState = last;
        BlockStored?.Invoke(_writer.BlockCount);
        if (_stopRequested) await _stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>The row group of <paramref name="keptSteps"/> of <paramref name="block"/> (see the remarks of the class).</summary>
    private ChainTableBlock Fill(ChainBlock block, List<int> keptSteps)
    {
        int walkers = block.Walkers, d = block.Dimension, k = block.DerivedCount;
        int rows = keptSteps.Count * walkers;
        var table = Buffer(rows);
        if (_physical.Length < rows * d) _physical = new double[rows * d];
        var positions = block.Positions.Span;
        var logPosteriors = block.LogPosteriors.Span;
        var derived = block.Derived.Span;
        var flags = block.Accepted.Span;
        var columns = new SampleColumns(table);
        int row = 0;
        foreach (int s in keptSteps)
        {
            for (int w = 0; w < walkers; w++, row++)
            {
                int source = s * walkers + w;
                var physical = _physical.AsSpan(row * d, d);
                _space.ToPhysical(positions.Slice(source * d, d), physical);
                columns.Set(row, w, block.FirstStep + s, PhysicalLogPrior(_space, physical), logPosteriors[source].LogLikelihood, flags[source]);
            }
        }
        for (int i = 0; i < d; i++)
        {
            var column = table.Float64(_parameterColumns[i]);
            for (int r = 0; r < rows; r++) column[r] = _physical[r * d + i];
        }
        for (int j = 0; j < k; j++)
        {
            var column = table.Float64(_derivedColumns[j]);
            row = 0;
            foreach (int s in keptSteps)
            {
                for (int w = 0; w < walkers; w++, row++) column[row] = derived[(s * walkers + w) * k + j];
            }
        }
        return table;
    }

    public void Dispose() => _stop.Dispose();

    private ChainTableBlock Buffer(int rows)
    {
        if (!_buffers.TryGetValue(rows, out var table))
        {
            table = new ChainTableBlock(_writer.Schema, rows);
            _buffers[rows] = table;
        }
        return table;
    }
}
