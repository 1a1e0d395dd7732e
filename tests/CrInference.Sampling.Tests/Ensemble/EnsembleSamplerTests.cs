using CrInference.Core.Random;
using CrInference.Sampling.Chains;
using CrInference.Sampling.Diagnostics;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tests.EnsembleSupport;

namespace CrInference.Sampling.Tests.Ensemble;

public class EnsembleSamplerTests
{
    private static readonly RandomKey Root = RandomKey.FromSeed(7);

    private static CorrelatedGaussianPosterior TwoDimensional() => new([0.0, 1.0], [1.0, 2.0], [1, 1], 0.5);

    private static EnsembleState Start(CorrelatedGaussianPosterior posterior, int walkers) =>
        InitialEnsemble.FromGaussianBall(Root.Split(1), posterior, walkers, posterior.Mean, posterior.Sigma);

    [Fact]
    public async Task Run_Blocks_AreAlignedToMultiplesOfBlockStepsAndHoldTheirShape()
    {
        var posterior = TwoDimensional();
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { BlockSteps = 25 });
        var first = await sampler.RunAsync(Root, Start(posterior, 8), 60, sink);
        await sampler.RunAsync(Root, first.FinalState, 40, sink);

        Assert.Equal([0L, 25, 50, 60, 75], sink.Blocks.Select(b => b.FirstStep));
        Assert.Equal([25, 25, 10, 15, 25], sink.Blocks.Select(b => b.Steps));
        Assert.All(sink.Blocks, b => Assert.Equal(b.Steps * 8 * 2, b.Positions.Length));
        Assert.All(sink.Blocks, b => Assert.Equal(b.Steps * 8 * 2, b.Derived.Length));
        Assert.Equal(100, sink.Steps);
        Assert.Equal(EnsembleStopReason.Completed, first.StopReason);
    }

    [Fact]
    public async Task Run_DerivedValues_TravelWithTheirWalker()
    {
        var posterior = TwoDimensional();
        var sink = new InMemoryChainSink();
        await new EnsembleSampler(posterior, new StretchMove()).RunAsync(Root, Start(posterior, 8), 50, sink);
        var positions = sink.Positions();
        var derived = sink.Derived();
        for (int row = 0; row < positions.Length / 2; row++)
        {
            Assert.Equal(positions[2 * row] * positions[2 * row], derived[2 * row]);
            Assert.Equal(positions[2 * row + 1] * positions[2 * row + 1], derived[2 * row + 1]);
        }
    }

    [Fact]
    public async Task Run_Progress_ReportsAtIntervalsAndAtTheEnd()
    {
        var posterior = TwoDimensional();
        var reports = new List<EnsembleProgress>();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { ProgressIntervalSteps = 20, TauIntervalSteps = 50 });
        var result = await sampler.RunAsync(Root, Start(posterior, 8), 110, new DiscardingChainSink(), reports.Add);

        Assert.Equal([20L, 40, 60, 80, 100, 110], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.InRange(r.AcceptanceFraction, 0.05, 0.95));
        Assert.Null(reports[1].TauMax);
        Assert.NotNull(reports[2].TauMax);
        Assert.Equal(result.AcceptanceFraction, reports[^1].AcceptanceFraction);
        Assert.Equal(2, result.LatestTau.Length);
    }

    [Fact]
    public async Task Run_CancelledAtStep30_StoresThe30StepsAndReturnsTheStateToResumeFrom()
    {
        var posterior = TwoDimensional();
        using var cancellation = new CancellationTokenSource();
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { ProgressIntervalSteps = 10, BlockSteps = 25 });
        var result = await sampler.RunAsync(Root, Start(posterior, 8), 100, sink,
            p => { if (p.Step == 30) cancellation.Cancel(); }, cancellationToken: cancellation.Token);

        Assert.Equal(EnsembleStopReason.Cancelled, result.StopReason);
        Assert.Equal(30, result.StepsTaken);
        Assert.Equal(30, sink.Steps);
        Assert.True(result.FinalState.BitwiseEquals(sink.LastState()));
    }

    [Fact]
    public async Task Run_UntilConverged_StopsAtACheckWhereTheRuleHolds()
    {
        var posterior = TwoDimensional();
        var rule = new ConvergenceRule(CheckIntervalSteps: 200, MinimumLengthInTau: 50, MaximumRelativeTauChange: 0.05);
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { StopWhenConverged = rule, BlockSteps = 500 });
        var result = await sampler.RunAsync(Root, Start(posterior, 16), 40_000, sink);

        Assert.Equal(EnsembleStopReason.Converged, result.StopReason);
        Assert.Equal(0, result.StepsTaken % 200);
        Assert.True(result.StepsTaken < 40_000);
        Assert.Equal(result.StepsTaken, sink.Steps);
        var tau = Autocorrelation.IntegratedTimes(sink.Positions(), 16, 2);
        Assert.Equal(tau.ToArray(), result.LatestTau.ToArray());
        Assert.All(tau, t => Assert.True(result.StepsTaken >= 50 * t.Tau));
    }

    [Fact]
    public async Task Run_UntilConvergedResumedWithHistory_StopsWhereTheUninterruptedRunStops()
    {
        var posterior = TwoDimensional();
        var rule = new ConvergenceRule(CheckIntervalSteps: 200, MinimumLengthInTau: 50, MaximumRelativeTauChange: 0.05);
        var options = new EnsembleSamplerOptions { StopWhenConverged = rule, BlockSteps = 100 };
        var start = Start(posterior, 16);
        var whole = await new EnsembleSampler(posterior, new StretchMove(), options).RunAsync(Root, start, 40_000, new DiscardingChainSink());
        Assert.Equal(EnsembleStopReason.Converged, whole.StopReason);

        // Interrupt at a step that is not a check step, then resume with the stored chain as history.
        long interruptAt = whole.StepsTaken - 300;
        var sink = new InMemoryChainSink();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), options with { StopWhenConverged = null });
        await sampler.RunAsync(Root, start, interruptAt, sink);
        var resumed = await new EnsembleSampler(posterior, new StretchMove(), options)
            .RunAsync(Root, sink.LastState(), 40_000, new DiscardingChainSink(), history: sink.Positions());

        Assert.Equal(EnsembleStopReason.Converged, resumed.StopReason);
        Assert.True(whole.FinalState.BitwiseEquals(resumed.FinalState));
    }

    [Fact]
    public async Task Run_PosteriorThrowsOnTheParallelPath_SurfacesTheOriginalException()
    {
        var target = new ThrowingPosterior(new SlowPosterior(CorrelatedGaussianPosterior.FiveDimensional()), failOnCall: 200);
        var start = InitialEnsemble.FromGaussianBall(Root, CorrelatedGaussianPosterior.FiveDimensional(), 32, [0.0, 0, 0, 0, 0], [0.1, 0.1, 0.1, 0.1, 0.1]);
        var sampler = new EnsembleSampler(target, new StretchMove(), new EnsembleSamplerOptions { Threads = 2 });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.RunAsync(Root, start, 50, new DiscardingChainSink()));
        Assert.Equal("model failed", error.Message);
    }

    [Fact]
    public async Task Run_FewerWalkersThanTwiceTheDimension_ThrowsWithTheRule()
    {
        var posterior = CorrelatedGaussianPosterior.FiveDimensional();
        var start = InitialEnsemble.FromPrior(Root, posterior, 8);
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new EnsembleSampler(posterior, new StretchMove()).RunAsync(Root, start, 10, new DiscardingChainSink()));
        Assert.Contains("at least 10", error.Message);
    }

    [Fact]
    public async Task Run_HistoryOfWrongLength_Throws()
    {
        var posterior = TwoDimensional();
        var sampler = new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { StopWhenConverged = new ConvergenceRule() });
        var start = Start(posterior, 8);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            sampler.RunAsync(Root, start, 10, new DiscardingChainSink(), history: new double[5 * 8 * 2]));
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        var posterior = TwoDimensional();
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnsembleSampler(posterior, new StretchMove(), new EnsembleSamplerOptions { Threads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnsembleSampler(posterior, new StretchMove(),
            new EnsembleSamplerOptions { StopWhenConverged = new ConvergenceRule(CheckIntervalSteps: 0) }));
    }
}
