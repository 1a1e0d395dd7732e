using CrInference.Storage.Parquet;

namespace CrInference.Inference.Tests.Storage;

/// <summary>Chain files: round trip, a row group per block, footer metadata, atomic finalise,
/// resume after a crash to the same bytes, deterministic bytes.</summary>
public sealed class ChainTableWriterTests
{
    private const int Rows = ChainFixtures.Walkers * ChainFixtures.StepsPerBlock;

    [Fact]
    public async Task Finalise_ThreeBlocks_ReadsBackEveryCellBitForBit()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 3);

        var table = await ChainTableReader.ReadAsync(path);

        Assert.Equal(3 * Rows, table.RowCount);
        Assert.Equal(ChainFixtures.Schema.Names, table.Columns.Select(c => c.Name));
        Assert.Equal(["int32", "int64", "double", "double", "double", "double", "double", "double", "double", "double", "boolean"], table.Columns.Select(c => c.TypeName));
        Assert.All(table.Columns, c => Assert.False(c.IsNullable));
        var chain = table.Values(ChainColumnNames.Chain);
        var draw = table.Values(ChainColumnNames.Draw);
        var x = table.Values("x");
        var y = table.Values("y");
        var logPrior = table.Values(ChainColumnNames.LogPrior);
        var logPosterior = table.Values(ChainColumnNames.LogPosterior);
        var accepted = table.Values(ChainColumnNames.Accepted);
        for (int row = 0; row < table.RowCount; row++)
        {
            long step = row / ChainFixtures.Walkers;
            int walker = row % ChainFixtures.Walkers;
            Assert.Equal(walker, chain[row]);
            Assert.Equal(step, draw[row]);
            ChainFixtures.AssertSameBits(ChainFixtures.X(step, walker), x[row], $"x[{row}]");
            ChainFixtures.AssertSameBits(ChainFixtures.Y(step, walker), y[row], $"y[{row}]");
            ChainFixtures.AssertSameBits(ChainFixtures.LogPrior(step, walker), logPrior[row], $"log_prior[{row}]");
            ChainFixtures.AssertSameBits(ChainFixtures.LogPrior(step, walker) + ChainFixtures.LogLikelihood(step, walker), logPosterior[row], $"log_posterior[{row}]");
            Assert.Equal((step + walker) % 3 != 0 ? 1.0 : 0.0, accepted[row]);
        }
    }

    [Fact]
    public async Task Finalise_SpecialDoublesRepeatedManyTimes_KeepTheirBits()
    {
        // Many repeats of few distinct values invite dictionary encoding, whose keys compare
        // doubles by value (−0 == 0): the bits must survive it.
        using var folder = new TemporaryDirectory();
        var schema = ChainTableSchema.FromNames(["v"]);
        var block = new ChainTableBlock(schema, 4000);
        var v = block.Float64("v");
        double[] pattern = [0.0, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF0000000000123), 1.0, double.NegativeInfinity];
        for (int i = 0; i < v.Length; i++) v[i] = pattern[i % pattern.Length];
        string path = folder.File("special.parquet");

        await ChainTableWriter.WriteFileAsync(path, [block], new Dictionary<string, string>());
        var read = (await ChainTableReader.ReadAsync(path)).Values("v");

        for (int i = 0; i < read.Length; i++) ChainFixtures.AssertSameBits(pattern[i % pattern.Length], read[i], $"v[{i}]");
    }

    [Fact]
    public async Task Finalise_FourBlocks_HasOneRowGroupPerBlock()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 4);

        var table = await ChainTableReader.ReadSchemaAsync(path);

        Assert.Equal([Rows, Rows, Rows, Rows], table.RowGroupRowCounts.ToArray());
    }

    [Fact]
    public async Task Finalise_Metadata_RoundTripsIncludingTheManifest()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 1);

        var table = await ChainTableReader.ReadSchemaAsync(path);

        Assert.Equal(ChainFixtures.Metadata[ChainColumnNames.ManifestMetadataKey], table.Manifest);
        Assert.Equal("second key", table.Metadata["zz.other"]);
    }

    [Fact]
    public async Task Finalise_NoBlocks_WritesAReadableEmptyTable()
    {
        using var folder = new TemporaryDirectory();
        var writer = ChainTableWriter.Create(folder.Path, ChainFixtures.Schema);

        string path = await writer.FinaliseAsync(ChainFixtures.Metadata);
        var table = await ChainTableReader.ReadAsync(path);

        Assert.Equal(0, table.RowCount);
        Assert.Empty(table.RowGroupRowCounts);
        Assert.Equal(ChainFixtures.Schema.Names, table.Columns.Select(c => c.Name));
        Assert.Empty(table.Values("x"));
    }

    [Fact]
    public async Task Append_BeforeFinalise_NoChainsFileOnlyPartsAndCheckpoint_WhichStayUntilRemoveRunState()
    {
        using var folder = new TemporaryDirectory();
        var writer = ChainTableWriter.Create(folder.Path, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        for (int b = 0; b < 2; b++)
        {
            ChainFixtures.Fill(block, b);
            await writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(b + 1));
            Assert.False(File.Exists(ChainRunFiles.FinalPath(folder.Path)));
        }

        Assert.Equal([0, 1], ChainRunFiles.ExistingParts(folder.Path));
        Assert.True(File.Exists(ChainRunFiles.CheckpointPath(folder.Path)));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));

        await writer.FinaliseAsync(ChainFixtures.Metadata);

        Assert.True(File.Exists(ChainRunFiles.FinalPath(folder.Path)));
        Assert.False(ChainRunFiles.IsFinished(folder.Path));
        Assert.Equal([0, 1], ChainRunFiles.ExistingParts(folder.Path));

        ChainTableWriter.RemoveRunState(folder.Path);

        Assert.True(ChainRunFiles.IsFinished(folder.Path));
        Assert.False(Directory.Exists(ChainRunFiles.PartsDirectory(folder.Path)));
        Assert.False(File.Exists(ChainRunFiles.CheckpointPath(folder.Path)));
        Assert.Equal([ChainRunFiles.FinalFileName], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_SameDataTwice_GivesIdenticalBytes()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        string a = await ChainFixtures.WriteRunAsync(first.Path, blocks: 3);
        await Task.Delay(1100); // a timestamp with one-second resolution would differ now
        string b = await ChainFixtures.WriteRunAsync(second.Path, blocks: 3);

        Assert.Equal(await File.ReadAllBytesAsync(a), await File.ReadAllBytesAsync(b));
    }

    [Fact]
    public async Task Resume_AfterCrashMidBlock_EndsInTheUninterruptedBytes()
    {
        using var reference = new TemporaryDirectory();
        using var crashed = new TemporaryDirectory();
        byte[] expected = await File.ReadAllBytesAsync(await ChainFixtures.WriteRunAsync(reference.Path, blocks: 5));

        // Run until 3 blocks are committed, then "crash": block 3's part was renamed into place
        // but its checkpoint was not, and block 4's part and a checkpoint were half-written.
        var writer = ChainTableWriter.Create(crashed.Path, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        for (int b = 0; b < 3; b++)
        {
            ChainFixtures.Fill(block, b);
            await writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(b + 1));
        }
        ChainFixtures.Fill(block, 3);
        await ChainTableWriter.WriteFileAsync(ChainRunFiles.PartPath(crashed.Path, 3), [block], new Dictionary<string, string>());
        await File.WriteAllBytesAsync(ChainRunFiles.PartPath(crashed.Path, 4) + ".tmp", [0x50, 0x41, 0x52, 0x31, 0x00]);
        await File.WriteAllBytesAsync(ChainRunFiles.CheckpointPath(crashed.Path) + ".tmp", [0x43, 0x52]);
        string unrelated = Path.Combine(crashed.Path, "summary.json.tmp");
        await File.WriteAllTextAsync(unrelated, "another tool's temp file");

        var resume = await ChainTableWriter.ResumeAsync(crashed.Path, ChainFixtures.Schema);

        Assert.False(resume.IsComplete);
        Assert.NotNull(resume.Writer);
        Assert.NotNull(resume.Checkpoint);
        Assert.Equal(3, resume.Writer.BlockCount);
        Assert.Equal(3L * Rows, resume.Writer.RowCount);
        Assert.Equal(3 * ChainFixtures.StepsPerBlock, resume.Checkpoint.NextStep);
        Assert.Equal([0, 1, 2], ChainRunFiles.ExistingParts(crashed.Path));
        Assert.Equal([unrelated], Directory.EnumerateFiles(crashed.Path, "*.tmp", SearchOption.AllDirectories));

        for (int b = resume.Writer.BlockCount; b < 5; b++)
        {
            ChainFixtures.Fill(block, b);
            await resume.Writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(b + 1));
        }
        string path = await resume.Writer.FinaliseAsync(ChainFixtures.Metadata);

        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Resume_NoCheckpointYet_StartsFromScratch()
    {
        using var folder = new TemporaryDirectory();
        _ = ChainTableWriter.Create(folder.Path, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        ChainFixtures.Fill(block, 0);
        await ChainTableWriter.WriteFileAsync(ChainRunFiles.PartPath(folder.Path, 0), [block], new Dictionary<string, string>());

        var resume = await ChainTableWriter.ResumeAsync(folder.Path, ChainFixtures.Schema);

        Assert.Null(resume.Checkpoint);
        Assert.Equal(0, resume.Writer!.BlockCount);
        Assert.Empty(ChainRunFiles.ExistingParts(folder.Path));
    }

    [Fact]
    public async Task Resume_AfterFinalise_ReportsComplete()
    {
        using var folder = new TemporaryDirectory();
        await ChainFixtures.WriteRunAsync(folder.Path, blocks: 1);

        var resume = await ChainTableWriter.ResumeAsync(folder.Path, ChainFixtures.Schema);

        Assert.True(resume.IsComplete);
        Assert.Null(resume.Writer);
    }

    [Fact]
    public async Task Resume_FinalisedButCheckpointKept_ContinuesAfterTheLastBlockAndFinalisesToTheSameBytes()
    {
        using var folder = new TemporaryDirectory();
        var writer = await AppendTwoBlocksAsync(folder.Path);
        byte[] first = await File.ReadAllBytesAsync(await writer.FinaliseAsync(ChainFixtures.Metadata));

        var resume = await ChainTableWriter.ResumeAsync(folder.Path, ChainFixtures.Schema);
        string again = await resume.Writer!.FinaliseAsync(ChainFixtures.Metadata);

        Assert.False(resume.IsComplete);
        Assert.Equal(2, resume.Checkpoint!.CompletedBlocks);
        Assert.Equal(2, resume.Checkpoint.PartHashes.Length);
        Assert.Equal(first, await File.ReadAllBytesAsync(again));
    }

    [Fact]
    public async Task Resume_PartWithAnotherHash_ThrowsNamingThePart()
    {
        using var folder = new TemporaryDirectory();
        await AppendTwoBlocksAsync(folder.Path);
        // Another valid part in its place: the hash, not the format, gives it away.
        File.Copy(ChainRunFiles.PartPath(folder.Path, 1), ChainRunFiles.PartPath(folder.Path, 0), overwrite: true);

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableWriter.ResumeAsync(folder.Path, ChainFixtures.Schema));

        Assert.Equal(ChainRunFiles.PartPath(folder.Path, 0), error.Path);
        Assert.StartsWith("is damaged (its SHA-256 differs", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_PartCoveredByCheckpointMissing_ThrowsNamingThePart()
    {
        using var folder = new TemporaryDirectory();
        await AppendTwoBlocksAsync(folder.Path);
        File.Delete(ChainRunFiles.PartPath(folder.Path, 0));

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableWriter.ResumeAsync(folder.Path, ChainFixtures.Schema));

        Assert.Contains("block-000000.parquet is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_DifferentColumns_ThrowsNamingThePart()
    {
        using var folder = new TemporaryDirectory();
        var writer = ChainTableWriter.Create(folder.Path, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        ChainFixtures.Fill(block, 0);
        await writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(1));
        var other = ChainTableSchema.FromNames([ChainColumnNames.Chain, ChainColumnNames.Draw, "x"]);

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableWriter.ResumeAsync(folder.Path, other));

        Assert.StartsWith(ChainRunFiles.PartPath(folder.Path, 0) + ": columns differ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FolderHoldsARun_Throws()
    {
        using var folder = new TemporaryDirectory();
        await ChainFixtures.WriteRunAsync(folder.Path, blocks: 1);

        var error = Assert.Throws<ChainTableException>(() => ChainTableWriter.Create(folder.Path, ChainFixtures.Schema));

        Assert.StartsWith(folder.Path + ": already holds a chain run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_CheckpointBlockCountWrong_Throws()
    {
        using var folder = new TemporaryDirectory();
        var writer = ChainTableWriter.Create(folder.Path, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        ChainFixtures.Fill(block, 0);

        await Assert.ThrowsAsync<ArgumentException>(() => writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(2)));
        Assert.Empty(ChainRunFiles.ExistingParts(folder.Path));
    }

    [Fact]
    public void Block_WrongColumnType_Throws()
    {
        var block = new ChainTableBlock(ChainFixtures.Schema, 2);

        Assert.Throws<InvalidOperationException>(() => block.Float64(ChainColumnNames.Chain));
        Assert.Throws<KeyNotFoundException>(() => block.Float64("nope"));
    }

    [Fact]
    public void Schema_DuplicateOrDottedName_Throws()
    {
        Assert.Throws<ArgumentException>(() => ChainTableSchema.FromNames(["x", "x"]));
        Assert.Throws<ArgumentException>(() => ChainTableSchema.FromNames(["a.b"]));
    }

    /// <summary>A new run in <paramref name="folder"/> with blocks 0 and 1 stored.</summary>
    private static async Task<ChainTableWriter> AppendTwoBlocksAsync(string folder)
    {
        var writer = ChainTableWriter.Create(folder, ChainFixtures.Schema);
        var block = new ChainTableBlock(ChainFixtures.Schema, Rows);
        for (int b = 0; b < 2; b++)
        {
            ChainFixtures.Fill(block, b);
            await writer.AppendBlockAsync(block, ChainFixtures.Checkpoint(b + 1));
        }
        return writer;
    }
}
