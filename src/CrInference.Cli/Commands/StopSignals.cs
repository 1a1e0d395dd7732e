using System.Runtime.InteropServices;

namespace CrInference.Cli.Commands;

/// <summary>
/// Ctrl-C and SIGTERM for a long run: the first signal asks the run to stop at its next safe point (it stays
/// resumable) and prints <c>notice</c>; a second one is left to the runtime and aborts at once.
/// </summary>
public static class StopSignals
{
    /// <summary>Runs <paramref name="run"/> with a token that the first SIGINT or SIGTERM cancels; returns its exit code.</summary>
    public static int Run(string notice, Func<CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stop = new CancellationTokenSource();
        int signals = 0;
        void Handler(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref signals) > 1) return;
            context.Cancel = true;
            Console.Error.WriteLine(notice);
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler);
        return run(stop.Token).GetAwaiter().GetResult();
    }
}
