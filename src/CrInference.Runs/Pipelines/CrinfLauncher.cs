using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// Starts <c>crinf</c> commands as child processes — one per run, as a Slurm task does — with the
/// same build as the running process: <c>dotnet crinf.dll …</c> (or the <c>crinf</c> apphost), so a
/// pipeline's runs, its report and its Slurm tasks all use one code version and never trigger a
/// rebuild. A child writes its output straight into a log file (through <c>/bin/sh</c>'s
/// redirection, then <c>exec</c>, so the recorded pid is the command's own) and reads nothing: it
/// does not depend on the runner staying alive, and a runner killed with <c>kill -9</c> leaves a
/// child that finishes its run and its log intact.
/// </summary>
/// <remarks>
/// A child runs in its own session (<c>setsid</c>, where installed), so a Ctrl-C at the terminal
/// reaches the runner only, which passes one SIGTERM to each child (<see cref="ForwardsSignals"/>):
/// <c>crinf fit</c> stops after its current block on the first signal but aborts on a second one,
/// so it must not get both the terminal's signal and the runner's. Inside a Slurm job, Slurm itself
/// signals every process of the job (scancel, time limit), and the runner forwards nothing.
/// </remarks>
/// <param name="FileName">The executable (the <c>dotnet</c> host or the apphost).</param>
/// <param name="PrefixArguments">Arguments before the command's own (<c>crinf.dll</c> for the host).</param>
public sealed record CrinfLauncher(string FileName, ImmutableArray<string> PrefixArguments)
{
    /// <summary>Name of the <c>crinf</c> command's assembly (<c>crinf.dll</c>, or the apphost <c>crinf</c>).</summary>
    public const string CommandAssemblyName = "crinf";

    private static readonly Lazy<CrinfLauncher> CurrentLazy = new(Resolve);

    /// <summary>The launcher for the build this process runs: the <c>crinf</c> assembly loaded in it (the command line
    /// loads this library, so a pipeline started from <c>crinf</c> or its tests finds it).</summary>
    public static CrinfLauncher Current => CurrentLazy.Value;

    /// <summary>The full command line for <paramref name="arguments"/>.</summary>
    public IReadOnlyList<string> CommandLine(IEnumerable<string> arguments) => [FileName, .. PrefixArguments, .. arguments];

    /// <summary>The command line as POSIX shell text (each word single-quoted where needed).</summary>
    public string ShellCommand(IEnumerable<string> arguments) => string.Join(' ', CommandLine(arguments).Select(ShellQuote));

    /// <summary>
    /// Starts <c>crinf <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> with its stdout
    /// and stderr appended to <paramref name="logFile"/> and stdin from <c>/dev/null</c>.
    /// <c>CRINF_ROOT</c> is set to the repository, so the child finds data/ and priors/ from anywhere.
    /// </summary>
    public Process Start(IEnumerable<string> arguments, string logFile, string workingDirectory)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("if command -v setsid >/dev/null 2>&1; then set -- setsid \"$@\"; fi; exec \"$@\" </dev/null >>\"$CRINF_CHILD_LOG\" 2>&1");
        info.ArgumentList.Add("crinf");
        foreach (string word in CommandLine(arguments)) info.ArgumentList.Add(word);
        info.Environment["CRINF_CHILD_LOG"] = logFile;
        info.Environment["CRINF_ROOT"] = RepositoryPaths.Root;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {FileName}");
    }

    /// <summary>Runs <c>crinf <paramref name="arguments"/></c> to the end (see <see cref="Start"/>); returns its exit code.</summary>
    public async Task<int> RunAsync(IEnumerable<string> arguments, string logFile, string workingDirectory, CancellationToken cancellationToken)
    {
        using var process = Start(arguments, logFile, workingDirectory);
        using var registration = cancellationToken.Register(() => StopChild(process.Id));
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>Whether the runner passes a stop request on to its children: not inside a Slurm job, where
    /// Slurm signals every process of the job itself.</summary>
    public static bool ForwardsSignals => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_JOB_ID"));

    /// <summary>Asks child <paramref name="pid"/> to stop after its current block, unless Slurm already does (<see cref="ForwardsSignals"/>).</summary>
    public static void StopChild(int pid)
    {
        if (ForwardsSignals) Signals.Terminate(pid);
    }

    /// <summary>Quotes <paramref name="word"/> for a POSIX shell when it holds anything but safe characters.</summary>
    public static string ShellQuote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }
        var quoted = new StringBuilder("'");
        foreach (char c in word)
        {
            quoted.Append(c == '\'' ? "'\\''" : c.ToString());
        }
        return quoted.Append('\'').ToString();
    }

    private static CrinfLauncher Resolve()
    {
        string assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == CommandAssemblyName)?.Location
            ?? throw new InvalidOperationException($"the {CommandAssemblyName} assembly is not loaded: pipelines start crinf child processes and run only from crinf");
        string? process = Environment.ProcessPath;
        string entry = Path.GetFileNameWithoutExtension(assembly);
        if (process is not null && Path.GetFileNameWithoutExtension(process) == entry)
        {
            return new CrinfLauncher(process, []);
        }
        string host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk : "dotnet";
        return new CrinfLauncher(host, [assembly]);
    }
}
