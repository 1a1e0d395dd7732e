using System.Text.Json;
using System.Text.Json.Serialization;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>Same key ⇒ same bits, whatever the thread count, and across a checkpoint.</summary>
public sealed class NestedDeterminismTests
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static TheoryData<ConstrainedSamplerChoice> Samplers =>
        [ConstrainedSamplerChoice.Auto, ConstrainedSamplerChoice.Rejection, ConstrainedSamplerChoice.Slice];

    [Theory]
    [MemberData(nameof(Samplers))]
    public void Run_OneAndTwoThreads_BitwiseIdentical(ConstrainedSamplerChoice sampler)
    {
        var problem = NestedTestSupport.Reference("test/gaussian-shell/2");
        var settings = new NestedSettings { LiveCount = 150, BatchSize = 8, Sampler = sampler };

        var one = NestedSampler.Run(problem, settings with { MaxThreads = 1 }, NestedTestSupport.Key);
        // The two-thread run really draws on two threads: its target waits once (at most 10 s) for a call from a second
        // thread, so a saturated pool cannot quietly run every slot on the calling thread.
        var observed = new EnsembleSupport.SlowPosterior(problem, awaitSecondThread: true);
        var two = NestedSampler.Run(observed, settings with { MaxThreads = 2 }, NestedTestSupport.Key);

        AssertIdentical(one, two);
        Assert.True(observed.ThreadsSeen > 1, "the parallel path was not exercised");
    }

    [Fact]
    public void Resume_FromJsonCheckpointMidRun_EqualsUninterruptedRun()
    {
        var problem = NestedTestSupport.Reference("test/egg-box/2");
        var settings = new NestedSettings { LiveCount = 200, BatchSize = 8, MaxThreads = 2 };
        var uninterrupted = NestedSampler.Run(problem, settings, NestedTestSupport.Key);

        var state = NestedSampler.Initialize(problem, settings, NestedTestSupport.Key);
        while (state.Bound.IsEmpty || state.BoundUpdates < 3) state = NestedSampler.Step(problem, state);
        string saved = JsonSerializer.Serialize(state, Json);
        var restored = JsonSerializer.Deserialize<NestedState>(saved, Json)!;
        var resumed = NestedSampler.Resume(problem, restored with { Settings = restored.Settings with { MaxThreads = 1 } });

        Assert.Equal(saved, JsonSerializer.Serialize(restored, Json));
        AssertIdentical(uninterrupted, resumed);
    }

    [Fact]
    public void Resume_PosteriorChanged_Refuses()
    {
        var saved = NestedSampler.Initialize(NestedTestSupport.Reference("test/gaussian-shell/2"), new NestedSettings { LiveCount = 100 }, NestedTestSupport.Key);

        var other = NestedTestSupport.Reference("test/rosenbrock/2");

        Assert.Throws<InvalidOperationException>(() => NestedSampler.Resume(other, saved));
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            NestedSampler.Run(NestedTestSupport.Reference("test/gaussian/3"), new NestedSettings(), NestedTestSupport.Key, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Run_IterationLimit_StopsThereAndAddsTheLivePoints()
    {
        var settings = new NestedSettings { LiveCount = 100, BatchSize = 10, MaxIterations = 200 };

        var result = NestedSampler.Run(NestedTestSupport.Reference("test/gaussian/3"), settings, NestedTestSupport.Key);

        Assert.Equal(NestedStatus.MaxIterations, result.Status);
        Assert.Equal(200, result.Iterations);
        Assert.Equal(300, result.DeadPoints.Length);
        Assert.Equal(1.0, result.Weights.Sum(), 12);
    }

    private static void AssertIdentical(NestedResult expected, NestedResult actual)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LogZ), BitConverter.DoubleToInt64Bits(actual.LogZ));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Information), BitConverter.DoubleToInt64Bits(actual.Information));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LogZErrorSimulated), BitConverter.DoubleToInt64Bits(actual.LogZErrorSimulated));
        Assert.Equal(expected.LikelihoodCalls, actual.LikelihoodCalls);
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.BoundUpdates, actual.BoundUpdates);
        Assert.Equal(expected.SliceFromIteration, actual.SliceFromIteration);
        Assert.Equal(expected.DeadPoints.Length, actual.DeadPoints.Length);
        for (int i = 0; i < expected.DeadPoints.Length; i++)
        {
            var e = expected.DeadPoints[i];
            var a = actual.DeadPoints[i];
            Assert.Equal(e.LiveCount, a.LiveCount);
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.LogWeight), BitConverter.DoubleToInt64Bits(a.LogWeight));
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Point.LogLikelihood), BitConverter.DoubleToInt64Bits(a.Point.LogLikelihood));
            Assert.Equal(e.Point.Unit.AsSpan(), a.Point.Unit.AsSpan());
        }
    }
}
