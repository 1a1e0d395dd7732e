namespace CrInference.Runs.Pipelines;

/// <summary>What the runner does with a run.</summary>
public enum RunAction
{
    /// <summary>Complete results made from the same inputs: nothing to do.</summary>
    UpToDate,

    /// <summary>Complete results from the same inputs, but the record says the command was still
    /// running (its runner was killed after the command finished): mark it done, launch nothing.</summary>
    Adopt,

    /// <summary>No results yet (or none worth keeping): launch the command.</summary>
    Start,

    /// <summary>An interrupted run from the same inputs: launch the command with <c>--resume</c>.</summary>
    Resume,

    /// <summary>Results from other inputs: move the folder to <c>superseded/</c>, then start afresh.</summary>
    Restart,

    /// <summary>Another process is working on the run (a live command or a runner holding its lock).</summary>
    Busy,
}

/// <summary>The runner's decision for one run, with the reason shown to the user.</summary>
/// <param name="Inputs">The run and its inputs.</param>
/// <param name="Action">What to do.</param>
/// <param name="Reason">Why, in a few words (e.g. <c>inputs changed: overrides.steps (200 -> 400)</c>).</param>
public sealed record RunPlan(RunInputs Inputs, RunAction Action, string Reason)
{
    /// <summary>Decides what to do with the run of <paramref name="inputs"/> from its folder's state.</summary>
    public static RunPlan For(RunInputs inputs, PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(paths);
        var run = inputs.Run;
        string directory = paths.RunDirectory(run.Name);
        var record = RunRecord.TryRead(directory);
        bool holdsResults = RunResults.HoldsResults(directory);
        if (record is null)
        {
            return holdsResults
                ? new RunPlan(inputs, RunAction.Restart, "the folder holds results without a pipeline record (pipeline-run.json)")
                : new RunPlan(inputs, RunAction.Start, "not started");
        }
        if (record.InputHash != inputs.Hash)
        {
            string change = inputs.DescribeChange(record.Inputs) ?? "input hash differs";
            return holdsResults
                ? new RunPlan(inputs, RunAction.Restart, $"inputs changed: {change}")
                : new RunPlan(inputs, RunAction.Start, $"inputs changed before any result: {change}");
        }
        if (record.State == RunRecordState.Running && record.LastSession is { } session
            && (string?)session["host"] == Environment.MachineName
            && session["pid"] is { } pidNode && pidNode.GetValue<int>() is var pid && Signals.IsAlive(pid, directory))
        {
            return new RunPlan(inputs, RunAction.Busy, $"still running as pid {pid} (started {(string?)session["started_utc"]})");
        }
        bool complete = RunResults.IsComplete(run.Method, directory);
        if (complete)
        {
            return record.State == RunRecordState.Done
                ? new RunPlan(inputs, RunAction.UpToDate, "up to date")
                : new RunPlan(inputs, RunAction.Adopt, "results complete; the runner stopped before recording it");
        }
        if (RunResults.IsResumable(run.Method, directory))
        {
            return new RunPlan(inputs, RunAction.Resume, record.State switch
            {
                RunRecordState.Failed => "failed before; resuming its stored blocks",
                RunRecordState.Interrupted => "interrupted; resuming",
                _ => "stopped mid-way; resuming",
            });
        }
        return new RunPlan(inputs, RunAction.Start, record.State == RunRecordState.Failed ? "failed before; starting again" : "no stored blocks; starting");
    }
}
