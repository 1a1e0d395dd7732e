using System.Collections.Immutable;
using System.Diagnostics;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The driver of the affine-invariant ensemble sampler (Goodman &amp; Weare 2010; Foreman-Mackey et al.
/// 2013): owns the loop around <see cref="RedBlueKernel"/>, hands steps to an <see cref="IChainSink"/>
/// in <see cref="ChainBlock"/>s, reports progress, observes cancellation and applies the optional
/// <see cref="ConvergenceRule"/>.
/// </summary>
/// <remarks>
/// <para>Step t uses the key <c>root.Split(t)</c> with t = <see cref="EnsembleState.Step"/> before the
/// step, so the state is everything a run carries: continuing from a saved state with the same root key
/// gives bitwise the same subsequent states as an uninterrupted run, for any thread count.</para>
/// <para>With <see cref="EnsembleSamplerOptions.RelocateLagging"/>, the check of step t runs before the kernel
/// step t on the current state (the last stored row) and reads nothing else, so a resumed run repeats it exactly.</para>
/// <para>The hot loop updates reusable arrays in place and the block buffers are reused (see
/// <see cref="IChainSink"/>), so a run allocates nothing per step once started (τ estimates aside).</para>
/// </remarks>
public sealed class EnsembleSampler
{
    public EnsembleSampler(IPosterior posterior, IEnsembleMove move, EnsembleSamplerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(move);
        Posterior = posterior;
        Move = move;
        Options = options ?? new EnsembleSamplerOptions();
        Options.Validate();
    }

    public IPosterior Posterior { get; }

    public IEnsembleMove Move { get; }

    public EnsembleSamplerOptions Options { get; }

    /// <summary>
    /// Takes up to <paramref name="steps"/> steps from <paramref name="start"/> and hands them to
    /// <paramref name="sink"/>.
    /// </summary>
    /// <param name="rootKey">The run's root key (<c>RandomKey.FromSeed(seed)</c>); the same for a resumed run.</param>
    /// <param name="start">Initial ensemble (step 0) or a saved state to resume from.</param>
    /// <param name="steps">Steps to take in this call (at most, with a stop rule).</param>
    /// <param name="sink">Receives the steps; blocks are aligned to multiples of <see cref="EnsembleSamplerOptions.BlockSteps"/>.</param>
    /// <param name="progress">Called on the sampling thread every <see cref="EnsembleSamplerOptions.ProgressIntervalSteps"/> steps and at the end.</param>
    /// <param name="history">Positions of the steps already in the chain (rows 0 … start.Step − 1, step-major),
    /// used only by τ estimates and the stop rule, so that a resumed <c>--until-converged</c> run stops where the
    /// uninterrupted one would. Without it τ is estimated from the steps of this call only.</param>
    /// <param name="cancellationToken">Observed between steps. On cancellation the steps taken are handed to the
    /// sink and the call returns with <see cref="EnsembleStopReason.Cancelled"/> (no exception).</param>
    public async Task<EnsembleRunResult> RunAsync(RandomKey rootKey, EnsembleState start, long steps, IChainSink sink,
        Action<EnsembleProgress>? progress = null, ReadOnlyMemory<double> history = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        int walkers = start.Walkers;
        int dimension = start.Dimension;
        int derivedCount = start.DerivedCount;
        var worker = StartWorker(start);
        var stopwatch = Stopwatch.StartNew();
        double[] positions = start.Positions.ToArray();
        LogPosterior[] logPosteriors = start.LogPosteriors.ToArray();
        double[] derived = start.Derived.ToArray();
        var accepted = new bool[walkers];
        var taus = new TauTracker(Options, start, history, steps);
        long step = start.Step;
        long end = start.Step + steps;
        long acceptedTotal = 0, evaluationsTotal = 0, relocatedTotal = 0;
        var relocation = Options.RelocateLagging;
        var stopReason = EnsembleStopReason.Completed;
        var block = new BlockBuffer((int)Math.Min(Options.BlockSteps, Math.Max(1, steps)), walkers, dimension, derivedCount);
        bool blockOpen = false;
        while (step < end)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stopReason = EnsembleStopReason.Cancelled;
                break;
            }
            if (!blockOpen)
            {
                block.Reset(step, (int)Math.Min(Options.BlockSteps - step % Options.BlockSteps, end - step));
                blockOpen = true;
            }

            var stepKey = rootKey.Split((ulong)step);
            if (relocation is not null && relocation.AppliesAt(step))
            {
                relocatedTotal += LaggingWalkerRelocation.Apply(stepKey, dimension, derivedCount, positions, logPosteriors, derived);
            }
            var (_, acceptedCount, evaluations) = worker.Step(stepKey, Move, positions, logPosteriors, derived, accepted);
            acceptedTotal += acceptedCount;
            evaluationsTotal += evaluations;
            block.Add(positions, logPosteriors, derived, accepted);
            taus.Add(positions);
            step++;

            if (block.IsFull)
            {
                await sink.AppendAsync(block.ToChainBlock(), CancellationToken.None).ConfigureAwait(false);
                blockOpen = false;
            }

            bool converged = taus.CheckAt(step);
            long taken = step - start.Step;
            if (progress is not null && (step % Options.ProgressIntervalSteps == 0 || step == end || converged))
            {
                progress(new EnsembleProgress(step, taken, steps, (double)acceptedTotal / (taken * walkers), TauMax(taus.Latest), evaluationsTotal, stopwatch.Elapsed));
            }
            if (converged)
            {
                stopReason = EnsembleStopReason.Converged;
                break;
            }
        }
        if (blockOpen && block.Count > 0)
        {
            await sink.AppendAsync(block.ToChainBlock(), CancellationToken.None).ConfigureAwait(false);
        }

        long stepsTaken = step - start.Step;
        var finalState = EnsembleState.Own(walkers, dimension, derivedCount, positions, logPosteriors, derived, step);
        double acceptance = stepsTaken == 0 ? double.NaN : (double)acceptedTotal / (stepsTaken * walkers);
        return new EnsembleRunResult(finalState, stepsTaken, stopReason, acceptance, evaluationsTotal, taus.Latest, stopwatch.Elapsed, relocatedTotal);
    }

    /// <summary>Checks <paramref name="start"/> (enough walkers, the posterior's shape, every walker finite) and makes the step worker.</summary>
    private RedBlueWorker StartWorker(EnsembleState start)
    {
        if (start.Walkers < 2 * start.Dimension)
        {
            throw new ArgumentException(
                $"the ensemble has {start.Walkers} walkers for {start.Dimension} parameters; use at least {2 * start.Dimension} " +
                "(twice the dimension, emcee's rule: fewer walkers cannot span the parameter space)");
        }
        var worker = new RedBlueWorker(Posterior, start.Walkers, Options.Threads);
        worker.CheckShape(start);
        for (int w = 0; w < start.Walkers; w++)
        {
            if (double.IsNegativeInfinity(start.LogPosteriors.Span[w].Value))
            {
                throw new ArgumentException($"walker {w} of the starting ensemble has log posterior −∞; draw starting points with InitialEnsemble");
            }
        }
        return worker;
    }

    private static double? TauMax(ImmutableArray<AutocorrelationEstimate> taus)
    {
        if (taus.IsDefaultOrEmpty)
        {
            return null;
        }
        double max = double.NegativeInfinity;
        foreach (var t in taus)
        {
            max = Math.Max(max, t.Tau);
        }
        return max;
    }

    /// <summary>
    /// The τ estimates of a run: every <see cref="ConvergenceRule.CheckIntervalSteps"/> (or
    /// <see cref="EnsembleSamplerOptions.TauIntervalSteps"/>) steps on the whole chain so far (the steps before
    /// <c>start</c> from the history given), and the stop rule's test of each against the previous check.
    /// </summary>
    private sealed class TauTracker
    {
        private readonly ConvergenceRule? _rule;
        private readonly int _interval;
        private readonly int _walkers;
        private readonly int _dimension;
        private readonly ChainHistory? _history;
        private ImmutableArray<AutocorrelationEstimate> _previousCheck = [];

        public TauTracker(EnsembleSamplerOptions options, EnsembleState start, ReadOnlyMemory<double> history, long steps)
        {
            _rule = options.StopWhenConverged;
            _interval = _rule?.CheckIntervalSteps ?? options.TauIntervalSteps;
            _walkers = start.Walkers;
            _dimension = start.Dimension;
            _history = _interval > 0 ? new ChainHistory(_walkers * _dimension, start.Step, history, steps) : null;
            if (_rule is not null && _history!.StartsAtZero)
            {
                long lastCheck = start.Step / _rule.CheckIntervalSteps * _rule.CheckIntervalSteps;
                if (lastCheck > 0)
                {
                    _previousCheck = Autocorrelation.IntegratedTimes(_history.Rows(lastCheck), _walkers, _dimension);
                    Latest = _previousCheck;
                }
            }
        }

        /// <summary>The latest estimates (empty before the first).</summary>
        public ImmutableArray<AutocorrelationEstimate> Latest { get; private set; } = [];

        /// <summary>Records the positions of the step just taken.</summary>
        public void Add(double[] positions) => _history?.Add(positions);

        /// <summary>Estimates τ when <paramref name="step"/> is a check; true when the stop rule is met.</summary>
        public bool CheckAt(long step)
        {
            if (_history is null || step % _interval != 0) return false;
            var tau = Autocorrelation.IntegratedTimes(_history.All, _walkers, _dimension);
            bool converged = false;
            if (_rule is not null)
            {
                converged = _rule.IsConverged(tau.AsSpan(), _previousCheck.AsSpan(), _history.Count);
                _previousCheck = tau;
            }
            Latest = tau;
            return converged;
        }
    }

    /// <summary>The block being filled, step-major; its arrays are reused from block to block.</summary>
    private sealed class BlockBuffer(int capacity, int walkers, int dimension, int derivedCount)
    {
        private readonly double[] _positions = new double[capacity * walkers * dimension];
        private readonly LogPosterior[] _logPosteriors = new LogPosterior[capacity * walkers];
        private readonly double[] _derived = new double[capacity * walkers * derivedCount];
        private readonly bool[] _accepted = new bool[capacity * walkers];
        private long _firstStep;
        private int _rows;

        public int Count { get; private set; }

        public bool IsFull => Count == _rows;

        /// <summary>Starts a block at <paramref name="firstStep"/> of <paramref name="rows"/> ≤ capacity steps.</summary>
        public void Reset(long firstStep, int rows)
        {
            _firstStep = firstStep;
            _rows = rows;
            Count = 0;
        }

        public void Add(double[] positions, LogPosterior[] logPosteriors, double[] derived, bool[] accepted)
        {
            positions.CopyTo(_positions, Count * walkers * dimension);
            logPosteriors.CopyTo(_logPosteriors, Count * walkers);
            derived.CopyTo(_derived, Count * walkers * derivedCount);
            accepted.CopyTo(_accepted, Count * walkers);
            Count++;
        }

        public ChainBlock ToChainBlock() => new(
            _firstStep,
            Count,
            walkers,
            dimension,
            derivedCount,
            _positions.AsMemory(0, Count * walkers * dimension),
            _logPosteriors.AsMemory(0, Count * walkers),
            _derived.AsMemory(0, Count * walkers * derivedCount),
            _accepted.AsMemory(0, Count * walkers));
    }

    /// <summary>The chain's positions kept for τ estimates (step-major), optionally seeded with earlier rows.</summary>
    private sealed class ChainHistory
    {
        private readonly int _rowLength;
        private double[] _values;

        public ChainHistory(int rowLength, long startStep, ReadOnlyMemory<double> earlier, long plannedSteps)
        {
            _rowLength = rowLength;
            if (!earlier.IsEmpty)
            {
                if (earlier.Length != startStep * rowLength)
                {
                    throw new ArgumentException(
                        $"the chain history holds {earlier.Length / (double)rowLength:0.##} steps; the starting state is at step {startStep}, " +
                        "so the history must hold exactly that many steps (from step 0)");
                }
                StartsAtZero = true;
            }
            else
            {
                StartsAtZero = startStep == 0;
            }
            long initialRows = earlier.Length / rowLength + Math.Min(plannedSteps, 1024);
            _values = new double[Math.Max(1, initialRows) * rowLength];
            earlier.Span.CopyTo(_values);
            Count = earlier.Length / rowLength;
        }

        /// <summary>True when row 0 is step 0 of the chain.</summary>
        public bool StartsAtZero { get; }

        public long Count { get; private set; }

        public ReadOnlySpan<double> All => _values.AsSpan(0, checked((int)(Count * _rowLength)));

        public ReadOnlySpan<double> Rows(long rows) => _values.AsSpan(0, checked((int)(rows * _rowLength)));

        public void Add(double[] row)
        {
            long needed = (Count + 1) * _rowLength;
            if (needed > _values.Length)
            {
                long grown = Math.Min(Array.MaxLength, Math.Max(needed, 2L * _values.Length));
                if (grown < needed)
                {
                    throw new InvalidOperationException("the chain kept for τ estimates exceeds the largest array .NET allows; run fewer steps per call");
                }
                Array.Resize(ref _values, (int)grown);
            }
            row.CopyTo(_values, Count * _rowLength);
            Count++;
        }
    }
}
