using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// Parallel tempering with the affine-invariant ensemble sampler (an ensemble of ensembles, as ptemcee:
/// Vousden, Farr &amp; Mandel 2016): one ensemble per inverse temperature β_k samples
/// p_β ∝ L^β π through <see cref="TemperedPosterior"/> with the red–blue kernel and the fit's moves;
/// adjacent temperatures exchange walkers every step (<see cref="TemperatureSwap"/>); the ladder adapts
/// during burn-in and is fixed for production (<see cref="TemperatureLadder"/>). ln Z comes from
/// thermodynamic integration and from stepping stones over the production steps, both closed at β = 0
/// with independent prior draws; errors from a block bootstrap (<see cref="TemperingResult"/>).
/// </summary>
/// <remarks>
/// <para><b>Keys.</b> From the run key: <c>Split(1).Split(k)</c> draws the initial ensemble of
/// temperature k, <c>Split(2).Split(i)</c> prior draw i, <c>Split(0).Split(s).Split(k)</c> the kernel
/// step s of temperature k, <c>Split(0).Split(s).Split(</c><see cref="SwapIndex"/><c>)</c> the swaps
/// of step s, and <c>Split(3).Split(r)</c> bootstrap replicate r. Temperatures update in parallel on up
/// to <see cref="TemperingSettings.Threads"/> threads; no stream is shared, so the run is bitwise the same
/// for any thread count, and <see cref="Resume"/> from any saved state equals the uninterrupted run.</para>
/// <para><b>Cost.</b> K × W likelihood calls per step (K temperatures, W walkers each), plus the prior
/// draws and the K × W initial points.</para>
/// </remarks>
public static class ParallelTempering
{
    /// <summary>Child index of the step key from which the swaps of the step draw.</summary>
    public const ulong SwapIndex = 1UL << 32;

    internal const ulong SamplingStream = 0;
    private const ulong InitialStream = 1;
    private const ulong PriorStream = 2;
    private const ulong BootstrapStream = 3;

    /// <summary>Runs from fresh prior draws to the end. <paramref name="progress"/> receives the state after
    /// initialisation and every <see cref="TemperingSettings.CheckpointIntervalSteps"/> steps (checkpoint it
    /// to <see cref="Resume"/>). On cancellation the current state is reported and
    /// <see cref="OperationCanceledException"/> is thrown.</summary>
    public static TemperingResult Run(
        IPosterior posterior, TemperingSettings settings, RandomKey key,
        IProgress<TemperingState>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = Initialize(posterior, settings, key, cancellationToken);
        progress?.Report(state);
        state = Advance(posterior, state, long.MaxValue, progress, cancellationToken);
        return Summarize(state);
    }

    /// <summary>Continues a saved state to the end. Refuses (InvalidOperationException) a state whose shape
    /// does not match <paramref name="posterior"/> or whose first β = 1 walker no longer evaluates to the
    /// stored ln L (the posterior changed since the checkpoint).</summary>
    public static TemperingResult Resume(
        IPosterior posterior, TemperingState state,
        IProgress<TemperingState>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckMatches(posterior, state);
        state = Advance(posterior, state, long.MaxValue, progress, cancellationToken);
        return Summarize(state);
    }

    /// <summary>Draws the prior sample, builds the ladder and the initial ensembles (step 0).</summary>
    public static TemperingState Initialize(IPosterior posterior, TemperingSettings settings, RandomKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(settings);
        int d = posterior.Space.Dimension;
        settings.Validate(d);
        var counting = new CountingPosterior(posterior);
        var prior = DrawPrior(counting, settings, key.Split(PriorStream), cancellationToken);

        ImmutableArray<double> betas = settings.Betas.IsDefaultOrEmpty
            ? TemperatureLadder.Geometric(
                settings.Temperatures ?? TemperingSettings.DefaultTemperatures(d),
                settings.BetaMin ?? TemperatureLadder.AutomaticBetaMin(prior))
            : settings.Betas;
        int k = betas.Length;
        int walkers = settings.WalkersPerTemperature ?? TemperingSettings.DefaultWalkers(d);
        int derivedCount = posterior.DerivedNames.Count;

        var positions = new double[k * walkers * d];
        var logPriors = new double[k * walkers];
        var logLikelihoods = new double[k * walkers];
        var derived = new double[k * walkers * derivedCount];
        var initialKey = key.Split(InitialStream);
        for (int t = 0; t < k; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var view = new TemperedPosterior(counting, betas[t]);
            var ensemble = InitialEnsemble.FromPrior(initialKey.Split((ulong)t), view, walkers, threads: settings.Threads);
            ensemble.Positions.Span.CopyTo(positions.AsSpan(t * walkers * d));
            var tempered = ensemble.Derived.Span;
            for (int w = 0; w < walkers; w++)
            {
                int index = t * walkers + w;
                logPriors[index] = ensemble.LogPosteriors.Span[w].LogPrior;
                logLikelihoods[index] = tempered[w * (derivedCount + 1) + derivedCount];
                tempered.Slice(w * (derivedCount + 1), derivedCount).CopyTo(derived.AsSpan(index * derivedCount));
            }
        }

        return new TemperingState
        {
            Settings = settings,
            Key = key,
            Dimension = d,
            DerivedCount = derivedCount,
            Walkers = walkers,
            Betas = betas,
            Step = 0,
            LikelihoodCalls = counting.Calls,
            Positions = [.. positions],
            LogPriors = [.. logPriors],
            LogLikelihoods = [.. logLikelihoods],
            Derived = [.. derived],
            PriorLogLikelihoods = [.. prior],
            SwapsAccepted = [.. new long[k - 1]],
            MovesAccepted = [.. new long[k]],
            MeanLogLikelihood = [],
            WithinStepVariance = [],
            StoneLogSums = [],
            ColdPositions = [],
            ColdLogPriors = [],
            ColdLogLikelihoods = [],
            ColdDerived = [],
            ColdAccepted = [],
        };
    }

    /// <summary>
    /// Takes up to <paramref name="maxSteps"/> steps (never past the end of production) and returns the
    /// new state. Progress and cancellation as in <see cref="Run"/>; reports fall on step multiples of
    /// <see cref="TemperingSettings.CheckpointIntervalSteps"/> and at the end of the call.
    /// </summary>
    public static TemperingState Advance(
        IPosterior posterior, TemperingState state, long maxSteps,
        IProgress<TemperingState>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        var run = new TemperingRun(posterior, state);
        long end = Math.Min(state.Settings.BurnInSteps + state.Settings.Steps, maxSteps == long.MaxValue ? long.MaxValue : state.Step + maxSteps);
        int interval = state.Settings.CheckpointIntervalSteps;
        while (run.Step < end)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                progress?.Report(run.ToState());
                cancellationToken.ThrowIfCancellationRequested();
            }
            run.Advance();
            if (progress is not null && run.Step % interval == 0 && run.Step < end)
            {
                progress.Report(run.ToState());
            }
        }
        var final = run.ToState();
        if (state.Step != final.Step) progress?.Report(final);
        return final;
    }

    /// <summary>The evidence estimates, errors and β = 1 chain of a state's production steps (normally a
    /// finished run; a partial one needs at least <see cref="TemperingSettings.BootstrapBlocks"/> production steps).</summary>
    public static TemperingResult Summarize(TemperingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var settings = state.Settings;
        int steps = (int)state.ProductionSteps;
        if (steps < settings.BootstrapBlocks)
        {
            throw new InvalidOperationException(
                $"parallel tempering has {steps} production steps; at least {settings.BootstrapBlocks} (one per bootstrap block) are needed for an estimate");
        }
        int k = state.Temperatures;
        int w = state.Walkers;
        var point = EvidenceBootstrap.Compute(state, [], []);
        var spread = EvidenceBootstrap.Run(state, state.Key.Split(BootstrapStream), settings.BootstrapBlocks, settings.BootstrapReplicates);

        var series = new double[steps];
        var betas = state.Betas.AsSpan();
        for (int t = 0; t < steps; t++)
        {
            series[t] = ThermodynamicIntegration.Trapezoid(betas, state.MeanLogLikelihood.AsSpan(t * k, k), point.PriorMean, 1.0);
        }
        double tau = Autocorrelation.IntegratedTime(series).Tau;
        int blockLength = steps / settings.BootstrapBlocks;

        double discretisation = Math.Abs(point.LogZ - point.LogZCoarse);
        var swaps = new double[k - 1];
        for (int i = 0; i < k - 1; i++) swaps[i] = (double)state.SwapsAccepted[i] / ((double)w * steps);
        var moves = new double[k];
        for (int i = 0; i < k; i++) moves[i] = (double)state.MovesAccepted[i] / ((double)w * steps);
        var logPosteriors = new LogPosterior[steps * w];
        for (int i = 0; i < logPosteriors.Length; i++)
        {
            logPosteriors[i] = new LogPosterior(state.ColdLogPriors[i], state.ColdLogLikelihoods[i]);
        }
        var cold = new ChainBlock(
            settings.BurnInSteps, steps, w, state.Dimension, state.DerivedCount,
            state.ColdPositions.AsMemory(), logPosteriors, state.ColdDerived.AsMemory(), state.ColdAccepted.AsMemory());

        return new TemperingResult
        {
            Betas = state.Betas,
            MeanLogLikelihood = [.. point.Means],
            MeanLogLikelihoodError = [.. spread.Means],
            LogLikelihoodVariance = [.. point.Variances],
            PriorMeanLogLikelihood = point.PriorMean,
            PriorMeanLogLikelihoodError = spread.PriorMean,
            PriorFiniteFraction = point.PriorFiniteFraction,
            PriorDraws = state.PriorLogLikelihoods.Length,
            SwapAcceptance = [.. swaps],
            MoveAcceptance = [.. moves],
            LogZ = point.LogZ,
            LogZError = Math.Sqrt(spread.LogZ * spread.LogZ + discretisation * discretisation),
            LogZStatisticalError = spread.LogZ,
            LogZDiscretisationError = discretisation,
            LogZTrapezoid = point.LogZTrapezoid,
            LogZSteppingStone = point.LogZSteppingStone,
            LogZSteppingStoneError = spread.LogZSteppingStone,
            IntegratedTime = tau,
            BlockLength = blockLength,
            ErrorsTrusted = double.IsFinite(tau) && blockLength >= 2 * tau,
            Steps = steps,
            BurnInSteps = settings.BurnInSteps,
            Walkers = w,
            LikelihoodCalls = state.LikelihoodCalls,
            ColdChain = cold,
        };
    }

    /// <summary>ln L at <see cref="TemperingSettings.PriorDraws"/> independent prior draws (draw i from key.Split(i)).</summary>
    private static double[] DrawPrior(IPosterior posterior, TemperingSettings settings, RandomKey key, CancellationToken cancellationToken)
    {
        int d = posterior.Space.Dimension;
        int n = settings.PriorDraws;
        var logLikelihoods = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, n, options, () => (new double[d], new double[d], new double[posterior.DerivedNames.Count]), (i, _, scratch) =>
        {
            var (unit, sampled, derived) = scratch;
            var random = key.Split((ulong)i).Open();
            for (int j = 0; j < d; j++) unit[j] = random.NextOpenDouble();
            posterior.Space.FromUnitCube(unit, sampled);
            logLikelihoods[i] = posterior.Evaluate(sampled, derived).LogLikelihood;
            return scratch;
        }, _ => { });
        int finite = logLikelihoods.Count(double.IsFinite);
        if (finite < 2)
        {
            throw new InvalidOperationException(
                $"parallel tempering: {finite} of {n} prior draws have a finite likelihood; the β = 0 end of the evidence integral " +
                "cannot be estimated (the likelihood is zero, or the forward model fails, over almost all of the prior)");
        }
        return logLikelihoods;
    }

    private static void CheckMatches(IPosterior posterior, TemperingState state)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(state);
        if (posterior.Space.Dimension != state.Dimension)
        {
            throw new InvalidOperationException($"checkpoint has {state.Dimension} parameters but the posterior has {posterior.Space.Dimension}");
        }
        if (posterior.DerivedNames.Count != state.DerivedCount)
        {
            throw new InvalidOperationException($"checkpoint has {state.DerivedCount} derived values but the posterior has {posterior.DerivedNames.Count}");
        }
        var derived = new double[state.DerivedCount];
        var value = posterior.Evaluate(state.Positions.AsSpan(0, state.Dimension), derived);
        if (!value.LogLikelihood.Equals(state.LogLikelihoods[0]))
        {
            throw new InvalidOperationException(
                $"checkpoint does not match the posterior: ln L at the first β = 1 walker is {value.LogLikelihood:R} now, {state.LogLikelihoods[0]:R} when saved");
        }
    }
}
