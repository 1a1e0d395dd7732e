using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// The mutable engine behind <see cref="ParallelTempering"/>: one reusable <see cref="RedBlueWorker"/> and
/// set of walker arrays per temperature, updated in place, and growable production records. It is built
/// from a <see cref="TemperingState"/> and turned back into one at checkpoints, so everything that
/// decides the next step is in the state.
/// </summary>
internal sealed class TemperingRun
{
    private readonly IPosterior _posterior;
    private readonly TemperingSettings _settings;
    private readonly RandomKey _key;
    private readonly RandomKey _samplingRoot;
    private readonly IEnsembleMove _move;
    private readonly int _temperatures;
    private readonly int _walkers;
    private readonly int _dimension;
    private readonly int _derivedCount;
    private readonly int _temperedDerivedCount;
    private readonly double[] _betas;
    private readonly TemperedPosterior[] _views;
    private readonly RedBlueWorker[] _workers;
    private readonly double[][] _positions;
    private readonly LogPosterior[][] _logPosteriors;
    private readonly double[][] _derived;
    private readonly bool[][] _accepted;
    private readonly int[] _acceptedCounts;
    private readonly int[] _evaluations;
    private readonly ImmutableArray<double> _priorLogLikelihoods;
    private readonly long[] _swapsAccepted;
    private readonly long[] _movesAccepted;
    private readonly int[] _pairAccepted;
    private readonly double[] _pairAcceptance;
    private readonly double[] _adaptedBetas;
    private readonly int[] _permutation;
    private readonly double[] _swapScratch;
    private readonly double[] _gathered;
    private readonly ParallelOptions? _parallelOptions;
    private readonly Growing<double> _mean = new();
    private readonly Growing<double> _within = new();
    private readonly Growing<double> _stones = new();
    private readonly Growing<double> _coldPositions = new();
    private readonly Growing<double> _coldLogPriors = new();
    private readonly Growing<double> _coldLogLikelihoods = new();
    private readonly Growing<double> _coldDerived = new();
    private readonly Growing<bool> _coldAccepted = new();
    private long _step;
    private long _calls;

    public TemperingRun(IPosterior posterior, TemperingState state)
    {
        _posterior = posterior;
        _settings = state.Settings;
        _key = state.Key;
        _samplingRoot = state.Key.Split(ParallelTempering.SamplingStream);
        _move = _settings.BuildMove();
        _temperatures = state.Temperatures;
        _walkers = state.Walkers;
        _dimension = state.Dimension;
        _derivedCount = state.DerivedCount;
        _temperedDerivedCount = _derivedCount + 1;
        _betas = [.. state.Betas];
        _views = new TemperedPosterior[_temperatures];
        _workers = new RedBlueWorker[_temperatures];
        _positions = new double[_temperatures][];
        _logPosteriors = new LogPosterior[_temperatures][];
        _derived = new double[_temperatures][];
        _accepted = new bool[_temperatures][];
        for (int k = 0; k < _temperatures; k++)
        {
            _positions[k] = state.Positions.AsSpan(k * _walkers * _dimension, _walkers * _dimension).ToArray();
            _logPosteriors[k] = new LogPosterior[_walkers];
            _derived[k] = new double[_walkers * _temperedDerivedCount];
            _accepted[k] = new bool[_walkers];
            for (int w = 0; w < _walkers; w++)
            {
                int index = k * _walkers + w;
                double logLikelihood = state.LogLikelihoods[index];
                _logPosteriors[k][w] = new LogPosterior(state.LogPriors[index], TemperedPosterior.Temper(_betas[k], logLikelihood));
                state.Derived.AsSpan(index * _derivedCount, _derivedCount).CopyTo(_derived[k].AsSpan(w * _temperedDerivedCount, _derivedCount));
                _derived[k][w * _temperedDerivedCount + _derivedCount] = logLikelihood;
            }
        }
        BuildViews();
        _acceptedCounts = new int[_temperatures];
        _evaluations = new int[_temperatures];
        _priorLogLikelihoods = state.PriorLogLikelihoods;
        _swapsAccepted = [.. state.SwapsAccepted];
        _movesAccepted = [.. state.MovesAccepted];
        _pairAccepted = new int[_temperatures - 1];
        _pairAcceptance = new double[_temperatures - 1];
        _adaptedBetas = new double[_temperatures];
        _permutation = new int[_walkers];
        _swapScratch = new double[Math.Max(_dimension, _temperedDerivedCount)];
        _gathered = new double[_walkers];
        if (_settings.Threads > 1)
        {
            _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = _settings.Threads };
        }
        _mean.Add(state.MeanLogLikelihood.AsSpan());
        _within.Add(state.WithinStepVariance.AsSpan());
        _stones.Add(state.StoneLogSums.AsSpan());
        _coldPositions.Add(state.ColdPositions.AsSpan());
        _coldLogPriors.Add(state.ColdLogPriors.AsSpan());
        _coldLogLikelihoods.Add(state.ColdLogLikelihoods.AsSpan());
        _coldDerived.Add(state.ColdDerived.AsSpan());
        _coldAccepted.Add(state.ColdAccepted.AsSpan());
        _step = state.Step;
        _calls = state.LikelihoodCalls;
    }

    public long Step => _step;

    public bool IsFinished => _step >= _settings.BurnInSteps + _settings.Steps;

    /// <summary>
    /// One step: a red–blue kernel step at every temperature (in parallel over temperatures, each from
    /// its own key <c>root.Split(step).Split(k)</c>), then the swap round (key
    /// <c>root.Split(step).Split(SwapIndex)</c>), then the ladder update (burn-in) or the records (production).
    /// </summary>
    public void Advance()
    {
        var stepKey = _samplingRoot.Split((ulong)_step);
        if (_parallelOptions is null)
        {
            for (int k = 0; k < _temperatures; k++) StepTemperature(stepKey, k);
        }
        else
        {
            try
            {
                Parallel.For(0, _temperatures, _parallelOptions, k => StepTemperature(stepKey, k));
            }
            catch (AggregateException error) when (error.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
            }
        }
        for (int k = 0; k < _temperatures; k++) _calls += _evaluations[k];

        TemperatureSwap.Apply(
            stepKey.Split(ParallelTempering.SwapIndex), _betas, _walkers, _dimension,
            _positions, _logPosteriors, _derived, _temperedDerivedCount, _permutation, _swapScratch, _pairAccepted);

        if (_step < _settings.BurnInSteps)
        {
            if (_settings.AdaptLadder && _temperatures > 2)
            {
                AdaptLadder();
            }
        }
        else
        {
            Record();
        }
        _step++;
    }

    /// <summary>The run as a plain state.</summary>
    public TemperingState ToState()
    {
        int perTemperature = _walkers * _dimension;
        var positions = new double[_temperatures * perTemperature];
        var logPriors = new double[_temperatures * _walkers];
        var logLikelihoods = new double[_temperatures * _walkers];
        var derived = new double[_temperatures * _walkers * _derivedCount];
        for (int k = 0; k < _temperatures; k++)
        {
            _positions[k].CopyTo(positions, k * perTemperature);
            for (int w = 0; w < _walkers; w++)
            {
                int index = k * _walkers + w;
                logPriors[index] = _logPosteriors[k][w].LogPrior;
                logLikelihoods[index] = _derived[k][w * _temperedDerivedCount + _derivedCount];
                _derived[k].AsSpan(w * _temperedDerivedCount, _derivedCount).CopyTo(derived.AsSpan(index * _derivedCount, _derivedCount));
            }
        }
        return new TemperingState
        {
            Settings = _settings,
            Key = _key,
            Dimension = _dimension,
            DerivedCount = _derivedCount,
            Walkers = _walkers,
            Betas = [.. _betas],
            Step = _step,
            LikelihoodCalls = _calls,
            Positions = [.. positions],
            LogPriors = [.. logPriors],
            LogLikelihoods = [.. logLikelihoods],
            Derived = [.. derived],
            PriorLogLikelihoods = _priorLogLikelihoods,
            SwapsAccepted = [.. _swapsAccepted],
            MovesAccepted = [.. _movesAccepted],
            MeanLogLikelihood = _mean.ToImmutable(),
            WithinStepVariance = _within.ToImmutable(),
            StoneLogSums = _stones.ToImmutable(),
            ColdPositions = _coldPositions.ToImmutable(),
            ColdLogPriors = _coldLogPriors.ToImmutable(),
            ColdLogLikelihoods = _coldLogLikelihoods.ToImmutable(),
            ColdDerived = _coldDerived.ToImmutable(),
            ColdAccepted = _coldAccepted.ToImmutable(),
        };
    }

    private void StepTemperature(RandomKey stepKey, int k)
    {
        var (_, accepted, evaluations) = _workers[k].Step(stepKey.Split((ulong)k), _move, _positions[k], _logPosteriors[k], _derived[k], _accepted[k]);
        _acceptedCounts[k] = accepted;
        _evaluations[k] = evaluations;
    }

    private void AdaptLadder()
    {
        for (int i = 0; i < _pairAccepted.Length; i++) _pairAcceptance[i] = (double)_pairAccepted[i] / _walkers;
        TemperatureLadder.Adapt(_betas, _pairAcceptance, _step, _settings.AdaptationTime, _settings.AdaptationLag, _adaptedBetas);
        if (_adaptedBetas.AsSpan().SequenceEqual(_betas)) return;
        _adaptedBetas.CopyTo(_betas, 0);
        BuildViews();
        for (int k = 0; k < _temperatures; k++)
        {
            for (int w = 0; w < _walkers; w++)
            {
                double logLikelihood = _derived[k][w * _temperedDerivedCount + _derivedCount];
                _logPosteriors[k][w] = new LogPosterior(_logPosteriors[k][w].LogPrior, TemperedPosterior.Temper(_betas[k], logLikelihood));
            }
        }
    }

    private void BuildViews()
    {
        for (int k = 0; k < _temperatures; k++)
        {
            _views[k] = new TemperedPosterior(_posterior, _betas[k]);
            _workers[k] = new RedBlueWorker(_views[k], _walkers, 1);
        }
    }

    private void Record()
    {
        for (int k = 0; k < _temperatures; k++)
        {
            Gather(k);
            double mean = 0;
            foreach (double x in _gathered) mean += x;
            mean /= _walkers;
            double within = 0;
            foreach (double x in _gathered) within += (x - mean) * (x - mean);
            _mean.Add(mean);
            _within.Add(within / _walkers);
            _movesAccepted[k] += _acceptedCounts[k];
        }
        for (int k = 0; k < _temperatures - 1; k++)
        {
            Gather(k + 1);
            _stones.Add(SteppingStone.LogSum(_betas[k] - _betas[k + 1], _gathered));
            _swapsAccepted[k] += _pairAccepted[k];
        }
        _coldPositions.Add(_positions[0]);
        for (int w = 0; w < _walkers; w++)
        {
            _coldLogPriors.Add(_logPosteriors[0][w].LogPrior);
            _coldLogLikelihoods.Add(_derived[0][w * _temperedDerivedCount + _derivedCount]);
            _coldDerived.Add(_derived[0].AsSpan(w * _temperedDerivedCount, _derivedCount));
        }
        _coldAccepted.Add(_accepted[0]);
    }

    private void Gather(int k)
    {
        for (int w = 0; w < _walkers; w++) _gathered[w] = _derived[k][w * _temperedDerivedCount + _derivedCount];
    }

    /// <summary>An append-only buffer that doubles its capacity.</summary>
    private sealed class Growing<T>
    {
        private T[] _items = new T[16];
        private int _count;

        public void Add(T item)
        {
            Reserve(1);
            _items[_count++] = item;
        }

        public void Add(ReadOnlySpan<T> items)
        {
            Reserve(items.Length);
            items.CopyTo(_items.AsSpan(_count));
            _count += items.Length;
        }

        public ImmutableArray<T> ToImmutable() => ImmutableArray.Create(_items, 0, _count);

        private void Reserve(int extra)
        {
            long needed = (long)_count + extra;
            if (needed <= _items.Length) return;
            long grown = Math.Max(needed, 2L * _items.Length);
            if (grown > Array.MaxLength)
            {
                if (needed > Array.MaxLength) throw new InvalidOperationException("the tempering record exceeds the largest array .NET allows; run fewer steps or fewer walkers");
                grown = Array.MaxLength;
            }
            Array.Resize(ref _items, (int)grown);
        }
    }
}
