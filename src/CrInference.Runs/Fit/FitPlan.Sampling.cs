using System.Globalization;
using CrInference.Core;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Reports;
using CrInference.Sampling.Diagnostics;
using CrInference.Storage.Parquet;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Fit;

/// <summary>The sampling phase of a fit: blocks to the chain sink, the stop rule across resumes, the summary and reports.</summary>
public sealed partial class FitPlan
{
    public async Task<int> SampleAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = _start ?? throw new InvalidOperationException("PrepareStart was not called");
        var tallies = _checkpoint is null ? RunTallies.None : RunTallies.Of(_checkpoint);
        var writer = _writer ??= ChainTableWriter.Create(run.RunDirectory, Schema(run));
        var failureBase = tallies.Failures;
        long remaining = Math.Max(0, _settings.Steps - start.Step);
        ReadOnlyMemory<double> history = default;
        bool convergedAlready = false;
        if (_settings.UntilConverged is { } rule && start.Step > 0)
        {
            var rows = await ReadHistoryAsync(run.RunDirectory, writer.BlockCount, run.Posterior.Space, _settings.Walkers).ConfigureAwait(false);
            history = rows;
            convergedAlready = ConvergedAt(rows, start.Step, _settings.Walkers, run.Posterior.Space.Dimension, rule);
        }

        var stopReason = EnsembleStopReason.Completed;
        if (remaining > 0 && !convergedAlready)
        {
            var result = await SampleBlocksAsync(run, writer, start, remaining, history,
                () => tallies.Plus(failureBase, run.Build, run.Posterior, run.Clock.Elapsed.TotalSeconds)).ConfigureAwait(false);
            stopReason = result.StopReason;
            tallies = tallies.Plus(failureBase, run.Build, run.Posterior, run.Clock.Elapsed.TotalSeconds);
            if (result.StopReason == EnsembleStopReason.Cancelled)
            {
                await run.Output.WriteLineAsync($"interrupted at step {result.FinalState.Step} of {_settings.Steps}; {writer.BlockCount} block(s) stored in {run.Shown}. Continue with: {run.ResumeCommand}").ConfigureAwait(false);
                return RunDefaults.InterruptedExitCode;
            }
        }
        else
        {
            tallies = tallies with { Sessions = tallies.Sessions + 1 };
            if (convergedAlready) stopReason = EnsembleStopReason.Converged;
        }
        return await FinishAsync(run, writer, tallies, stopReason).ConfigureAwait(false);
    }

    /// <summary>Runs the sampler from <paramref name="start"/> for up to <paramref name="remaining"/> steps, storing each block.</summary>
    private async Task<EnsembleRunResult> SampleBlocksAsync(RunContext run, ChainTableWriter writer, EnsembleState start, long remaining,
        ReadOnlyMemory<double> history, Func<RunTallies> tallies)
    {
        var space = run.Posterior.Space;
        using var sink = new ChainTableSink(writer, space, run.Posterior.DerivedNames, run.RootKey, run.Manifest.IdentityHash, _settings.Thin,
            () =>
            {
                var now = tallies();
                return (now.Counters(), now.Scalars());
            })
        {
            BlockStored = _options.BlockStored,
        };
        using var registration = run.Stop.Register(sink.RequestStop);
        var sampler = new EnsembleSampler(run.Posterior, _move, new EnsembleSamplerOptions
        {
            Threads = run.Threads,
            BlockSteps = _settings.BlockSteps,
            ProgressIntervalSteps = 10,
            TauIntervalSteps = _settings.UntilConverged is null ? TauInterval(remaining, _settings.Walkers, space.Dimension, _settings.BlockSteps) : 0,
            StopWhenConverged = _settings.UntilConverged,
            RelocateLagging = _settings.RelocateLaggingUntilStep > 0 ? new LaggingWalkerRelocation(_settings.RelocateLaggingUntilStep) : null,
        });
        var display = _options.Display ?? new PlainSamplingDisplay(run.Output);
        await run.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"fit {RecordedSpec.Model}: {space.Dimension} free parameters, {_settings.Walkers} walkers, steps {start.Step}..{_settings.Steps}{(_settings.UntilConverged is null ? "" : " (at most; until converged)")}, {run.Threads} thread(s) -> {run.Shown}")).ConfigureAwait(false);
        var result = await display.RunAsync(Path.GetFileName(run.RunDirectory), start.Step, _settings.Steps,
            () => sampler.RunAsync(run.RootKey, start, remaining, sink, display.Report, history, sink.SamplerToken)).ConfigureAwait(false);
        if (result.WalkersRelocated > 0)
        {
            await run.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"burn-in: moved {result.WalkersRelocated} walker(s) stranded far below the bulk onto other walkers (before step {_settings.RelocateLaggingUntilStep})")).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Finalises <c>chains.parquet</c>, writes the summary, runs the post-run reports, and only then removes the
    /// checkpoint and the parts: a run killed before that is still interrupted, and <c>--resume</c> finishes it again
    /// from its checkpoint (the same <c>chains.parquet</c>, the tallies kept).</summary>
    private async Task<int> FinishAsync(RunContext run, ChainTableWriter writer, RunTallies tallies, EnsembleStopReason stopReason)
    {
        string chains = await writer.FinaliseAsync(new Dictionary<string, string> { [ChainColumnNames.ManifestMetadataKey] = run.Manifest.Text }).ConfigureAwait(false);
        var summary = await FitSummary.ComputeAsync(chains, run.Build, run.Manifest, _settings, tallies.Cost(run.Threads), StopText(stopReason), run.Threads).ConfigureAwait(false);
        summary.Write(run.RunDirectory);
        await run.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {RunFiles.Display(chains)} ({summary.StoredSteps} steps x {_settings.Walkers} walkers), summary.md, summary.json; ESS min {summary.MinimumEffectiveSampleSize:0}, acceptance {summary.Chain.Acceptance.Overall:0.00}, {RunText.Duration(TimeSpan.FromSeconds(tallies.WallSeconds))}")).ConfigureAwait(false);
        await RunReportsAsync(run, chains, summary).ConfigureAwait(false);
        ChainTableWriter.RemoveRunState(run.RunDirectory);
        return 0;
    }

    /// <summary>Steps between τ estimates for progress reports: about ten per run, on block boundaries; none when
    /// the chain kept for them would exceed ~10⁷ values.</summary>
    private static int TauInterval(long steps, int walkers, int dimension, int blockSteps)
    {
        if (steps * walkers * (long)dimension > 10_000_000) return 0;
        long interval = Math.Max(blockSteps, (steps / 10 + blockSteps - 1) / blockSteps * blockSteps);
        return (int)Math.Min(interval, int.MaxValue);
    }

    /// <summary>The stored steps 0 … (blocks' end) in sampled coordinates, step-major, for the stop rule of a resumed run.</summary>
    private static async Task<double[]> ReadHistoryAsync(string runDirectory, int blocks, ParameterSpace space, int walkers)
    {
        var names = space.Names.ToArray();
        int d = names.Length;
        var rows = new List<double>();
        var physical = new double[d];
        var sampled = new double[d];
        for (int b = 0; b < blocks; b++)
        {
            var part = await ChainTableReader.ReadAsync(ChainRunFiles.PartPath(runDirectory, b), names).ConfigureAwait(false);
            var columns = names.Select(part.Values).ToArray();
            for (long r = 0; r < part.RowCount; r++)
            {
                for (int i = 0; i < d; i++) physical[i] = columns[i][r];
                space.ToSampled(physical, sampled);
                rows.AddRange(sampled);
            }
        }
        if (rows.Count % (walkers * d) != 0) throw new ChainTableException(runDirectory, "the stored parts are not whole steps of the ensemble");
        return [.. rows];
    }

    /// <summary>Whether the uninterrupted run would have stopped at <paramref name="step"/>: the sampler's own test
    /// (τ now against τ one check interval earlier) on the stored chain.</summary>
    private static bool ConvergedAt(double[] history, long step, int walkers, int dimension, ConvergenceRule rule)
    {
        if (step % rule.CheckIntervalSteps != 0 || step < 2L * rule.CheckIntervalSteps) return false;
        int row = walkers * dimension;
        var now = Autocorrelation.IntegratedTimes(history.AsSpan(0, (int)(step * row)), walkers, dimension);
        var before = Autocorrelation.IntegratedTimes(history.AsSpan(0, (int)((step - rule.CheckIntervalSteps) * row)), walkers, dimension);
        return rule.IsConverged(now.AsSpan(), before.AsSpan(), step);
    }

    private static string StopText(EnsembleStopReason reason) => reason switch
    {
        EnsembleStopReason.Converged => "converged (chain >= 50 tau, tau stable to 1 %)",
        EnsembleStopReason.Cancelled => "interrupted",
        _ => "all steps taken",
    };
}
