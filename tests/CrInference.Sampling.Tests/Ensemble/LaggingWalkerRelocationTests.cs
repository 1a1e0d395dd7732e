using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>Burn-in relocation of walkers stranded far below the bulk (Hou et al. 2012).</summary>
public class LaggingWalkerRelocationTests
{
    private static readonly RandomKey Root = RandomKey.FromSeed(424242);

    /// <summary>
    /// Two unit Gaussians in 2-D at x = +10 and x = −10 (on the x axis), the second 15 e-folds lower:
    /// p(x) ∝ N(x; a, I) + e^{−15} N(x; b, I) on the uniform box [−20, 20]². The valley between them is
    /// e^{−50} deep, far below the minor peak, so stretch moves never carry a walker from b to a (a DE jump
    /// along a − b can).
    /// </summary>
    private sealed class MinorModePosterior : IPosterior
    {
        public ParameterSpace Space { get; } = Spaces.Uniform(2, -20, 20);

        public IReadOnlyList<string> DerivedNames { get; } = ["x_plus_y"];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double x = sampled[0], y = sampled[1];
            derived[0] = x + y;
            double major = -0.5 * ((x - 10) * (x - 10) + y * y);
            double minor = -15 - 0.5 * ((x + 10) * (x + 10) + y * y);
            double top = Math.Max(major, minor);
            return top + Math.Log(Math.Exp(major - top) + Math.Exp(minor - top));
        }
    }

    /// <summary>12 walkers around the major mode and 4 (indices 0, 5, 10, 15) around the minor one.</summary>
    private static EnsembleState SplitStart(IPosterior posterior)
    {
        const int walkers = 16;
        var stream = new RandomStream(Root.Split(77));
        var positions = new double[walkers * 2];
        var logPosteriors = new LogPosterior[walkers];
        var derived = new double[walkers];
        for (int w = 0; w < walkers; w++)
        {
            double centre = w % 5 == 0 ? -10 : 10;
            positions[2 * w] = centre + 0.3 * stream.NextGaussian();
            positions[2 * w + 1] = 0.3 * stream.NextGaussian();
            var point = positions.AsSpan(2 * w, 2);
            logPosteriors[w] = new LogPosterior(posterior.Space.LogPrior(point), posterior.LogLikelihood(point, derived.AsSpan(w, 1)));
        }
        return EnsembleState.Create(walkers, 2, 1, positions, logPosteriors, derived, 0);
    }

    private static IEnsembleMove Mixture() =>
        new WeightedMixtureMove([(new StretchMove(), 0.8), (new DifferentialEvolutionMove(), 0.2)]);

    private static async Task<(InMemoryChainSink Sink, EnsembleRunResult Result)> Run(
        IPosterior posterior, EnsembleState start, long steps, LaggingWalkerRelocation? relocation, int threads = 1, IEnsembleMove? move = null)
    {
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, move ?? Mixture(), new EnsembleSamplerOptions { Threads = threads, BlockSteps = 40, RelocateLagging = relocation });
        var result = await sampler.RunAsync(Root, start, steps, sink);
        return (sink, result);
    }

    [Fact]
    public async Task Run_WalkersInAModeFifteenEFoldsLower_StayThereWithoutRelocationAndJoinTheBulkWithIt()
    {
        var posterior = new MinorModePosterior();
        var start = SplitStart(posterior);

        var (_, plain) = await Run(posterior, start, 400, relocation: null, move: new StretchMove());
        var (_, relocated) = await Run(posterior, start, 400, new LaggingWalkerRelocation(UntilStep: 200), move: new StretchMove());

        // Without relocation the four stranded walkers never cross the e^{−50} valley.
        Assert.Equal(4, Enumerable.Range(0, 16).Count(w => plain.FinalState.Positions.Span[2 * w] < 0));
        Assert.Equal(0, plain.WalkersRelocated);
        // With it, exactly those four are moved (at the first check, step 50) and every walker ends in the major mode.
        Assert.Equal(4, relocated.WalkersRelocated);
        Assert.All(Enumerable.Range(0, 16), w => Assert.True(relocated.FinalState.Positions.Span[2 * w] > 0, $"walker {w}"));
    }

    [Fact]
    public void Apply_MovesExactlyTheWalkersBelowTheLevelOntoBulkWalkers()
    {
        // One parameter: threshold 5 + 3√(1/2) = 7.12; the median of the six ln p is −1.5, so the level is −8.62.
        double[] values = [0, -1, -2, -50, -0.5, -30];
        double[] positions = [10, 11, 12, 13, 14, 15];
        double[] derived = [20, 21, 22, 23, 24, 25];
        var logPosteriors = values.Select(v => new LogPosterior(0, v)).ToArray();
        Assert.Equal(-8.6213, -1.5 - LaggingWalkers.Threshold(1), 4);

        int moved = LaggingWalkerRelocation.Apply(Root, 1, 1, positions, logPosteriors, derived);

        Assert.Equal(2, moved);
        foreach (int w in new[] { 0, 1, 2, 4 })
        {
            Assert.Equal(10 + w, positions[w]);
            Assert.Equal(values[w], logPosteriors[w].Value);
        }
        foreach (int w in new[] { 3, 5 })
        {
            int donor = (int)positions[w] - 10;
            Assert.Contains(donor, new[] { 0, 1, 2, 4 });
            Assert.Equal(20 + donor, derived[w]);
            Assert.Equal(values[donor], logPosteriors[w].Value);
        }
    }

    [Fact]
    public void Apply_NoWalkerBelowTheLevel_ChangesNothing()
    {
        double[] positions = [1, 2, 3, 4];
        double[] derived = [];
        var logPosteriors = new[] { -1.0, -3.0, -2.0, -9.0 }.Select(v => new LogPosterior(0, v)).ToArray();
        var before = logPosteriors.ToArray();

        Assert.Equal(0, LaggingWalkerRelocation.Apply(Root, 2, 0, positions, logPosteriors, derived));
        Assert.Equal([1.0, 2, 3, 4], positions);
        Assert.Equal(before, logPosteriors);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(150, true)]
    [InlineData(175, false)]
    [InlineData(200, false)]
    public void AppliesAt_PositiveMultiplesOfTheIntervalBeforeTheEnd(long step, bool expected) =>
        Assert.Equal(expected, new LaggingWalkerRelocation(UntilStep: 200).AppliesAt(step));

    [Fact]
    public async Task Run_WithRelocation_ThreadsOneAndTwoAndAResumeMidPhase_GiveTheSameChain()
    {
        var posterior = new MinorModePosterior();
        var start = SplitStart(posterior);
        var relocation = new LaggingWalkerRelocation(UntilStep: 200);

        var (serial, _) = await Run(posterior, start, 260, relocation, threads: 1);
        // 8 walkers per half × ≥ 40 µs is above the kernel's 200 µs parallel threshold: threads = 2 really runs in parallel.
        var slow = new SlowPosterior(posterior, awaitSecondThread: true, spinMicroseconds: 40);
        var (parallel, _) = await Run(slow, start, 260, relocation, threads: 2);
        Assert.True(slow.ThreadsSeen > 1, "the parallel path was not exercised");
        // Stop at step 120 (between the checks at 100 and 150) and go on from the stored state.
        var (firstPart, partial) = await Run(posterior, start, 120, relocation);
        var sampler = new EnsembleSampler(posterior, Mixture(), new EnsembleSamplerOptions { BlockSteps = 40, RelocateLagging = relocation });
        await sampler.RunAsync(Root, firstPart.LastState(), 140, firstPart);

        Assert.Equal(serial.Positions(), parallel.Positions());
        Assert.Equal(serial.Positions(), firstPart.Positions());
        Assert.Equal(serial.Derived(), firstPart.Derived());
        Assert.Equal(120, partial.FinalState.Step);
    }
}
