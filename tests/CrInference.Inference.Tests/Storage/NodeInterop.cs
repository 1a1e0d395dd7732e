using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CrInference.Inference.Tests.Storage;

/// <summary>
/// Runs the scripts of <c>tools/parquet-interop</c> (hyparquet, a Parquet implementation
/// independent of Parquet.Net) with node. They need <c>npm ci --prefix tools/parquet-interop</c>
/// to have run; without it the tests fail and say so.
/// </summary>
internal static class NodeInterop
{
    public const string InstallCommand = "npm ci --prefix tools/parquet-interop";

    /// <summary>Runs <c>node tools/parquet-interop/SCRIPT args…</c> and parses its stdout as JSON.</summary>
    public static JsonDocument Run(string script, params string[] arguments)
    {
        string tool = ToolDirectory();
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "hyparquet")) || !Directory.Exists(Path.Combine(tool, "node_modules", "hyparquet-writer")))
        {
            Assert.Fail($"{tool}/node_modules is missing: run `{InstallCommand}` in the repository root first");
        }
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tool,
        };
        start.ArgumentList.Add(Path.Combine(tool, script));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot run node ({e.Message}); install Node.js and run `{InstallCommand}`");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within 120 s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Assert.Fail($"node {script} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
            }
            return JsonDocument.Parse(stdout.Result);
        }
    }

    /// <summary>A JSON value printed by read.mjs as a double: numbers, or the strings NaN/Infinity/-Infinity.</summary>
    public static double ToDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"not a number: {other}"),
        },
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.Null => double.NaN,
        _ => throw new FormatException($"not a number: {element}"),
    };

    private static string ToolDirectory([CallerFilePath] string thisFile = "")
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("CRINFERENCE_REPO"),
            Path.GetDirectoryName(thisFile),
            Directory.GetCurrentDirectory(),
            AppContext.BaseDirectory,
        };
        foreach (string? start in candidates)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string tool = Path.Combine(dir.FullName, "tools", "parquet-interop");
                if (File.Exists(Path.Combine(tool, "read.mjs"))) return tool;
            }
        }
        Assert.Fail("cannot find tools/parquet-interop (set CRINFERENCE_REPO to the repository root)");
        return "";
    }
}
