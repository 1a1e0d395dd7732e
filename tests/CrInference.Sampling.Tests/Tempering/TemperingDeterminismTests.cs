using System.Text.Json;
using System.Text.Json.Serialization;
using CrInference.Core.Random;
using CrInference.Sampling.Tempering;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Tempering;

/// <summary>Same seed ⇒ same bytes: for any thread count, across a checkpoint and resume (also through
/// JSON), and after a cancellation.</summary>
public sealed class TemperingDeterminismTests
{
    private static readonly RandomKey Key = RandomKey.FromSeed(20240611);

    /// <summary>Short but complete: adaptation in burn-in, production, bootstrap; a posterior with derived values.</summary>
    private static TemperingSettings Short(int threads = 1) => new()
    {
        Temperatures = 5,
        WalkersPerTemperature = 12,
        BurnInSteps = 30,
        Steps = 40,
        PriorDraws = 100,
        BootstrapBlocks = 4,
        BootstrapReplicates = 20,
        CheckpointIntervalSteps = 10,
        Threads = threads,
    };

    [Fact]
    public void Run_ThreadsOneAndTwo_GiveBitwiseIdenticalResults()
    {
        var serial = ParallelTempering.Run(CorrelatedGaussianPosterior.FiveDimensional(), Short(threads: 1), Key);
        var parallel = ParallelTempering.Run(CorrelatedGaussianPosterior.FiveDimensional(), Short(threads: 2), Key);

        AssertSame(serial, parallel);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(30)]
    [InlineData(51)]
    public void Resume_FromAnyStep_EqualsUninterruptedRun(long stopAt)
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var uninterrupted = ParallelTempering.Run(posterior, Short(), Key);

        var partial = ParallelTempering.Advance(posterior, ParallelTempering.Initialize(posterior, Short(), Key), stopAt);
        Assert.Equal(stopAt, partial.Step);
        var resumed = ParallelTempering.Resume(posterior, partial);

        AssertSame(uninterrupted, resumed);
    }

    [Fact]
    public void Resume_FromJsonRoundTripOfTheState_EqualsUninterruptedRun()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var uninterrupted = ParallelTempering.Run(posterior, Short(), Key);
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

        var partial = ParallelTempering.Advance(posterior, ParallelTempering.Initialize(posterior, Short(), Key), 45);
        string json = JsonSerializer.Serialize(partial, options);
        var restored = JsonSerializer.Deserialize<TemperingState>(json, options)!;
        var resumed = ParallelTempering.Resume(posterior, restored);

        AssertSame(uninterrupted, resumed);
    }

    [Fact]
    public void Run_Cancelled_ReportsAStateThatResumesToTheUninterruptedRun()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var uninterrupted = ParallelTempering.Run(posterior, Short(), Key);
        using var cancellation = new CancellationTokenSource();
        TemperingState? last = null;
        var progress = new SynchronousProgress<TemperingState>(s =>
        {
            last = s;
            if (s.Step == 20) cancellation.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() => ParallelTempering.Run(posterior, Short(), Key, progress, cancellation.Token));
        Assert.Equal(20, last!.Step);
        var resumed = ParallelTempering.Resume(posterior, last);

        AssertSame(uninterrupted, resumed);
    }

    [Fact]
    public void Resume_PosteriorChanged_Refuses()
    {
        var partial = ParallelTempering.Advance(
            CorrelatedGaussianPosterior.FiveDimensional(),
            ParallelTempering.Initialize(CorrelatedGaussianPosterior.FiveDimensional(), Short(), Key), 10);
        var other = new CorrelatedGaussianPosterior([1.0, -2.0, 0.5, 3.0, 0.1], [1.0, 2.0, 0.5, 3.0, 1.5], [1, -1, 1, 1, -1], 0.8);

        var error = Assert.Throws<InvalidOperationException>(() => ParallelTempering.Resume(other, partial));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DerivedValuesOfTheColdChainAreTheUntemperedPosteriors()
    {
        var result = ParallelTempering.Run(CorrelatedGaussianPosterior.FiveDimensional(), Short(), Key);
        var chain = result.ColdChain;

        Assert.Equal(2, chain.DerivedCount);
        for (int r = 0; r < chain.Steps * chain.Walkers; r += 37)
        {
            double x0 = chain.Positions.Span[r * 5];
            Assert.Equal(x0 * x0, chain.Derived.Span[r * 2]);
        }
        Assert.Equal(40, chain.Steps);
        Assert.Equal(30, chain.FirstStep);
    }

    private static void AssertSame(TemperingResult expected, TemperingResult actual)
    {
        Assert.Equal(Bits(expected.Betas), Bits(actual.Betas));
        Assert.Equal(Bits(expected.MeanLogLikelihood), Bits(actual.MeanLogLikelihood));
        Assert.Equal(Bits(expected.MeanLogLikelihoodError), Bits(actual.MeanLogLikelihoodError));
        Assert.Equal(Bits(expected.SwapAcceptance), Bits(actual.SwapAcceptance));
        Assert.Equal(Bits([expected.LogZ, expected.LogZError, expected.LogZSteppingStone, expected.LogZSteppingStoneError]),
            Bits([actual.LogZ, actual.LogZError, actual.LogZSteppingStone, actual.LogZSteppingStoneError]));
        Assert.Equal(expected.LikelihoodCalls, actual.LikelihoodCalls);
        Assert.Equal(Bits(expected.ColdChain.Positions.ToArray()), Bits(actual.ColdChain.Positions.ToArray()));
        Assert.Equal(Bits(expected.ColdChain.Derived.ToArray()), Bits(actual.ColdChain.Derived.ToArray()));
        Assert.Equal(Bits(expected.ColdChain.LogPosteriors.ToArray().Select(l => l.LogLikelihood)), Bits(actual.ColdChain.LogPosteriors.ToArray().Select(l => l.LogLikelihood)));
        Assert.Equal(expected.ColdChain.Accepted.ToArray(), actual.ColdChain.Accepted.ToArray());
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
