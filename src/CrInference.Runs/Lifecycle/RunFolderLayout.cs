namespace CrInference.Runs.Lifecycle;

/// <summary>What a run folder holds, as one run kind sees it.</summary>
public enum RunFolderState
{
    /// <summary>Nothing of this kind's: a run may start.</summary>
    Empty,

    /// <summary>An interrupted run: <c>--resume</c> continues it.</summary>
    Interrupted,

    /// <summary>A finished run: never overwritten.</summary>
    Finished,
}

/// <summary>
/// How a run kind's files show in its folder, and the refusals every kind shares: a finished run is never
/// overwritten, an interrupted one is only continued (<c>--resume</c>), and a folder holding another kind's run
/// (the inconsistent case) is refused naming it. A resume of a folder holding nothing of this kind starts the run
/// (<see cref="RunLifecycle"/>).
/// </summary>
/// <param name="Noun">The run in messages, e.g. <c>run</c> or <c>evidence run</c>.</param>
/// <param name="FinishedFiles">The files of a finished run, e.g. <c>chains.parquet</c>.</param>
/// <param name="InterruptedFiles">The files of an interrupted run, e.g. <c>checkpoint.bin, parts/</c>.</param>
/// <param name="IsFinished">Whether a folder holds a finished run.</param>
/// <param name="IsInterrupted">Whether a folder holds an interrupted run (and no finished one).</param>
/// <param name="Describe">How another kind names such a folder, e.g. <c>a fit (chains.parquet, checkpoint.bin or parts/)</c>;
/// the argument is true for a finished run.</param>
public sealed record RunFolderLayout(
    string Noun,
    string FinishedFiles,
    string InterruptedFiles,
    Func<string, bool> IsFinished,
    Func<string, bool> IsInterrupted,
    Func<bool, string> Describe)
{
    /// <summary>The state of <paramref name="directory"/> for this kind.</summary>
    public RunFolderState Inspect(string directory) =>
        IsFinished(directory) ? RunFolderState.Finished : IsInterrupted(directory) ? RunFolderState.Interrupted : RunFolderState.Empty;

    /// <summary>The dry run's description of <paramref name="state"/>.</summary>
    public string DescribeForDryRun(RunFolderState state) => state switch
    {
        RunFolderState.Finished => $"holds a finished {Noun} (a run would refuse without --out)",
        RunFolderState.Interrupted => $"holds an interrupted {Noun} (resume with --resume)",
        _ => $"holds no {Noun}",
    };

    /// <summary>Throws the one-line refusal when a run of this kind may not start (or resume) in <paramref name="directory"/>.</summary>
    public void CheckAllowed(RunFolderState state, bool resume, string directory, IEnumerable<RunFolderLayout> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        string shown = RunFiles.Display(directory);
        foreach (var other in others)
        {
            bool finished = other.IsFinished(directory) && !IsFinished(directory);
            if (finished || (other.IsInterrupted(directory) && !IsInterrupted(directory)))
            {
                throw new UserInputException($"{shown} holds {other.Describe(finished)}; nothing was overwritten: choose another folder with --out DIR");
            }
        }
        string? refusal = (state, resume) switch
        {
            (RunFolderState.Finished, false) => $"{shown} already holds a finished {Noun} ({FinishedFiles}); nothing was overwritten: choose another folder with --out DIR",
            (RunFolderState.Interrupted, false) => $"{shown} holds an interrupted {Noun} ({InterruptedFiles}); continue it with --resume or choose another folder with --out DIR",
            _ => null,
        };
        if (refusal is not null) throw new UserInputException(refusal);
    }
}
