using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Optimization;

namespace CrInference.Runs.Calibration;

/// <summary>
/// A replicate's posterior sample: every kept draw (sampled coordinates, with weights where the sampler weights
/// them), and, for an MCMC sample, the draws spaced ≥ τ apart from which the L rank draws are chosen.
/// </summary>
/// <param name="Samples">The posterior draws (after burn-in for MCMC; nested sampling's dead points with their weights).</param>
/// <param name="RankCandidates">Indices into <paramref name="Samples"/> of nearly independent draws (MCMC), or null
/// when ranks come from the weighted CDF (nested sampling).</param>
/// <param name="Numbers">What the replicate's file records about the sampler run (burn-in, τ, thinning, calls).</param>
public sealed record PosteriorSample(WeightedSamples Samples, int[]? RankCandidates, IReadOnlyDictionary<string, double> Numbers);

/// <summary>How each replicate samples its posterior: the ensemble sampler as <c>crinf fit</c> runs it, or nested
/// sampling as <c>crinf evidence</c> runs it.</summary>
public abstract record CalibrationSampler
{
    /// <summary>Samples <paramref name="posterior"/> with <paramref name="key"/>; null when <paramref name="stop"/> fired.</summary>
    public abstract Task<PosteriorSample?> SampleAsync(IPosterior posterior, RandomKey key, int threads, CancellationToken stop);

    /// <summary>Likelihood calls of one replicate, for the dry run's estimate (nested sampling: a rough figure).</summary>
    public abstract double CallsPerReplicate(int dimension);
}

/// <summary>
/// The ensemble sampler with a fit's settings (walkers, steps, moves, starts, burn-in relocation). The burn-in is the
/// fit's rule (<see cref="BurnIn.ForChain"/>); τ_max is measured on the rest, and the rank candidates are every
/// walker at the steps burn-in + k·⌈τ_max⌉, so that draws are about one autocorrelation time apart (Talts et al.
/// 2018, §5.1: thin until the draws are nearly independent). When fewer than L such draws exist the spacing is
/// shortened to fit L draws in and the replicate records <c>thin</c> &lt; <c>tau_max</c>.
/// With a <see cref="ModeSearch"/> the walkers start at the ends of its local searches that reached the bulk of the
/// posterior (<see cref="ModeSearchResult.StartAtEnds"/>) instead of by <see cref="Starts"/>.
/// </summary>
public sealed record EnsembleCalibrationSampler(int Walkers, long Steps, IEnsembleMove Move, IReadOnlyList<ParameterStart> Starts,
    long RelocateLaggingUntilStep, int Draws, ModeSearch? Search = null) : CalibrationSampler
{
    private const ulong StartStream = 0;
    private const ulong ChainStream = 1;
    private const ulong SearchStream = 2;

    public override async Task<PosteriorSample?> SampleAsync(IPosterior posterior, RandomKey key, int threads, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ModeSearchResult? mode = null;
        if (Search is not null)
        {
            try
            {
                mode = Search.Find(posterior, key.Split(SearchStream), threads, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
        }
        var start = mode is not null
            ? mode.StartAtEnds(posterior, Walkers, key.Split(StartStream))
            : InitialEnsemble.Draw(key.Split(StartStream), posterior, Walkers, Starts, InitialEnsemble.DefaultMaxDrawsPerWalker, threads);
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, Move, new EnsembleSamplerOptions
        {
            Threads = threads,
            ProgressIntervalSteps = int.MaxValue,
            RelocateLagging = RelocateLaggingUntilStep > 0 ? new LaggingWalkerRelocation(RelocateLaggingUntilStep) : null,
        });
        var result = await sampler.RunAsync(key.Split(ChainStream), start, Steps, sink, cancellationToken: stop).ConfigureAwait(false);
        if (result.StopReason == EnsembleStopReason.Cancelled) return null;
        int d = posterior.Space.Dimension;
        var positions = sink.Positions();
        var logPosterior = sink.LogPosteriors().Select(p => p.Value).ToArray();
        int steps = (int)sink.Steps;
        int burn = BurnIn.ForChain(positions, logPosterior, Walkers, d, (int)Math.Min(RelocateLaggingUntilStep, steps));
        var kept = positions.AsSpan(burn * Walkers * d);
        int keptSteps = steps - burn;
        double tauMax = Autocorrelation.IntegratedTimes(kept, Walkers, d).Max(t => t.Tau);
        int stepsNeeded = (Draws + Walkers - 1) / Walkers;
        if (keptSteps < stepsNeeded)
        {
            throw new UserInputException($"{keptSteps} steps after burn-in hold fewer than the {Draws} draws a rank needs ({Walkers} walkers): give more --steps or fewer --draws");
        }
        int thinAvailable = keptSteps / stepsNeeded;
        int thin = double.IsFinite(tauMax) ? Math.Clamp((int)Math.Ceiling(tauMax), 1, thinAvailable) : thinAvailable;
        var candidates = new List<int>();
        for (int s = 0; s < keptSteps; s += thin)
        {
            for (int w = 0; w < Walkers; w++) candidates.Add(s * Walkers + w);
        }
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["burn_in_steps"] = burn,
            ["tau_max"] = tauMax,
            ["thin"] = thin,
            ["rank_candidates"] = candidates.Count,
            ["acceptance"] = result.AcceptanceFraction,
            ["likelihood_calls"] = result.LikelihoodEvaluations,
            ["max_log_posterior"] = Math.Max(logPosterior.Max(), mode?.LogPosterior ?? double.NegativeInfinity),
        };
        if (mode is not null)
        {
            numbers["mode_search_calls"] = mode.Evaluations;
            numbers["mode_search_log_posterior"] = mode.LogPosterior;
        }
        var samples = WeightedSamples.Unweighted(d, kept, new double[keptSteps * Walkers]);
        return new PosteriorSample(samples, [.. candidates], numbers);
    }

    public override double CallsPerReplicate(int dimension) =>
        (double)Walkers * Steps + (Search is null ? 0 : (double)Search.EvaluationsPerStart * (Search.Starts + Search.Polished * Search.Restarts));
}

/// <summary>
/// Nested sampling with an evidence run's settings. Its dead points carry posterior weights, which are respected
/// rather than resampled: the posterior CDF at the truth is the weighted fraction of dead points below it
/// (<see cref="Sampling.Calibration.CalibrationRanks.CdfAt"/>), and the rank among L is ⌊u (L + 1)⌋
/// (<see cref="Sampling.Calibration.CalibrationRanks.RankFromCdf"/>).
/// </summary>
public sealed record NestedCalibrationSampler(NestedSettings Settings) : CalibrationSampler
{
    public override Task<PosteriorSample?> SampleAsync(IPosterior posterior, RandomKey key, int threads, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        NestedResult result;
        try
        {
            result = NestedSampler.Run(posterior, Settings with { MaxThreads = threads }, key, cancellationToken: stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Task.FromResult<PosteriorSample?>(null);
        }
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["log_z"] = result.LogZ,
            ["log_z_error"] = result.LogZError,
            ["effective_sample_size"] = result.EffectiveSampleSize,
            ["iterations"] = result.Iterations,
            ["likelihood_calls"] = result.LikelihoodCalls,
            // The best dead point: the mode check of the reports compares it with ln p at the truth, as for a chain.
            ["max_log_posterior"] = result.DeadPoints.Max(p => p.Point.LogPrior + p.Point.LogLikelihood),
        };
        return Task.FromResult<PosteriorSample?>(new PosteriorSample(WeightedSamples.FromNested(result), null, numbers));
    }

    /// <summary>About n_live × (H + a few) × (calls per replacement); here n_live × 20 × D, a rough figure for the dry run.</summary>
    public override double CallsPerReplicate(int dimension) => 20.0 * Settings.LiveCount * Math.Max(1, dimension);
}
