using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CrInference.Testing;

/// <summary>
/// Runs the scripts of <c>tools/parquet-interop</c> (hyparquet, a Parquet implementation
/// independent of Parquet.Net) with node. The first use installs the tool's locked npm
/// dependencies (<c>npm ci</c>, from the npm registry) when they are missing, under a file lock so
/// that parallel test assemblies install once; a failed install fails the test and says why.
/// Shared by the test projects (linked source, see tests/Directory.Build.props).
/// </summary>
internal static class NodeInterop
{
    public const string InstallCommand = "npm ci --prefix tools/parquet-interop";

    /// <summary>Runs <c>node tools/parquet-interop/SCRIPT args…</c> and parses its stdout as JSON.</summary>
    public static JsonDocument Run(string script, params string[] arguments)
    {
        string tool = ToolDirectory();
        EnsureInstalled(tool);
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

    /// <summary>Path of <c>tools/parquet-interop</c> with its npm dependencies installed.</summary>
    public static string EnsureInstalled() => EnsureInstalled(ToolDirectory());

    private static string EnsureInstalled(string tool)
    {
        static bool Installed(string tool) =>
            Directory.Exists(Path.Combine(tool, "node_modules", "hyparquet")) && Directory.Exists(Path.Combine(tool, "node_modules", "hyparquet-writer"));
        if (Installed(tool)) return tool;
        using var gate = AcquireLock(Path.Combine(tool, ".npm-install.lock"));
        if (Installed(tool)) return tool;
        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = tool };
        foreach (string a in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(a);
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        var err = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !Installed(tool))
        {
            Assert.Fail($"`{InstallCommand}` failed (exit {npm.ExitCode}): {err.Result.Trim()}");
        }
        return tool;
    }

    private static FileStream AcquireLock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
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
