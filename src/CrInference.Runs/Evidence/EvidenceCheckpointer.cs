using System.Diagnostics;
using CrInference.Posterior;
using CrInference.Runs.Lifecycle;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Evidence;

/// <summary>
/// Decides when a sampler state offered between batches (nested sampling) or steps (parallel tempering)
/// is written as the run's checkpoint: the first state, every state once
/// <see cref="EvidenceOptions.CheckpointSeconds"/> passed or the position (iterations, steps) advanced by the
/// checkpoint interval since the last write, and the finished state. <see cref="Flush"/> writes the latest
/// state if it is newer than the file (on interruption). Results never depend on when checkpoints are
/// written: the samplers continue from any state as if uninterrupted.
/// </summary>
/// <typeparam name="TState">The sampler state.</typeparam>
/// <param name="path">The checkpoint file.</param>
/// <param name="method">The method's name, stored in the file.</param>
/// <param name="identityHash">The run manifest's identity hash, stored in the file.</param>
/// <param name="previous">The checkpoint the run resumed from (its wall time, sessions and failures carry over), or null.</param>
/// <param name="failures">The posterior's failure tally of this session, or null.</param>
/// <param name="clock">This session's clock.</param>
/// <param name="intervalSeconds">Seconds between checkpoints at most.</param>
/// <param name="intervalPosition">Iterations (steps) between checkpoints at most.</param>
/// <param name="written">Called after each checkpoint is durable, with the count of this session's.</param>
public sealed class EvidenceCheckpointer<TState>(
    string path,
    string method,
    string identityHash,
    EvidenceCheckpoint<TState>? previous,
    FailureCounter? failures,
    Stopwatch clock,
    double intervalSeconds,
    long intervalPosition,
    Action<int>? written)
    where TState : class
{
    private TState? _latest;
    private long _latestPosition = -1;
    private long _writtenPosition = -1;
    private TimeSpan _writtenAt;
    private int _count;

    private readonly double _previousWallSeconds = previous?.WallSeconds ?? 0;
    private readonly IReadOnlyDictionary<string, long> _previousFailures = previous?.Failures ?? new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Sessions of the run up to this one (1 + resumes).</summary>
    public int Sessions { get; } = (previous?.Sessions ?? 0) + 1;

    /// <summary>Checkpoints written in this session.</summary>
    public int Count => _count;

    /// <summary>The latest state offered, or null.</summary>
    public TState? Latest => _latest;

    /// <summary>Wall time of all sessions so far.</summary>
    public double WallSeconds => _previousWallSeconds + clock.Elapsed.TotalSeconds;

    /// <summary>Failure reasons (grouped) of all sessions so far.</summary>
    public Dictionary<string, long> Failures()
    {
        var all = new Dictionary<string, long>(_previousFailures, StringComparer.Ordinal);
        foreach (var (reason, count) in FailureReasons.Group(failures?.Snapshot() ?? []))
        {
            all[reason] = all.GetValueOrDefault(reason) + count;
        }
        return all;
    }

    /// <summary>Offers the state at <paramref name="position"/>; writes it when due or when <paramref name="force"/>.</summary>
    public void Offer(TState state, long position, bool force)
    {
        _latest = state;
        _latestPosition = position;
        bool due = force || _writtenPosition < 0
            || position - _writtenPosition >= intervalPosition
            || (clock.Elapsed - _writtenAt).TotalSeconds >= intervalSeconds;
        if (due && position != _writtenPosition) Write();
    }

    /// <summary>Writes the latest state unless the file already holds it.</summary>
    public void Flush()
    {
        if (_latest is not null && _latestPosition != _writtenPosition) Write();
    }

    private void Write()
    {
        EvidenceCheckpoint.Write(path, new EvidenceCheckpoint<TState>(
            EvidenceCheckpoint.Format, method, identityHash, WallSeconds, Sessions, Failures(), _latest!));
        _writtenPosition = _latestPosition;
        _writtenAt = clock.Elapsed;
        _count++;
        written?.Invoke(_count);
    }
}
