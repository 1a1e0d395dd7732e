using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Storage.Parquet;

namespace CrInference.Inference.Tests.Storage;

/// <summary>The resume checkpoint restores sampler state bit for bit and rejects damaged files.</summary>
public sealed class ResumeCheckpointFileTests
{
    [Fact]
    public async Task WriteRead_SpecialDoubles_RoundTripBitForBit()
    {
        using var folder = new TemporaryDirectory();
        var special = ChainFixtures.Specials.Concat([Math.PI, -Math.E, 1.0 / 3.0, BitConverter.Int64BitsToDouble(0x7FF8DEADBEEF0001)]).ToArray();
        var checkpoint = ChainFixtures.Checkpoint(7) with
        {
            Walkers = 3,
            Dimension = 4,
            Positions = [.. special],
            LogPosteriors = [new LogPosterior(-0.0, double.NegativeInfinity), new LogPosterior(double.NaN, 1e-320), new LogPosterior(-1.5, -123.456789012345678)],
            DerivedNames = ["a", "ünï"],
            Derived = [1, 2, 3, 4, 5, double.NaN],
            Scalars = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, double>("b", -0.0), new("a", 0.1 + 0.2)]),
        };
        string path = folder.File(ChainRunFiles.CheckpointFileName);

        await ResumeCheckpointFile.WriteAsync(path, checkpoint);
        var read = await ResumeCheckpointFile.ReadAsync(path);

        Assert.Equal(checkpoint.CompletedBlocks, read.CompletedBlocks);
        Assert.Equal(checkpoint.NextStep, read.NextStep);
        Assert.Equal(checkpoint.Key, read.Key);
        Assert.Equal(checkpoint.Walkers, read.Walkers);
        Assert.Equal(checkpoint.Dimension, read.Dimension);
        Assert.Equal(checkpoint.ConfigHash, read.ConfigHash);
        Assert.Equal(checkpoint.DerivedNames.ToArray(), read.DerivedNames.ToArray());
        Assert.Equal(checkpoint.Counters, read.Counters);
        for (int i = 0; i < special.Length; i++) ChainFixtures.AssertSameBits(special[i], read.Positions[i], $"position {i}");
        for (int i = 0; i < 3; i++)
        {
            ChainFixtures.AssertSameBits(checkpoint.LogPosteriors[i].LogPrior, read.LogPosteriors[i].LogPrior, $"log prior {i}");
            ChainFixtures.AssertSameBits(checkpoint.LogPosteriors[i].LogLikelihood, read.LogPosteriors[i].LogLikelihood, $"log likelihood {i}");
        }
        for (int i = 0; i < 6; i++) ChainFixtures.AssertSameBits(checkpoint.Derived[i], read.Derived[i], $"derived {i}");
        Assert.Equal(["a", "b"], read.Scalars.Keys);
        ChainFixtures.AssertSameBits(-0.0, read.Scalars["b"], "scalar b");
        ChainFixtures.AssertSameBits(0.1 + 0.2, read.Scalars["a"], "scalar a");
        Assert.Equal(ResumeCheckpointFile.Encode(checkpoint), ResumeCheckpointFile.Encode(read));
    }

    [Fact]
    public async Task Read_OneByteFlipped_ThrowsChecksumMismatch()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("checkpoint.bin");
        byte[] bytes = ResumeCheckpointFile.Encode(ChainFixtures.Checkpoint(2));
        bytes[40] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ResumeCheckpointFile.ReadAsync(path));

        Assert.Equal($"{path}: resume checkpoint is corrupt (checksum mismatch)", error.Message);
    }

    [Fact]
    public async Task Read_NotACheckpoint_Throws()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("checkpoint.bin");
        await File.WriteAllTextAsync(path, "{\"this\": \"is json, not a checkpoint\"}");

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ResumeCheckpointFile.ReadAsync(path));

        Assert.Equal($"{path}: not a CrInference resume checkpoint", error.Message);
    }

    [Fact]
    public void Decode_PartHashes_RoundTrip_AndFormatOneWithoutThem_IsStillRead()
    {
        string[] hashes = [new string('0', 64), "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"];
        var checkpoint = ChainFixtures.Checkpoint(2) with { PartHashes = [.. hashes] };
        byte[] current = ResumeCheckpointFile.Encode(checkpoint);
        // Format 1: the same fields without the part hashes (their count, an int32 0, is the last field before the SHA-256).
        byte[] first = ResumeCheckpointFile.Encode(ChainFixtures.Checkpoint(2));
        first = [.. first.AsSpan(0, first.Length - 36)];
        first[6] = 1;
        first = [.. first, .. System.Security.Cryptography.SHA256.HashData(first)];

        var read = ResumeCheckpointFile.Decode(current, "current");
        var old = ResumeCheckpointFile.Decode(first, "format 1");

        Assert.Equal(2, current[6]);
        Assert.Equal(hashes, read.PartHashes);
        Assert.Empty(old.PartHashes);
        Assert.Equal(ChainFixtures.Checkpoint(2).NextStep, old.NextStep);
    }

    [Fact]
    public void Encode_LengthsDisagree_Throws()
    {
        var checkpoint = ChainFixtures.Checkpoint(1) with { Walkers = 5 };

        Assert.Throws<ArgumentException>(() => ResumeCheckpointFile.Encode(checkpoint));
    }
}
