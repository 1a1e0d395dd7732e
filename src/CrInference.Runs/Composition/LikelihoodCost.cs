using System.Diagnostics;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Physics.Models;
using CrInference.Physics.Network;

namespace CrInference.Runs.Composition;

/// <summary>The timed calls of one posterior in <see cref="LikelihoodCost"/>.</summary>
/// <param name="TimesMs">Wall time of each call, ms, in call order (the i-th of two series is the same point).</param>
/// <param name="Failures">Calls that returned −∞.</param>
/// <param name="AllocatedBytes">Bytes allocated by the calls on the calling thread.</param>
public sealed record LikelihoodCostSeries(IReadOnlyList<double> TimesMs, int Failures, long AllocatedBytes);

/// <summary>What <see cref="LikelihoodCost.Measure"/> found.</summary>
/// <param name="Main">The file's posterior.</param>
/// <param name="Baseline">The posterior with changed options, at the same points; null without one.</param>
/// <param name="GcPauseShare">Share of the timed wall time spent in GC pauses.</param>
public sealed record LikelihoodCostResult(LikelihoodCostSeries Main, LikelihoodCostSeries? Baseline, double GcPauseShare);

/// <summary>
/// The cost of one log-likelihood call (model plus every dataset) on one core, at points drawn from the prior file's
/// <c>ref</c> balls (seed 20221125; parameters without a ball from their prior), after an untimed warm-up of at least
/// <see cref="WarmUpSeconds"/>. With a baseline posterior (the same file with model options changed,
/// <see cref="WithModelOptions"/>) every point is evaluated by both, the order alternating between points, so that the
/// paired difference is what the changed ingredients cost at the same points, free of load drifting between two runs.
/// </summary>
public static class LikelihoodCost
{
    /// <summary>Untimed warm-up calls last at least this long (and 20 calls): tiered compilation must have replaced the first,
    /// unoptimised code of every method on the path, as it has in any fit that runs for more than a few seconds. Without it
    /// a cheap likelihood measured in the first second of a process runs up to 4× slower.</summary>
    public const double WarmUpSeconds = 3.0;

    /// <summary>Times <paramref name="calls"/> calls of <paramref name="posterior"/> (and of <paramref name="baseline"/> at the
    /// same points) built from <paramref name="spec"/>.</summary>
    public static LikelihoodCostResult Measure(PriorFileSpec spec, IPosterior posterior, IPosterior? baseline, int calls)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(posterior);
        var space = posterior.Space;
        var key = RandomKey.FromSeed(20221125);
        var derived = new double[posterior.DerivedNames.Count];
        var derivedBaseline = new double[baseline?.DerivedNames.Count ?? 0];
        var theta = new double[space.Dimension];
        void Draw(ulong index)
        {
            var stream = key.Split(index).Open();
            for (int i = 0; i < space.Dimension; i++)
            {
                var p = spec.Param(space.Parameters[i].Name);
                double x = p.Ref is { } r ? r.Mean + r.Sigma * stream.NextGaussian() : p.Prior.FromUnitInterval(stream.NextDouble());
                x = Math.Clamp(x, p.Prior.Lower, p.Prior.Upper);
                theta[i] = p.Prior.ToSampled(x);
            }
        }
        // Warm-up points come from the far end of the key's streams: the timed points do not depend on the warm-up's length.
        var warmClock = Stopwatch.StartNew();
        for (int call = 0; call < 20 || warmClock.Elapsed.TotalSeconds < WarmUpSeconds; call++)
        {
            Draw(ulong.MaxValue - (ulong)call);
            posterior.LogLikelihood(theta, derived);
            baseline?.LogLikelihood(theta, derivedBaseline);
        }
        var main = new Tally();
        var other = new Tally();
        var pause0 = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        for (int call = 0; call < calls; call++)
        {
            Draw((ulong)call);
            bool baselineFirst = (call & 1) == 1;
            if (baseline is not null && baselineFirst) other.Time(baseline, theta, derivedBaseline);
            main.Time(posterior, theta, derived);
            if (baseline is not null && !baselineFirst) other.Time(baseline, theta, derivedBaseline);
        }
        double gcShare = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
        return new LikelihoodCostResult(main.ToSeries(), baseline is null ? null : other.ToSeries(), gcShare);
    }

    /// <summary>
    /// <paramref name="spec"/> with <paramref name="changes"/> applied to its model options. A change of the preset
    /// <c>physics</c> first gives every option that the preset decides its default under the new preset (the others, e.g.
    /// <c>kappa</c>, keep the file's values); the named changes then win. Checked as a prior file's options are
    /// (<see cref="ForwardModelExtensions.Resolve"/>); a one-line <see cref="UserInputException"/> names what is wrong,
    /// <paramref name="optionName"/> first.
    /// </summary>
    public static PriorFileSpec WithModelOptions(PriorFileSpec spec, IReadOnlyDictionary<string, string> changes, string optionName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(changes);
        var model = ModelCatalog.Find(spec.Model) ?? throw new UserInputException($"{optionName} needs a forward model (the file's model is '{spec.Model}')");
        var options = spec.Options.ToBuilder();
        if (changes.TryGetValue(NetworkSettings.PhysicsOption, out string? preset))
        {
            foreach (var o in model.Options)
            {
                bool presetDecides = o.DefaultUnder(NetworkSettings.PaperPhysicsValue) != o.DefaultUnder(NetworkSettings.FullPhysics);
                if (presetDecides) options[o.Name] = o.DefaultUnder(preset);
            }
        }
        foreach (var (name, value) in changes) options[name] = value;
        var (_, error) = model.Resolve(new Dictionary<string, double>(), options.ToImmutable());
        if (error is not null) throw new UserInputException($"{optionName}: {error}");
        return spec with { Options = options.ToImmutable() };
    }

    private sealed class Tally
    {
        private readonly List<double> _times = [];
        private int _failures;
        private long _allocated;

        public void Time(IPosterior posterior, double[] theta, double[] derived)
        {
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            double logL = posterior.LogLikelihood(theta, derived);
            _times.Add(clock.Elapsed.TotalMilliseconds);
            _allocated += GC.GetAllocatedBytesForCurrentThread() - bytes0;
            if (double.IsNegativeInfinity(logL)) _failures++;
        }

        public LikelihoodCostSeries ToSeries() => new(_times, _failures, _allocated);
    }
}
