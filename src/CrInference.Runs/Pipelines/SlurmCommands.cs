using System.Diagnostics;

namespace CrInference.Runs.Pipelines;

/// <summary>The result of a Slurm client command.</summary>
/// <param name="ExitCode">Exit code (−1 when it did not finish in time).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record SlurmCommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>The first line of stderr (else stdout), for messages.</summary>
    public string FirstErrorLine =>
        (Error.Trim().Length > 0 ? Error : Output).Trim().ReplaceLineEndings("\n").Split('\n')[0];
}

/// <summary>Runs Slurm's client commands (<c>sbatch</c>, <c>squeue</c>, <c>sacct</c>) found on PATH.</summary>
public static class SlurmCommands
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/>, waiting at most <paramref name="timeout"/>.</summary>
    public static SlurmCommandResult Run(string name, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Find(name) ?? name)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new SlurmCommandResult(-1, output.Result, $"{name} did not answer within {timeout.TotalSeconds:0} s");
        }
        return new SlurmCommandResult(process.ExitCode, output.Result, error.Result);
    }
}
