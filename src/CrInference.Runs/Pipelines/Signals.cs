using System.Diagnostics;

namespace CrInference.Runs.Pipelines;

/// <summary>Sends POSIX signals to child processes (.NET offers only SIGKILL through <see cref="Process.Kill()"/>).</summary>
public static class Signals
{
    /// <summary>Asks process <paramref name="pid"/> to stop (SIGTERM: <c>crinf fit</c> stops after its current block).</summary>
    public static void Terminate(int pid)
    {
        try
        {
            var info = new ProcessStartInfo("kill") { UseShellExecute = false };
            info.ArgumentList.Add("-TERM");
            info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var kill = Process.Start(info);
            kill?.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): the child finishes its run; the runner waits for it.
        }
    }

    /// <summary>Whether a process <paramref name="pid"/> runs on this machine with <paramref name="marker"/> in its command line.</summary>
    public static bool IsAlive(int pid, string marker)
    {
        try
        {
            string cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains(marker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
