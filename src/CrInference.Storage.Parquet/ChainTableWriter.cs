namespace CrInference.Storage.Parquet;

/// <summary>
/// Writes a chain table to <c>chains.parquet</c> in a run folder, a row group per appended block,
/// so that a crash at any instant (kill -9 included) loses at most the block being written and a
/// resumed run ends in the same bytes as an uninterrupted one.
/// <para>
/// Each <see cref="AppendBlockAsync"/> writes the block as a complete one-row-group Parquet file
/// <c>parts/block-NNNNNN.parquet</c>, then the <see cref="ResumeCheckpoint"/> after it (with the
/// SHA-256 of every part so far), each atomically (temp file, fsync, rename). The checkpoint is the
/// commit point: a part beyond the checkpoint's block count is discarded on resume, and a part whose
/// bytes differ from the recorded hash stops the resume. <see cref="FinaliseAsync"/> merges the parts
/// in order into <c>chains.parquet.tmp</c> with the footer metadata, fsyncs it and renames it to
/// <c>chains.parquet</c>; until then no <c>chains.parquet</c> exists. The parts and the checkpoint
/// stay until <see cref="RemoveRunState"/> (the caller's last step, after its summary and reports),
/// so that a run killed in between still has its counters. Since the final file is always
/// re-encoded from the parts, its bytes depend only on the blocks' values and the metadata, never
/// on where a run was interrupted. Not thread-safe: one writer per run folder.
/// </para>
/// </summary>
public sealed class ChainTableWriter
{
    private readonly List<string> _partHashes;
    private bool _finalised;

    private ChainTableWriter(string runDirectory, ChainTableSchema schema, int blockCount, long rowCount, IEnumerable<string> partHashes)
    {
        RunDirectory = runDirectory;
        Schema = schema;
        BlockCount = blockCount;
        RowCount = rowCount;
        _partHashes = [.. partHashes];
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The columns of the table.</summary>
    public ChainTableSchema Schema { get; }

    /// <summary>Blocks written so far (complete parts covered by the checkpoint).</summary>
    public int BlockCount { get; private set; }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Path of the finished table (exists only after <see cref="FinaliseAsync"/>).</summary>
    public string FinalPath => ChainRunFiles.FinalPath(RunDirectory);

    /// <summary>
    /// Starts a new run in <paramref name="runDirectory"/> (created if missing). Throws
    /// <see cref="ChainTableException"/> if the folder already holds a run's files
    /// (<c>chains.parquet</c>, <c>checkpoint.bin</c> or parts): resume it or choose another folder.
    /// </summary>
    public static ChainTableWriter Create(string runDirectory, ChainTableSchema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(schema);
        if (ChainRunFiles.HoldsRun(runDirectory))
        {
            throw new ChainTableException(runDirectory, "already holds a chain run (chains.parquet, checkpoint.bin or parts/); resume it or choose another folder");
        }
        Directory.CreateDirectory(ChainRunFiles.PartsDirectory(runDirectory));
        DeleteTemporaryFiles(runDirectory);
        return new ChainTableWriter(runDirectory, schema, 0, 0, []);
    }

    /// <summary>
    /// Reopens the run in <paramref name="runDirectory"/> after an interruption. Removes temp
    /// files of interrupted writes and parts beyond the checkpoint, checks that every part the
    /// checkpoint covers is present, has the SHA-256 the checkpoint recorded (format 2) and
    /// <paramref name="schema"/>'s columns, and returns a writer positioned after the last complete
    /// block with the checkpoint to continue from (null if no block had completed). A
    /// <c>chains.parquet</c> next to a checkpoint was finalised by a run killed before its clean-up: it
    /// is resumed like any other (finalising again writes the same bytes). A <c>chains.parquet</c>
    /// without a checkpoint is a finished run: <see cref="ChainTableResume.IsComplete"/> is true once
    /// its footer has been read. Comparing
    /// <see cref="ResumeCheckpoint.ConfigHash"/> with the current configuration is the caller's job.
    /// </summary>
    public static async Task<ChainTableResume> ResumeAsync(string runDirectory, ChainTableSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(schema);
        if (!Directory.Exists(runDirectory))
        {
            throw new ChainTableException(runDirectory, "no such run folder to resume");
        }
        string parts = ChainRunFiles.PartsDirectory(runDirectory);
        DeleteTemporaryFiles(runDirectory);
        string checkpointPath = ChainRunFiles.CheckpointPath(runDirectory);
        ResumeCheckpoint? checkpoint = File.Exists(checkpointPath)
            ? await ResumeCheckpointFile.ReadAsync(checkpointPath, cancellationToken).ConfigureAwait(false)
            : null;
        if (checkpoint is null && File.Exists(ChainRunFiles.FinalPath(runDirectory)))
        {
            await ChainTableReader.ReadSchemaAsync(ChainRunFiles.FinalPath(runDirectory), cancellationToken).ConfigureAwait(false);
            return new ChainTableResume(null, null, IsComplete: true);
        }

        int completed = checkpoint?.CompletedBlocks ?? 0;
        Directory.CreateDirectory(parts);
        foreach (int index in ChainRunFiles.ExistingParts(runDirectory))
        {
            if (index >= completed) AtomicFile.Delete(ChainRunFiles.PartPath(runDirectory, index));
        }
        long rows = 0;
        var hashes = new List<string>(completed);
        for (int index = 0; index < completed; index++)
        {
            string part = ChainRunFiles.PartPath(runDirectory, index);
            if (!File.Exists(part))
            {
                throw new ChainTableException(runDirectory, $"checkpoint covers {completed} blocks but part {Path.GetFileName(part)} is missing");
            }
            string hash = await HashAsync(part, cancellationToken).ConfigureAwait(false);
            // A checkpoint of format 1 recorded no hashes: its parts are taken as found.
            if (checkpoint is { PartHashes.IsDefaultOrEmpty: false } && hash != checkpoint.PartHashes[index])
            {
                throw new ChainTableException(part, "is damaged (its SHA-256 differs from the one checkpoint.bin recorded)");
            }
            hashes.Add(hash);
            rows += await ParquetBlockCodec.ReadSingleBlockRowCountAsync(part, schema, cancellationToken).ConfigureAwait(false);
        }
        AtomicFile.SyncDirectory(parts);
        return new ChainTableResume(new ChainTableWriter(runDirectory, schema, completed, rows, hashes), checkpoint, IsComplete: false);
    }

    /// <summary>
    /// Appends <paramref name="block"/> as the next row group, then records
    /// <paramref name="checkpoint"/>, whose <see cref="ResumeCheckpoint.CompletedBlocks"/> must be
    /// <see cref="BlockCount"/> + 1. When this returns, the block survives a crash. The block
    /// buffer may be refilled afterwards.
    /// </summary>
    public async Task AppendBlockAsync(ChainTableBlock block, ResumeCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ThrowIfFinalised();
        if (!block.Schema.Equals(Schema))
        {
            throw new ArgumentException($"block columns ({block.Schema}) differ from the table's ({Schema})", nameof(block));
        }
        if (checkpoint.CompletedBlocks != BlockCount + 1)
        {
            throw new ArgumentException($"checkpoint.CompletedBlocks must be {BlockCount + 1} after appending block {BlockCount} (got {checkpoint.CompletedBlocks})", nameof(checkpoint));
        }
        checkpoint.Validate();
        Directory.CreateDirectory(ChainRunFiles.PartsDirectory(RunDirectory));
        string part = ChainRunFiles.PartPath(RunDirectory, BlockCount);
        await AtomicFile.WriteAsync(
            part,
            stream => ParquetBlockCodec.WriteSingleBlockFileAsync(stream, block, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        string hash = await HashAsync(part, cancellationToken).ConfigureAwait(false);
        byte[] checkpointBytes = ResumeCheckpointFile.Encode(checkpoint with { PartHashes = [.. _partHashes, hash] });
        await AtomicFile.WriteAllBytesAsync(ChainRunFiles.CheckpointPath(RunDirectory), checkpointBytes, cancellationToken).ConfigureAwait(false);
        _partHashes.Add(hash);
        BlockCount++;
        RowCount += block.RowCount;
    }

    /// <summary>
    /// Merges the parts into <c>chains.parquet</c> (one row group per block, in order) with
    /// <paramref name="metadata"/> as footer key-value metadata (written in ordinal key order;
    /// put the run manifest JSON under <see cref="ChainColumnNames.ManifestMetadataKey"/>). Atomic:
    /// the final file appears complete or not at all. The parts and the checkpoint stay until
    /// <see cref="RemoveRunState"/>.
    /// For identical bytes across resumed and uninterrupted runs, keep wall-clock values out of
    /// <paramref name="metadata"/>. Returns the path of <c>chains.parquet</c>.
    /// </summary>
    public async Task<string> FinaliseAsync(IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ThrowIfFinalised();
        var partFiles = new List<string>(BlockCount);
        for (int index = 0; index < BlockCount; index++)
        {
            string part = ChainRunFiles.PartPath(RunDirectory, index);
            if (!File.Exists(part))
            {
                throw new ChainTableException(RunDirectory, $"part {Path.GetFileName(part)} is missing; cannot finalise");
            }
            partFiles.Add(part);
        }
        await AtomicFile.WriteAsync(
            FinalPath,
            stream => ParquetBlockCodec.MergeAsync(stream, Schema, partFiles, metadata, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        _finalised = true;
        return FinalPath;
    }

    /// <summary>
    /// Writes a complete chain table to <paramref name="path"/> in one go (atomically, one row
    /// group per block, <paramref name="metadata"/> in the footer), for tables produced at once
    /// such as nested-sampling posterior samples. Blocks must share one schema.
    /// </summary>
    public static async Task WriteFileAsync(
        string path, IReadOnlyList<ChainTableBlock> blocks, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(metadata);
        if (blocks.Count == 0) throw new ArgumentException("at least one block is needed to define the columns", nameof(blocks));
        var schema = blocks[0].Schema;
        if (blocks.Any(b => !b.Schema.Equals(schema))) throw new ArgumentException("blocks have different columns", nameof(blocks));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await AtomicFile.WriteAsync(
            path,
            stream => ParquetBlockCodec.WriteBlocksAsync(stream, schema, blocks, metadata, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Temp files of this writer only: other tools may keep their own in the run folder.</summary>
    private static void DeleteTemporaryFiles(string runDirectory)
    {
        AtomicFile.DeleteTemporaryFile(ChainRunFiles.FinalPath(runDirectory));
        AtomicFile.DeleteTemporaryFile(ChainRunFiles.CheckpointPath(runDirectory));
        AtomicFile.DeleteTemporaryFiles(ChainRunFiles.PartsDirectory(runDirectory));
    }

    /// <summary>Removes what a finished run no longer needs once <c>chains.parquet</c> exists: the checkpoint first
    /// (its absence marks the run complete), then the parts and leftover temp files.</summary>
    public static void RemoveRunState(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        if (!File.Exists(ChainRunFiles.FinalPath(runDirectory)))
        {
            throw new InvalidOperationException($"{runDirectory}: no {ChainRunFiles.FinalFileName}; its parts are the run");
        }
        string parts = ChainRunFiles.PartsDirectory(runDirectory);
        AtomicFile.Delete(ChainRunFiles.CheckpointPath(runDirectory));
        foreach (int index in ChainRunFiles.ExistingParts(runDirectory))
        {
            AtomicFile.Delete(ChainRunFiles.PartPath(runDirectory, index));
        }
        DeleteTemporaryFiles(runDirectory);
        if (Directory.Exists(parts) && !Directory.EnumerateFileSystemEntries(parts).Any())
        {
            Directory.Delete(parts);
        }
        AtomicFile.SyncDirectory(runDirectory);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private void ThrowIfFinalised()
    {
        if (_finalised) throw new InvalidOperationException($"{FinalPath} has been finalised; no more writes");
    }
}
