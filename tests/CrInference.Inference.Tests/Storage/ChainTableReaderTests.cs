using CrInference.Storage.Parquet;

namespace CrInference.Inference.Tests.Storage;

/// <summary>Reader errors are one-line <see cref="ChainTableException"/>s naming the file.</summary>
public sealed class ChainTableReaderTests
{
    [Fact]
    public async Task Read_MissingFile_ThrowsNoSuchFile()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("absent.parquet");

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path));

        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public async Task Read_EmptyFile_ThrowsEmpty()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("empty.parquet");
        await File.WriteAllBytesAsync(path, []);

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path));

        Assert.Equal($"{path}: file is empty (0 bytes), not a Parquet file", error.Message);
    }

    [Fact]
    public async Task Read_CsvFile_ThrowsNotParquet()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("chains.csv");
        await File.WriteAllTextAsync(path, "x,y\n1,2\n3,4\n");

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path));

        Assert.StartsWith($"{path}: not a Parquet file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Read_TruncatedChainFile_ThrowsNotParquet()
    {
        using var folder = new TemporaryDirectory();
        string source = await ChainFixtures.WriteRunAsync(folder.File("run"), blocks: 2);
        string path = folder.File("truncated.parquet");
        byte[] bytes = await File.ReadAllBytesAsync(source);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path));

        Assert.StartsWith($"{path}: not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Folder_ThrowsIsAFolder()
    {
        using var folder = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(folder.Path));

        Assert.Equal($"{folder.Path}: is a folder, not a Parquet file", error.Message);
    }

    [Fact]
    public async Task Read_AbsentColumnRequested_ThrowsListingColumns()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 1);

        var error = await Assert.ThrowsAsync<ChainTableException>(() => ChainTableReader.ReadAsync(path, ["x", "z"]));

        Assert.StartsWith($"{path}: no column 'z' (columns: chain, draw, x, y, log_prior,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SubsetOfColumns_ReadsOnlyThose()
    {
        using var folder = new TemporaryDirectory();
        string path = await ChainFixtures.WriteRunAsync(folder.Path, blocks: 2);

        var table = await ChainTableReader.ReadAsync(path, ["y"]);

        Assert.Equal(2 * ChainFixtures.Walkers * ChainFixtures.StepsPerBlock, table.Values("y").Length);
        Assert.Null(table.Column("x").Values);
        var error = Assert.Throws<ChainTableException>(() => table.Values("x"));
        Assert.Equal($"{path}: column 'x' was not read (ask for it when reading)", error.Message);
    }
}
