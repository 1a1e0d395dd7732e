using System.Security.Cryptography;
using System.Text;
using CrInference.Cli.Tests.Evidence;
using CrInference.Cli.Tests.Fit;
using CrInference.Cli.Tests.Pipelines;
using CrInference.Runs.Evidence;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// Damaged run state — truncated, zero-length, bit-flipped and wrong-version checkpoints and part files, a
/// <c>chains.parquet</c> or <c>samples.parquet</c> cut in half — is refused with one line naming the file (exit 2,
/// the folder left as it was), never resumed into a silently different result. Checkpoints carry a SHA-256 of their
/// bytes, and a fit's checkpoint the SHA-256 of every part it covers. Two leftovers are recovered instead, as
/// documented (ChainTableWriter): a torn temporary file and a part beyond the checkpoint are removed.
/// </summary>
public sealed class DamagedStateTests
{
    public static TheoryData<string, string, string> FitDamage => new()
    {
        // file (run-relative), damage, what the one line says
        { "checkpoint.bin", "truncate", "checkpoint.bin: resume checkpoint is corrupt (checksum mismatch)" },
        { "checkpoint.bin", "empty", "checkpoint.bin: not a CrInference resume checkpoint" },
        { "checkpoint.bin", "flip", "checkpoint.bin: resume checkpoint is corrupt (checksum mismatch)" },
        { "checkpoint.bin", "version", "checkpoint.bin: resume checkpoint format 99 is not supported" },
        { "parts/block-000001.parquet", "truncate", "block-000001.parquet: is damaged (its SHA-256 differs" },
        { "parts/block-000001.parquet", "empty", "block-000001.parquet: is damaged (its SHA-256 differs" },
        { "parts/block-000001.parquet", "flip", "block-000001.parquet: is damaged (its SHA-256 differs" },
        { "parts/block-000001.parquet", "missing", "part block-000001.parquet is missing" },
    };

    [Theory]
    [MemberData(nameof(FitDamage))]
    public async Task FitResume_DamagedCheckpointOrPart_IsRefusedWithOneLineAndTouchesNothing(string file, string damage, string message)
    {
        using var folder = new ScratchFolder();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 500));
        string run = folder.File("run");
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopFitAfterBlocks(prior, run, 3));
        Damage(Path.Combine(run, file), damage);
        var before = folder.Snapshot();

        var resumed = CliRunner.Run("fit", prior, "--out", run, "--resume");

        AssertRefused(resumed, message);
        Assert.Equal(before, folder.Snapshot());
    }

    public static TheoryData<string, string> EvidenceDamage => new()
    {
        { "truncate", "not an evidence checkpoint of this version (crinference-evidence-checkpoint/2), or truncated" },
        { "empty", "evidence checkpoint is empty (0 bytes)" },
        { "flip", "evidence checkpoint is corrupt (checksum mismatch)" },
        { "version", "evidence checkpoint format crinference-evidence-checkpoint/99 is not supported" },
        { "legacy", "not an evidence checkpoint of this version (crinference-evidence-checkpoint/2), or truncated" },
    };

    [Theory]
    [MemberData(nameof(EvidenceDamage))]
    public async Task NestedResume_DamagedCheckpoint_IsRefusedWithOneLineAndTouchesNothing(string damage, string message)
    {
        using var folder = new ScratchFolder();
        string prior = TestRepository.PathOf("priors/tests/gaussian-3d.yaml");
        string run = folder.File("run");
        Assert.Equal(RunDefaults.InterruptedExitCode, await EvidenceTestSupport.StopAfterCheckpoints(prior, run, 2, NestedRunKind.Instance, interval: 200));
        string checkpoint = Path.Combine(run, "checkpoint-nested.json");
        if (damage is "version" or "legacy") Rewrite(checkpoint, damage);
        else Damage(checkpoint, damage);
        var before = folder.Snapshot();

        var resumed = CliRunner.Run("evidence", prior, "--out", run, "--resume");

        AssertRefused(resumed, "checkpoint-nested.json: " + message);
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public void FinishedTablesCutInHalf_AreRefusedByEveryReader()
    {
        using var folder = new ScratchFolder();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 200));
        string fit = folder.File("fit"), nested = folder.File("nested");
        Expect.Success(CliRunner.Run("fit", prior, "--out", fit, "--threads", "1"));
        Expect.Success(CliRunner.Run("evidence", TestRepository.PathOf("priors/tests/gaussian-3d.yaml"), "--live", "60", "--out", nested, "--threads", "1"));
        string chains = Path.Combine(fit, "chains.parquet"), samples = Path.Combine(nested, "samples.parquet");
        Damage(chains, "truncate");
        Damage(samples, "truncate");
        var before = folder.Snapshot();

        AssertRefused(CliRunner.Run("fit", prior, "--out", fit, "--resume"), "chains.parquet is damaged");
        AssertRefused(CliRunner.Run("corner", chains, "--out", folder.File("c.png")), "chains.parquet");
        AssertRefused(CliRunner.Run("trace", chains, "--out", folder.File("t.png")), "chains.parquet");
        AssertRefused(CliRunner.Run("compare", fit), "chains.parquet");
        AssertRefused(CliRunner.Run("corner", samples, "--out", folder.File("s.png")), "samples.parquet");
        AssertRefused(CliRunner.Run("compare", nested), "samples.parquet");
        Assert.Equal(before, folder.Snapshot());
    }

    [Fact]
    public async Task FitResume_TornTemporaryFilesAndAPartBeyondTheCheckpoint_AreRemovedAndTheRunCompletes()
    {
        using var folder = new ScratchFolder();
        string prior = folder.Write("p.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 500));
        string reference = Path.Combine(folder.File("reference"), "run"), run = Path.Combine(folder.File("damaged"), "run");
        Expect.Success(CliRunner.Run("fit", prior, "--out", reference, "--threads", "1"));
        Assert.Equal(RunDefaults.InterruptedExitCode, await StopFitAfterBlocks(prior, run, 2));
        File.WriteAllBytes(Path.Combine(run, "parts", "block-000002.parquet"), [0x50, 0x41, 0x52, 0x31]);
        File.WriteAllBytes(Path.Combine(run, "checkpoint.bin.tmp"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(run, ".corner.12345.tmp.png"), [1, 2, 3]);

        Expect.Success(CliRunner.Run("fit", prior, "--out", run, "--resume"));

        Assert.Null(RunFolderComparison.Difference(reference, run));
    }

    /// <summary>Truncates to half, empties, flips one bit in the middle, or deletes <paramref name="path"/>.</summary>
    private static void Damage(string path, string damage)
    {
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncate":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "flip":
                bytes[bytes.Length / 2] ^= 0x10;
                File.WriteAllBytes(path, bytes);
                break;
            case "missing":
                File.Delete(path);
                break;
            case "version":
                // checkpoint.bin of format 99 with a valid checksum: the magic "CRCKPT", then the version (uint16).
                bytes[6] = 99;
                bytes[7] = 0;
                SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
                File.WriteAllBytes(path, bytes);
                break;
            default:
                throw new ArgumentException(damage, nameof(damage));
        }
    }

    /// <summary>An evidence checkpoint of format 99 with a valid checksum, or in the layout of format 1 (the bare record).</summary>
    private static void Rewrite(string path, string damage)
    {
        string text = File.ReadAllText(path);
        int start = text.IndexOf("\"Checkpoint\":", StringComparison.Ordinal) + "\"Checkpoint\":".Length;
        string body = text[start..^1];
        if (damage == "legacy")
        {
            File.WriteAllText(path, body.Replace("checkpoint/2", "checkpoint/1", StringComparison.Ordinal));
            return;
        }
        body = body.Replace("crinference-evidence-checkpoint/2", "crinference-evidence-checkpoint/99", StringComparison.Ordinal);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        File.WriteAllText(path, $"{{\"Sha256\":\"{hash}\",\"Checkpoint\":{body}}}");
    }

    private static void AssertRefused((int Exit, string Out, string Error) result, string message)
    {
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Out}{result.Error}");
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs a fit in-process and stops it (as Ctrl-C would) once <paramref name="blocks"/> blocks are stored.</summary>
    private static async Task<int> StopFitAfterBlocks(string prior, string run, int blocks)
    {
        _ = TestRepository.Root;
        using var stop = new CancellationTokenSource();
        var options = new FitOptions(prior)
        {
            OutputDirectory = run,
            Threads = 1,
            BlockStored = n =>
            {
                if (n == blocks) stop.Cancel();
            },
        };
        return await RunLifecycle.ExecuteAsync(FitRunKind.Instance, options, TextWriter.Null, stop.Token);
    }
}
