using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The mutable engine behind <see cref="RedBlueKernel"/>: updates caller-owned arrays in place with
/// reusable scratch buffers, so a driver's hot loop allocates nothing per walker. In-place update gives
/// exactly the pure kernel's result: each walker writes only its own slot and reads only the other half.
/// With several threads, each thread takes the next walker of the half from a shared counter (dynamic
/// scheduling, one walker at a time: likelihood calls that vary from 2 to 30 ms would leave a thread idle at
/// the end of an equal split), in order of decreasing cost of the walker's previous evaluation, so that the
/// long calls start first and the short ones fill the gaps (longest-processing-time-first list scheduling,
/// Graham 1969). It times the work of each half-ensemble and runs the next half serially while that work is
/// below ~100–200 µs, where a parallel loop would cost more than it saves. Neither the order nor the thread
/// that evaluates a walker changes the chain: each walker draws from its own counter-based key.
/// </summary>
internal sealed class RedBlueWorker
{
    // Scheduling a parallel loop costs microseconds (much more on a busy machine), so a half-ensemble runs in
    // parallel only while its measured work exceeds these bounds (with hysteresis). Results do not depend on it.
    private static readonly long ParallelAboveTicks = Stopwatch.Frequency / 5000;   // 200 µs
    private static readonly long SerialBelowTicks = Stopwatch.Frequency / 10000;    // 100 µs

    private readonly IPosterior _posterior;
    private readonly ParameterSpace _space;
    private readonly int _walkers;
    private readonly int _dimension;
    private readonly int _derivedCount;
    private readonly int _threads;
    private readonly double[][] _proposals;
    private readonly double[][] _derivedScratch;
    private readonly int[] _workerAccepted;
    private readonly int[] _workerEvaluations;
    private readonly long[] _workerTicks;
    private readonly long[] _lastTicks;
    private readonly int[] _order;
    private readonly ParallelOptions? _parallelOptions;
    private readonly Action<int>? _workerBody;
    private readonly Comparer<int> _longestFirst;

    // Per-half arguments read by the parallel workers.
    private IEnsembleMove? _move;
    private RandomKey _halfKey;
    private double[] _positions = [];
    private LogPosterior[] _logPosteriors = [];
    private double[] _derived = [];
    private bool[] _accepted = [];
    private int _halfCount;
    private int _complementStart;
    private int _complementCount;
    private int _next;
    private bool _parallel;

    public RedBlueWorker(IPosterior posterior, int walkers, int threads)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentOutOfRangeException.ThrowIfLessThan(walkers, RedBlueKernel.MinimumWalkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _posterior = posterior;
        _space = posterior.Space;
        _walkers = walkers;
        _dimension = _space.Dimension;
        _derivedCount = posterior.DerivedNames.Count;
        _threads = Math.Min(threads, walkers / 2);
        _proposals = new double[_threads][];
        _derivedScratch = new double[_threads][];
        for (int c = 0; c < _threads; c++)
        {
            _proposals[c] = new double[_dimension];
            _derivedScratch[c] = new double[_derivedCount];
        }
        _workerAccepted = new int[_threads];
        _workerEvaluations = new int[_threads];
        _workerTicks = new long[_threads];
        _lastTicks = new long[walkers];
        _order = new int[walkers - walkers / 2];
        _longestFirst = Comparer<int>.Create((a, b) => _lastTicks[a] != _lastTicks[b] ? _lastTicks[b].CompareTo(_lastTicks[a]) : a.CompareTo(b));
        if (_threads > 1)
        {
            _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = _threads };
            _workerBody = RunWorker;
        }
    }

    public void CheckShape(EnsembleState state)
    {
        if (state.Walkers != _walkers || state.Dimension != _dimension || state.DerivedCount != _derivedCount)
        {
            throw new ArgumentException(
                $"ensemble state has {state.Walkers} walkers × {state.Dimension} parameters (+{state.DerivedCount} derived); " +
                $"the posterior has {_dimension} parameters and {_derivedCount} derived values");
        }
    }

    /// <summary>One red–blue step in place. Returns the move used, accepted count and likelihood evaluations.</summary>
    public (IEnsembleMove Move, int Accepted, int Evaluations) Step(
        RandomKey stepKey, IEnsembleMove move, double[] positions, LogPosterior[] logPosteriors, double[] derived, bool[] accepted)
    {
        var chosen = move.ChooseForStep(stepKey.Split(RedBlueKernel.MoveSelectionIndex));
        _move = chosen;
        _positions = positions;
        _logPosteriors = logPosteriors;
        _derived = derived;
        _accepted = accepted;
        int firstHalf = _walkers / 2;
        int totalAccepted = 0, totalEvaluations = 0;
        for (int half = 0; half < 2; half++)
        {
            _halfKey = stepKey.Split((ulong)half);
            int halfStart = half == 0 ? 0 : firstHalf;
            _halfCount = half == 0 ? firstHalf : _walkers - firstHalf;
            _complementStart = half == 0 ? firstHalf : 0;
            _complementCount = _walkers - _halfCount;
            for (int i = 0; i < _halfCount; i++) _order[i] = halfStart + i;
            _next = 0;
            int workers = 1;
            if (_parallel)
            {
                // Longest previous evaluation first; ties (and the first step) in walker order.
                Array.Sort(_order, 0, _halfCount, _longestFirst);
                workers = _threads;
                try
                {
                    Parallel.For(0, workers, _parallelOptions!, _workerBody!);
                }
                catch (AggregateException error) when (error.InnerExceptions.Count == 1)
                {
                    // Surface a failing posterior the same way as on the serial path.
                    ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
                }
            }
            else
            {
                RunWorker(0);
            }
            long workTicks = 0;
            for (int c = 0; c < workers; c++)
            {
                totalAccepted += _workerAccepted[c];
                totalEvaluations += _workerEvaluations[c];
                workTicks += _workerTicks[c];
            }
            if (_threads > 1)
            {
                _parallel = _parallel ? workTicks > SerialBelowTicks : workTicks > ParallelAboveTicks;
            }
        }
        _move = null;
        _positions = [];
        _logPosteriors = [];
        _derived = [];
        _accepted = [];
        return (chosen, totalAccepted, totalEvaluations);
    }

    // One worker: takes walkers from the shared counter until the half is done.
    private void RunWorker(int worker)
    {
        long began = Stopwatch.GetTimestamp();
        int acceptedCount = 0, evaluations = 0;
        int i;
        // Walkers are timed only on the parallel path, the one that orders by cost (timing costs tens of ns per walker).
        bool timed = _parallel;
        while ((i = Interlocked.Increment(ref _next) - 1) < _halfCount)
        {
            int w = _order[i];
            long t0 = timed ? Stopwatch.GetTimestamp() : 0;
            var (accept, evaluated) = UpdateWalker(w, _proposals[worker], _derivedScratch[worker]);
            if (timed) _lastTicks[w] = Stopwatch.GetTimestamp() - t0;
            if (accept) acceptedCount++;
            if (evaluated) evaluations++;
        }
        _workerAccepted[worker] = acceptedCount;
        _workerEvaluations[worker] = evaluations;
        _workerTicks[worker] = Stopwatch.GetTimestamp() - began;
    }

    // Proposes and accepts or rejects one walker in place; returns whether it moved and whether the likelihood was called.
    private (bool Accepted, bool Evaluated) UpdateWalker(int w, Span<double> proposal, Span<double> derivedScratch)
    {
        int d = _dimension;
        int k = _derivedCount;
        var positions = _positions;
        ReadOnlySpan<double> complement = positions.AsSpan(_complementStart * d, _complementCount * d);
        var random = new RandomStream(_halfKey.Split((ulong)w));
        Span<double> current = positions.AsSpan(w * d, d);
        double logFactor = _move!.Propose(ref random, current, complement, proposal);
        bool accept = false, evaluated = false;
        LogPosterior candidate = default;
        if (!double.IsNaN(logFactor) && !double.IsNegativeInfinity(logFactor))
        {
            double logPrior = _space.LogPrior(proposal);
            if (!double.IsNaN(logPrior) && !double.IsNegativeInfinity(logPrior))
            {
                evaluated = true;
                double logLikelihood = _posterior.LogLikelihood(proposal, derivedScratch);
                if (!double.IsNaN(logLikelihood) && !double.IsInfinity(logLikelihood))
                {
                    candidate = new LogPosterior(logPrior, logLikelihood);
                    double currentValue = _logPosteriors[w].Value;
                    double logRatio = logFactor + candidate.Value - currentValue;
                    // ln u < 0 ≤ logRatio always holds, so u is drawn only when it can matter.
                    accept = double.IsNegativeInfinity(currentValue)
                        || logRatio >= 0
                        || logRatio > Math.Log(random.NextOpenDouble());
                }
            }
        }
        if (accept)
        {
            proposal.CopyTo(current);
            _logPosteriors[w] = candidate;
            derivedScratch.CopyTo(_derived.AsSpan(w * k, k));
        }
        _accepted[w] = accept;
        return (accept, evaluated);
    }
}
