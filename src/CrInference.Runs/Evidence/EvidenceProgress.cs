using System.Diagnostics;

namespace CrInference.Runs.Evidence;

/// <summary>
/// What an evidence sampler's progress reports do: every state is offered to the checkpointer (which writes it
/// when due), and about every 10 s a plain line describes it (the method's <c>ProgressLine</c>, given the first
/// state of this session and the time since, for rates and ETAs).
/// </summary>
/// <typeparam name="TState">The sampler's state.</typeparam>
public sealed class EvidenceProgress<TState>(
    TextWriter output,
    string title,
    EvidenceCheckpointer<TState> checkpointer,
    Stopwatch clock,
    Func<TState, long> position,
    Func<TState, bool> isFinished,
    Func<TState, TState, TimeSpan, string?> line) : IProgress<TState>
    where TState : class
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private TimeSpan _printed = clock.Elapsed;
    private TState? _first;
    private TimeSpan _firstAt;

    public void Report(TState value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool finished = isFinished(value);
        checkpointer.Offer(value, position(value), force: finished);
        if (_first is null)
        {
            _first = value;
            _firstAt = clock.Elapsed;
        }
        var now = clock.Elapsed;
        if (now - _printed < Interval || finished) return;
        if (line(_first, value, now - _firstAt) is not { } text) return;
        _printed = now;
        output.WriteLine($"{title}: {text}");
    }
}
