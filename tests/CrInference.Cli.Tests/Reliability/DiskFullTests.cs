using System.Diagnostics;
using System.Globalization;
using CrInference.Cli.Tests.Fit;
using CrInference.Cli.Tests.Pipelines;
using Xunit.Abstractions;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// A run whose output folder is on a full file system (a small tmpfs mounted for the test): it stops with one line
/// naming the folder, the cause and the command that continues it (exit 1: the machine, not the input), what it
/// stored before stays intact (checkpoint and parts readable, no temporary file left), and once there is space
/// again (the tmpfs remounted larger) <c>--resume</c> completes it to the bytes of an uninterrupted run. Mounting
/// needs Linux and root (CI runs as root); elsewhere the test is skipped with the reason.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DiskFullTests(ITestOutputHelper log) : IDisposable
{
    private readonly ScratchFolder _folder = new("crinf-diskfull-");

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void Fit_OutputOnAFullFileSystem_StopsWithOneLine_KeepsWhatWasStored_AndResumesOnceThereIsSpace()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "disk-full test: mounts a tmpfs, Linux only");
        Skip.IfNot(Environment.UserName == "root", "disk-full test: mounting a tmpfs needs root (CI runs as root)");
        string prior = _folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 3000));
        string reference = Path.Combine(_folder.File("reference"), "run");
        Expect.Success(CliRunner.Run("fit", prior, "--out", reference, "--threads", "1"));
        // Room for about half of the parts: the disk fills in the middle of the sampling.
        long bytes = new FileInfo(Path.Combine(reference, "chains.parquet")).Length / 2;
        long kib = (bytes / 4096 + 1) * 4;
        string mount = _folder.File("small");
        Directory.CreateDirectory(mount);
        var mounted = Command("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kib}k"), "tmpfs", mount);
        Skip.If(mounted.Exit != 0, $"disk-full test: cannot mount a tmpfs here ({mounted.Output.Trim()})");
        try
        {
            string run = Path.Combine(mount, "run");
            var full = CliRunner.Run("fit", prior, "--out", run, "--threads", "1");

            Assert.True(full.Exit == 1, $"exit {full.Exit}: {full.Out}{full.Error}");
            Assert.Single(full.Error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"error: writing {run} failed: ", full.Error, StringComparison.Ordinal);
            Assert.Contains("No space left on device", full.Error, StringComparison.Ordinal);
            Assert.Contains("--resume", full.Error, StringComparison.Ordinal);
            int parts = Directory.GetFiles(Path.Combine(run, "parts"), "block-*.parquet").Length;
            Assert.True(parts >= 1, "the run stored no block before the disk was full");
            Assert.False(File.Exists(Path.Combine(run, "chains.parquet")));
            Assert.Empty(Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories));

            var stillFull = CliRunner.Run("fit", prior, "--out", run, "--resume", "--threads", "1");
            Assert.Equal(1, stillFull.Exit);
            var remounted = Command("mount", "-o", "remount,size=64m", mount);
            Assert.True(remounted.Exit == 0, remounted.Output);
            var resumed = CliRunner.Run("fit", prior, "--out", run, "--resume", "--threads", "1");

            Expect.Success(resumed);
            Assert.Null(RunFolderComparison.Difference(reference, run));
            log.WriteLine($"tmpfs of {kib} KiB: the fit stopped after {parts} of 30 blocks with \"{full.Error.Trim()}\"; resumed with space to the bytes of the uninterrupted run");
        }
        finally
        {
            var unmounted = Command("umount", mount);
            if (unmounted.Exit != 0) Command("umount", "-l", mount);
        }
    }

    private static (int Exit, string Output) Command(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file}: {e.Message}");
        }
    }
}
