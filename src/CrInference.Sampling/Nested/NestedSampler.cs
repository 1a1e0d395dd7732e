using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// Nested sampling (Skilling 2004, 2006) for the evidence Z = ∫ L π and weighted posterior samples,
/// organised as in dynesty and UltraNest: a bound (<see cref="MultiEllipsoid"/>, unit cube at first),
/// constrained samplers (<see cref="RejectionSampler"/>, <see cref="SliceSampler"/>, chosen by
/// <see cref="ConstrainedSamplerRule"/>) and this loop.
/// <para><b>Loop.</b> n live points are drawn from the prior in the unit cube and mapped through
/// <see cref="ParameterSpace.FromUnitCube"/>; draws with L = 0 are redrawn and the finite fraction
/// starts ln X. Each batch removes the K = <see cref="NestedSettings.BatchSize"/> worst live points in
/// order with live counts n, n − 1, …, n − K + 1 (the variable-live-point rule of dynesty's batches
/// and final live points, so no removal is approximate) and draws K replacements with
/// L &gt; L*, the highest removed likelihood, in parallel; the live set is back to n.</para>
/// <para><b>Determinism.</b> Replacement k of batch b uses only <c>key.Split(1).Split(b).Split(k)</c>,
/// and results are consumed in slot order, so a run is bitwise the same for any thread count, and
/// continuing a saved <see cref="NestedState"/> reproduces the uninterrupted run.</para>
/// <para><b>Termination</b> and the sampler rule are described on <see cref="NestedSettings"/>;
/// errors on <see cref="NestedResult"/>.</para>
/// </summary>
public static class NestedSampler
{
    private const ulong InitialStream = 0;
    private const ulong BatchStream = 1;
    private const ulong ErrorStream = 2;
    private const long InitialAttemptLimit = 1_000_000;

    /// <summary>Runs to termination from fresh prior draws. <paramref name="progress"/> receives every
    /// state between batches (checkpoint it to resume with <see cref="Resume"/>).</summary>
    public static NestedResult Run(
        IPosterior posterior, NestedSettings settings, RandomKey key,
        IProgress<NestedState>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = Initialize(posterior, settings, key, cancellationToken);
        progress?.Report(state);
        return Continue(posterior, state, progress, cancellationToken);
    }

    /// <summary>
    /// Continues a saved state to termination. Refuses (InvalidOperationException) a state whose
    /// dimension or derived values do not match <paramref name="posterior"/>, or whose best live point
    /// no longer evaluates to the stored ln L (the posterior changed since the checkpoint).
    /// </summary>
    public static NestedResult Resume(
        IPosterior posterior, NestedState state,
        IProgress<NestedState>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckMatches(posterior, state);
        return Continue(posterior, state, progress, cancellationToken);
    }

    /// <summary>Draws the n initial live points (in parallel, deterministic per key).</summary>
    public static NestedState Initialize(IPosterior posterior, NestedSettings settings, RandomKey key, CancellationToken cancellationToken = default)
    {
        int d = posterior.Space.Dimension;
        settings.Validate(d);
        int n = settings.LiveCount;
        var points = new NestedPoint[n];
        var attempts = new long[n];
        var initialKey = key.Split(InitialStream);
        ForEachSlot(n, settings.MaxThreads, cancellationToken, slot =>
        {
            var random = initialKey.Split((ulong)slot).Open();
            var candidate = new Candidate(d, posterior.DerivedNames.Count);
            for (long attempt = 1; attempt <= InitialAttemptLimit; attempt++)
            {
                for (int i = 0; i < d; i++) candidate.Unit[i] = random.NextOpenDouble();
                candidate.Evaluate(posterior);
                if (!double.IsNegativeInfinity(candidate.LogLikelihood))
                {
                    points[slot] = candidate.ToPoint();
                    attempts[slot] = attempt;
                    return;
                }
            }
            throw new InvalidOperationException($"nested sampling: no prior draw with a finite likelihood in {InitialAttemptLimit} attempts");
        });
        long totalAttempts = attempts.Sum();
        var active = ConstrainedSamplerRule.Initial(settings, d);
        double initialLogX = totalAttempts == n ? 0.0 : Math.Log(n) - Math.Log(totalAttempts);
        return new NestedState
        {
            Settings = settings,
            Key = key,
            Dimension = d,
            Live = [.. points],
            Dead = [],
            Iteration = 0,
            Batch = 0,
            LikelihoodCalls = totalAttempts,
            LogX = initialLogX,
            InitialLogX = initialLogX,
            LogZ = double.NegativeInfinity,
            Information = 0,
            LastLogLikelihood = double.NegativeInfinity,
            Bound = [],
            BoundIteration = 0,
            BoundUpdates = 0,
            ActiveSampler = active,
            SliceFromIteration = active == ConstrainedSamplerChoice.Slice ? 0 : null,
            SliceScale = 1.0,
            WindowCalls = 0,
            WindowAccepted = 0,
            Status = NestedStatus.Running,
        };
    }

    /// <summary>
    /// One batch: checks termination (and then adds the final live points), updates the sampler choice
    /// and the bound, removes the K worst live points and draws their replacements.
    /// Returns <paramref name="state"/> itself once finished.
    /// </summary>
    public static NestedState Step(IPosterior posterior, NestedState state, CancellationToken cancellationToken = default)
    {
        if (state.IsFinished) return state;
        var settings = state.Settings;
        int n = state.Live.Length;
        int d = state.Dimension;

        double maxLogLikelihood = state.Live.Max(p => p.LogLikelihood);
        double remaining = double.IsNegativeInfinity(state.LogZ)
            ? double.PositiveInfinity
            : LogMath.AddExp(state.LogZ, maxLogLikelihood + state.LogX) - state.LogZ;
        if (remaining < settings.DLogZ) return Finish(state, NestedStatus.Converged);
        if (state.Iteration >= settings.MaxIterations) return Finish(state, NestedStatus.MaxIterations);
        if (state.LikelihoodCalls >= settings.MaxLikelihoodCalls) return Finish(state, NestedStatus.MaxLikelihoodCalls);

        var (next, bound) = UpdateSamplerAndBound(state);

        int k = settings.BatchSize;
        var order = Enumerable.Range(0, n).OrderBy(i => state.Live[i].LogLikelihood).ThenBy(i => i).ToArray();
        double floor = state.Live[order[k - 1]].LogLikelihood;
        var sums = new EvidenceIntegration.Accumulator(state.LogX, state.LogZ, state.Information, state.LastLogLikelihood);
        var dead = state.Dead.ToBuilder();
        var removed = new bool[n];
        for (int j = 0; j < k; j++)
        {
            dead.Add(EvidenceIntegration.Remove(state.Live[order[j]], n - j, ref sums));
            removed[order[j]] = true;
        }
        var survivors = state.Live.Where((_, i) => !removed[i]).ToArray();

        var active = next.ActiveSampler;
        double scale = state.SliceScale;
        long callLimit = ConstrainedSamplerRule.RejectionCallLimit(settings);
        int slices = settings.SlicesFor(d);
        var batchKey = state.Key.Split(BatchStream).Split((ulong)state.Batch);
        var draws = new Replacement[k];
        ForEachSlot(k, settings.MaxThreads, cancellationToken, slot =>
            draws[slot] = DrawReplacement(posterior, batchKey.Split((ulong)slot), bound, active, floor, survivors, scale, slices, callLimit));

        long rejectionCalls = 0, sliceCalls = 0, accepted = 0, expansions = 0, contractions = 0;
        foreach (var draw in draws)
        {
            rejectionCalls += draw.RejectionCalls;
            sliceCalls += draw.Slice.Calls;
            expansions += draw.Slice.Expansions;
            contractions += draw.Slice.Contractions;
            if (draw.Accepted) accepted++;
        }
        if (expansions + contractions > 0)
        {
            // dynesty's slice tuning: grow the interval while it is stepped out more often than shrunk.
            scale *= Math.Clamp(2.0 * expansions / (expansions + contractions), 0.5, 2.0);
        }
        return next with
        {
            Live = [.. survivors, .. draws.Select(r => r.Point)],
            Dead = dead.ToImmutable(),
            Iteration = state.Iteration + k,
            Batch = state.Batch + 1,
            LikelihoodCalls = state.LikelihoodCalls + rejectionCalls + sliceCalls,
            LogX = sums.LogX,
            LogZ = sums.LogZ,
            Information = sums.Information,
            LastLogLikelihood = sums.LastLogLikelihood,
            SliceScale = scale,
            WindowCalls = next.WindowCalls + (bound is null ? 0 : rejectionCalls),
            WindowAccepted = next.WindowAccepted + (bound is null ? 0 : accepted),
        };
    }

    /// <summary>ln Z, its errors, H and the normalised posterior weights of a finished run.</summary>
    public static NestedResult Summarize(NestedState state)
    {
        if (!state.IsFinished) throw new InvalidOperationException("nested sampling run has not finished");
        var dead = state.Dead;
        var weights = new double[dead.Count];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Exp(dead[i].LogWeight - state.LogZ);
            sum += weights[i];
        }
        double sumSquares = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
            sumSquares += weights[i] * weights[i];
        }
        return new NestedResult
        {
            LogZ = state.LogZ,
            LogZError = Math.Sqrt(Math.Max(state.Information, 0) / state.Settings.LiveCount),
            LogZErrorSimulated = EvidenceIntegration.SimulatedLogZError(dead, state.InitialLogX, state.Key.Split(ErrorStream), state.Settings.ErrorSimulations),
            Information = state.Information,
            LikelihoodCalls = state.LikelihoodCalls,
            Iterations = state.Iteration,
            Status = state.Status,
            DeadPoints = [.. dead],
            Weights = [.. weights],
            EffectiveSampleSize = 1.0 / sumSquares,
            BoundUpdates = state.BoundUpdates,
            SliceFromIteration = state.SliceFromIteration,
        };
    }

    private static NestedResult Continue(IPosterior posterior, NestedState state, IProgress<NestedState>? progress, CancellationToken cancellationToken)
    {
        while (!state.IsFinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state = Step(posterior, state, cancellationToken);
            progress?.Report(state);
        }
        return Summarize(state);
    }

    /// <summary>Switches to slice sampling when the rule says so, and rebuilds the bound once the
    /// unit-cube stage is over and every <see cref="NestedSettings.BoundUpdateInterval"/> × n iterations.</summary>
    private static (NestedState Next, MultiEllipsoid? Bound) UpdateSamplerAndBound(NestedState state)
    {
        var settings = state.Settings;
        var next = state;
        if (ConstrainedSamplerRule.SwitchToSlice(state))
        {
            next = next with { ActiveSampler = ConstrainedSamplerChoice.Slice, SliceFromIteration = state.Iteration };
        }
        long updateInterval = Math.Max(1, (long)Math.Round(settings.BoundUpdateInterval * settings.LiveCount));
        bool pastUnitCube = state.LogX < Math.Log(settings.UnitCubeFraction);
        if (!pastUnitCube || (!state.Bound.IsEmpty && state.Iteration - state.BoundIteration < updateInterval))
        {
            return (next, state.Bound.IsEmpty ? null : new MultiEllipsoid([.. state.Bound.Select(Ellipsoid.FromShape)]));
        }
        int n = state.Live.Length, d = state.Dimension;
        var coordinates = new double[n * d];
        for (int i = 0; i < n; i++) state.Live[i].Unit.CopyTo(coordinates.AsSpan(i * d, d));
        var bound = MultiEllipsoid.Build(coordinates, d, n, state.LogX, settings.Enlargement);
        next = next with
        {
            Bound = Ellipsoid.ToShapes(bound.Ellipsoids),
            BoundIteration = state.Iteration,
            BoundUpdates = state.BoundUpdates + 1,
            WindowCalls = 0,
            WindowAccepted = 0,
        };
        return (next, bound);
    }

    /// <summary>Adds the live points, worst first, with live counts n, n − 1, …, 1.</summary>
    private static NestedState Finish(NestedState state, NestedStatus status)
    {
        int n = state.Live.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => state.Live[i].LogLikelihood).ThenBy(i => i).ToArray();
        var sums = new EvidenceIntegration.Accumulator(state.LogX, state.LogZ, state.Information, state.LastLogLikelihood);
        var dead = state.Dead.ToBuilder();
        for (int j = 0; j < n; j++) dead.Add(EvidenceIntegration.Remove(state.Live[order[j]], n - j, ref sums));
        return state with
        {
            Live = [],
            Dead = dead.ToImmutable(),
            LogX = sums.LogX,
            LogZ = sums.LogZ,
            Information = sums.Information,
            LastLogLikelihood = sums.LastLogLikelihood,
            Status = status,
        };
    }

    private readonly record struct Replacement(NestedPoint Point, long RejectionCalls, bool Accepted, SliceSampler.Statistics Slice);

    private static Replacement DrawReplacement(
        IPosterior posterior, RandomKey key, MultiEllipsoid? bound, ConstrainedSamplerChoice active,
        double floor, NestedPoint[] survivors, double scale, int slices, long callLimit)
    {
        var random = key.Open();
        int d = posterior.Space.Dimension;
        var current = new Candidate(d, posterior.DerivedNames.Count);
        long rejectionCalls = 0;
        if (bound is null || active == ConstrainedSamplerChoice.Rejection)
        {
            if (RejectionSampler.TryDraw(ref random, posterior, bound, floor, callLimit, current, out rejectionCalls))
            {
                return new Replacement(current.ToPoint(), rejectionCalls, true, default);
            }
        }
        var start = survivors[random.NextInt(survivors.Length)];
        var trial = new Candidate(d, posterior.DerivedNames.Count);
        var statistics = SliceSampler.Draw(ref random, posterior, start, bound, floor, scale, slices, current, trial);
        return new Replacement(current.ToPoint(), rejectionCalls, false, statistics);
    }

    private static void ForEachSlot(int count, int? maxThreads, CancellationToken cancellationToken, Action<int> body)
    {
        int threads = maxThreads ?? Environment.ProcessorCount;
        if (threads <= 1 || count == 1)
        {
            for (int slot = 0; slot < count; slot++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(slot);
            }
            return;
        }
        // One slot at a time from a shared counter: replacement draws vary in cost (rejection and slice calls, likelihood
        // cost), so a fixed split would leave a thread idle at the end of a batch. Each slot's result depends only on its
        // own key, not on the thread that drew it.
        int workers = Math.Min(threads, count), next = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        Parallel.For(0, workers, options, _ =>
        {
            int slot;
            while ((slot = Interlocked.Increment(ref next) - 1) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(slot);
            }
        });
    }

    private static void CheckMatches(IPosterior posterior, NestedState state)
    {
        if (posterior.Space.Dimension != state.Dimension)
        {
            throw new InvalidOperationException($"checkpoint has {state.Dimension} parameters but the posterior has {posterior.Space.Dimension}");
        }
        var reference = state.Live.IsEmpty ? state.Dead[^1].Point : state.Live.MaxBy(p => p.LogLikelihood)!;
        if (reference.Derived.Length != posterior.DerivedNames.Count)
        {
            throw new InvalidOperationException($"checkpoint has {reference.Derived.Length} derived values but the posterior has {posterior.DerivedNames.Count}");
        }
        var derived = new double[posterior.DerivedNames.Count];
        var value = posterior.Evaluate(reference.Sampled.AsSpan(), derived);
        if (!value.LogLikelihood.Equals(reference.LogLikelihood))
        {
            throw new InvalidOperationException(
                $"checkpoint does not match the posterior: ln L at the best live point is {value.LogLikelihood:R} now, {reference.LogLikelihood:R} when saved");
        }
    }
}
