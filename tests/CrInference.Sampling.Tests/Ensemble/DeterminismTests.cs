using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>Same seed ⇒ same bytes: for any thread count, and across a crash and resume.</summary>
public class DeterminismTests
{
    private static readonly RandomKey Root = RandomKey.FromSeed(20240611);

    private static IEnsembleMove Mixture() =>
        new WeightedMixtureMove([(new StretchMove(), 0.6), (new DifferentialEvolutionMove(), 0.4)]);

    private static EnsembleState Start(IPosterior posterior, int walkers) =>
        InitialEnsemble.FromGaussianBall(Root.Split(99), posterior, walkers, [0.5, -1.5, 0.2, 2.5, 0.3], [0.3, 0.3, 0.3, 0.3, 0.3]);

    private static async Task<InMemoryChainSink> Sample(IPosterior posterior, EnsembleState start, long steps, int threads, int blockSteps = 25)
    {
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, Mixture(), new EnsembleSamplerOptions { Threads = threads, BlockSteps = blockSteps });
        await sampler.RunAsync(Root, start, steps, sink);
        return sink;
    }

    private static void AssertSameBits(InMemoryChainSink expected, InMemoryChainSink actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(Bits(expected.Positions()), Bits(actual.Positions()));
        Assert.Equal(Bits(expected.Derived()), Bits(actual.Derived()));
        Assert.Equal(Bits(expected.LogPosteriors().Select(l => l.LogPrior)), Bits(actual.LogPosteriors().Select(l => l.LogPrior)));
        Assert.Equal(Bits(expected.LogPosteriors().Select(l => l.LogLikelihood)), Bits(actual.LogPosteriors().Select(l => l.LogLikelihood)));
        Assert.Equal(expected.Accepted(), actual.Accepted());
        Assert.True(expected.LastState().BitwiseEquals(actual.LastState()));
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Run_ThreadsOneAndMore_RunsInParallelAndGivesBitwiseIdenticalChains(int threads)
    {
        // A half-ensemble of 16 walkers × ≥ 20 µs (SlowPosterior) is above the kernel's 200 µs parallel threshold, so
        // threads > 1 really evaluates walkers on several threads (a cheap target would be run serially whatever the
        // setting, and the comparison would test nothing).
        var serialTarget = new SlowPosterior(CorrelatedGaussianPosterior.FiveDimensional());
        var parallelTarget = new SlowPosterior(CorrelatedGaussianPosterior.FiveDimensional(), awaitSecondThread: true);
        var start = Start(serialTarget, 32);

        var serial = await Sample(serialTarget, start, 100, threads: 1);
        var parallel = await Sample(parallelTarget, start, 100, threads);

        AssertSameBits(serial, parallel);
        Assert.Contains(true, serial.Accepted());
        Assert.Equal(1, serialTarget.ThreadsSeen);
        Assert.True(parallelTarget.ThreadsSeen > 1, "the parallel path was not exercised");
    }

    [Fact]
    public async Task Resume_AfterCrashAtStep60_EqualsUninterruptedHundredStepsBitwise()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var start = Start(posterior, 16);
        var uninterrupted = await Sample(posterior, start, 100, threads: 1);

        // Run 60 steps, then rebuild everything from what was stored (the last row of the chain) and run 40 more.
        var firstPart = await Sample(posterior, start, 60, threads: 2);
        var saved = firstPart.LastState();
        var restored = EnsembleState.Create(saved.Walkers, saved.Dimension, saved.DerivedCount,
            saved.Positions.Span, saved.LogPosteriors.Span, saved.Derived.Span, saved.Step);
        Assert.Equal(60, restored.Step);
        var sampler = new EnsembleSampler(posterior, Mixture(), new EnsembleSamplerOptions { BlockSteps = 25 });
        var result = await sampler.RunAsync(Root, restored, 40, firstPart);

        AssertSameBits(uninterrupted, firstPart);
        Assert.Equal(100, result.FinalState.Step);
        Assert.Equal([0L, 25, 50, 60, 75], firstPart.Blocks.Select(b => b.FirstStep));
    }

    [Fact]
    public async Task Driver_EqualsRepeatedPureKernelSteps()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var start = Start(posterior, 12);
        var move = Mixture();
        var state = start;
        for (int t = 0; t < 30; t++)
        {
            (state, _) = RedBlueKernel.Step(Root.Split((ulong)state.Step), state, move, posterior, threads: 2);
        }

        var sink = new InMemoryChainSink();
        var result = await new EnsembleSampler(posterior, move).RunAsync(Root, start, 30, sink);

        Assert.True(state.BitwiseEquals(result.FinalState));
        Assert.True(state.BitwiseEquals(sink.LastState()));
    }

    [Fact]
    public void InitialEnsemble_ThreadsOneAndTwo_GiveTheSameWalkers()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var one = InitialEnsemble.FromPrior(Root, posterior, 20, threads: 1);
        var two = InitialEnsemble.FromPrior(Root, posterior, 20, threads: 2);
        Assert.True(one.BitwiseEquals(two));
    }
}
