using System.Diagnostics;
using System.Text;

namespace CrInference.Cli.Tests.Pipelines;

/// <summary>The pipeline tests run one at a time and after the other collections: each launches
/// several crinf processes, and the machines have two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineCollection
{
    public const string Name = "Pipelines";
}

/// <summary>Runs the crinf build under test as a child process, as a user or a Slurm task would.</summary>
internal static class Crinf
{
    private static readonly Lazy<string> RootLazy = new(() => RepositoryRoot.Path);

    /// <summary>The repository these tests were compiled from.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The crinf.dll next to the tests (with its runtimeconfig), else the CLI project's own build.</summary>
    public static string Dll
    {
        get
        {
            string here = typeof(CliApp).Assembly.Location;
            if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
            // Artifacts layout: bin/CrInference.Cli.Tests/<config>/ next to bin/CrInference.Cli/<config>/.
            string config = Path.GetFileName(Path.GetDirectoryName(here)!);
            string sibling = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!)!, "CrInference.Cli", config, "crinf.dll");
            return File.Exists(sibling) ? sibling : here;
        }
    }

    /// <summary>The dotnet host running the tests.</summary>
    public static string Host =>
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";

    /// <summary>Starts <c>crinf args</c> in the repository with stdout and stderr captured.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["CRINF_ROOT"] = Root;
        info.Environment.Remove("CRINF_RESULTS");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>Runs <c>crinf args</c> to the end (at most <paramref name="timeoutSeconds"/>).</summary>
    public static (int Exit, string Out, string Error) Run(IEnumerable<string> args, int timeoutSeconds = 300, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"crinf {string.Join(' ', args)} did not finish in {timeoutSeconds} s:\n{output.Result}\n{error.Result}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    public static (int Exit, string Out, string Error) Run(params string[] args) => Run(args, 300);
}

/// <summary>Assertions on command results with their output in the message.</summary>
internal static class Expect
{
    public static void Success((int Exit, string Out, string Error) result)
    {
        var message = new StringBuilder().Append("exit ").Append(result.Exit).Append('\n').Append(result.Out).Append('\n').Append(result.Error);
        Assert.True(result.Exit == 0, message.ToString());
    }
}
