using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The mutable engine behind <see cref="RedBlueKernel"/>: updates caller-owned arrays in place with
/// reusable scratch buffers, so a driver's hot loop allocates nothing per walker. In-place update gives
/// exactly the pure kernel's result: each walker writes only its own slot and reads only the other half.
/// With several threads it times the work of each half-ensemble (summed over chunks, so scheduling waits do
/// not count) and runs the next half serially while that work is below ~100–200 µs, where a Parallel.For
/// would cost more than it saves; the chain does not depend on this choice.
/// </summary>
internal sealed class RedBlueWorker
{
    private const int ChunksPerThread = 4;

    // Scheduling a Parallel.For costs microseconds (much more on a busy machine), so a half-ensemble runs in
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
    private readonly int[] _chunkAccepted;
    private readonly int[] _chunkEvaluations;
    private readonly long[] _chunkTicks;
    private readonly ParallelOptions? _parallelOptions;
    private readonly Action<int>? _chunkBody;

    // Per-half arguments read by the parallel chunk body.
    private IEnsembleMove? _move;
    private RandomKey _halfKey;
    private double[] _positions = [];
    private LogPosterior[] _logPosteriors = [];
    private double[] _derived = [];
    private bool[] _accepted = [];
    private int _halfStart;
    private int _halfCount;
    private int _complementStart;
    private int _complementCount;
    private int _chunks;
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
        int chunkCapacity = _threads == 1 ? 1 : Math.Min(walkers - walkers / 2, _threads * ChunksPerThread);
        _proposals = new double[chunkCapacity][];
        _derivedScratch = new double[chunkCapacity][];
        for (int c = 0; c < chunkCapacity; c++)
        {
            _proposals[c] = new double[_dimension];
            _derivedScratch[c] = new double[_derivedCount];
        }
        _chunkAccepted = new int[chunkCapacity];
        _chunkEvaluations = new int[chunkCapacity];
        _chunkTicks = new long[chunkCapacity];
        if (_threads > 1)
        {
            _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = _threads };
            _chunkBody = RunChunk;
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
            _halfStart = half == 0 ? 0 : firstHalf;
            _halfCount = half == 0 ? firstHalf : _walkers - firstHalf;
            _complementStart = half == 0 ? firstHalf : 0;
            _complementCount = _walkers - _halfCount;
            if (_parallel)
            {
                _chunks = Math.Min(_halfCount, _threads * ChunksPerThread);
                try
                {
                    Parallel.For(0, _chunks, _parallelOptions!, _chunkBody!);
                }
                catch (AggregateException error) when (error.InnerExceptions.Count == 1)
                {
                    // Surface a failing posterior the same way as on the serial path.
                    ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
                }
            }
            else
            {
                _chunks = 1;
                RunChunk(0);
            }
            long workTicks = 0;
            for (int c = 0; c < _chunks; c++)
            {
                totalAccepted += _chunkAccepted[c];
                totalEvaluations += _chunkEvaluations[c];
                workTicks += _chunkTicks[c];
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

    private void RunChunk(int chunk)
    {
        long began = Stopwatch.GetTimestamp();
        int begin = _halfStart + (int)((long)_halfCount * chunk / _chunks);
        int end = _halfStart + (int)((long)_halfCount * (chunk + 1) / _chunks);
        var move = _move!;
        int d = _dimension;
        int k = _derivedCount;
        var positions = _positions;
        var logPosteriors = _logPosteriors;
        ReadOnlySpan<double> complement = positions.AsSpan(_complementStart * d, _complementCount * d);
        Span<double> proposal = _proposals[chunk];
        Span<double> derivedScratch = _derivedScratch[chunk];
        int acceptedCount = 0, evaluations = 0;
        for (int w = begin; w < end; w++)
        {
            var random = new RandomStream(_halfKey.Split((ulong)w));
            Span<double> current = positions.AsSpan(w * d, d);
            double logFactor = move.Propose(ref random, current, complement, proposal);
            bool accept = false;
            LogPosterior candidate = default;
            if (!double.IsNaN(logFactor) && !double.IsNegativeInfinity(logFactor))
            {
                double logPrior = _space.LogPrior(proposal);
                if (!double.IsNaN(logPrior) && !double.IsNegativeInfinity(logPrior))
                {
                    evaluations++;
                    double logLikelihood = _posterior.LogLikelihood(proposal, derivedScratch);
                    if (!double.IsNaN(logLikelihood) && !double.IsInfinity(logLikelihood))
                    {
                        candidate = new LogPosterior(logPrior, logLikelihood);
                        double currentValue = logPosteriors[w].Value;
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
                logPosteriors[w] = candidate;
                derivedScratch.CopyTo(_derived.AsSpan(w * k, k));
                acceptedCount++;
            }
            _accepted[w] = accept;
        }
        _chunkAccepted[chunk] = acceptedCount;
        _chunkEvaluations[chunk] = evaluations;
        _chunkTicks[chunk] = Stopwatch.GetTimestamp() - began;
    }
}
