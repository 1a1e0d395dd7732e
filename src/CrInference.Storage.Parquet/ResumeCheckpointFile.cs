using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Storage.Parquet;

/// <summary>
/// Binary I/O of <see cref="ResumeCheckpoint"/>. Little-endian, doubles as their IEEE 754 bits
/// (NaN payloads, −0 and infinities survive), strings UTF-8 with a 7-bit-encoded length,
/// dictionaries in ordinal key order, so equal checkpoints give equal bytes. Layout: the magic
/// <c>CRCKPT</c>, a format version (uint16), the fields in record order, then (format 2) the
/// SHA-256 of each part file the checkpoint covers, then the SHA-256 of everything before it.
/// Format 1 (no part hashes) is still read. Files are replaced atomically (temp file, fsync, rename).
/// </summary>
public static class ResumeCheckpointFile
{
    private static readonly byte[] Magic = "CRCKPT"u8.ToArray();
    private const ushort FormatVersion = 2;
    private const ushort FirstFormatVersion = 1;
    private const int HashLength = 32;

    /// <summary>The bytes <see cref="WriteAsync"/> writes.</summary>
    public static byte[] Encode(ResumeCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Validate();
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(checkpoint.CompletedBlocks);
            writer.Write(checkpoint.NextStep);
            writer.Write(checkpoint.Key.Value);
            writer.Write(checkpoint.Walkers);
            writer.Write(checkpoint.Dimension);
            foreach (double x in checkpoint.Positions) writer.Write(x);
            foreach (var p in checkpoint.LogPosteriors)
            {
                writer.Write(p.LogPrior);
                writer.Write(p.LogLikelihood);
            }
            var derivedNames = checkpoint.DerivedNames.IsDefault ? [] : checkpoint.DerivedNames;
            writer.Write(derivedNames.Length);
            foreach (string name in derivedNames) writer.Write(name);
            foreach (double x in checkpoint.Derived) writer.Write(x);
            writer.Write(checkpoint.ConfigHash);
            writer.Write(checkpoint.Scalars.Count);
            foreach (var (name, value) in checkpoint.Scalars.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(value);
            }
            writer.Write(checkpoint.Counters.Count);
            foreach (var (name, value) in checkpoint.Counters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(value);
            }
            var partHashes = checkpoint.PartHashes.IsDefault ? [] : checkpoint.PartHashes;
            writer.Write(partHashes.Length);
            foreach (string partHash in partHashes) writer.Write(Convert.FromHexString(partHash));
        }
        byte[] hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(hash);
        return buffer.ToArray();
    }

    /// <summary>Decodes bytes written by <see cref="Encode"/>; <paramref name="source"/> names them in errors.</summary>
    public static ResumeCheckpoint Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < Magic.Length + sizeof(ushort) + HashLength || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new ChainTableException(source, "not a CrInference resume checkpoint");
        }
        var body = bytes[..^HashLength];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes[^HashLength..]))
        {
            throw new ChainTableException(source, "resume checkpoint is corrupt (checksum mismatch)");
        }
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            ushort version = reader.ReadUInt16();
            if (version is not (FormatVersion or FirstFormatVersion))
            {
                throw new ChainTableException(source, $"resume checkpoint format {version} is not supported (this build reads {FirstFormatVersion} and {FormatVersion})");
            }
            int completedBlocks = reader.ReadInt32();
            long nextStep = reader.ReadInt64();
            var key = new RandomKey(reader.ReadUInt64());
            int walkers = reader.ReadInt32();
            int dimension = reader.ReadInt32();
            var positions = ReadDoubles(reader, checked(walkers * dimension));
            var logPosteriors = ImmutableArray.CreateBuilder<LogPosterior>(walkers);
            for (int i = 0; i < walkers; i++)
            {
                logPosteriors.Add(new LogPosterior(reader.ReadDouble(), reader.ReadDouble()));
            }
            int derivedCount = reader.ReadInt32();
            var derivedNames = ImmutableArray.CreateBuilder<string>(derivedCount);
            for (int i = 0; i < derivedCount; i++) derivedNames.Add(reader.ReadString());
            var derived = ReadDoubles(reader, checked(walkers * derivedCount));
            string configHash = reader.ReadString();
            var scalars = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            int scalarCount = reader.ReadInt32();
            for (int i = 0; i < scalarCount; i++) scalars.Add(reader.ReadString(), reader.ReadDouble());
            var counters = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            int counterCount = reader.ReadInt32();
            for (int i = 0; i < counterCount; i++) counters.Add(reader.ReadString(), reader.ReadInt64());
            var partHashes = ImmutableArray<string>.Empty;
            if (version >= 2)
            {
                int hashCount = reader.ReadInt32();
                if (hashCount < 0 || hashCount > (stream.Length - stream.Position) / HashLength)
                {
                    throw new ChainTableException(source, $"resume checkpoint is malformed ({hashCount} part hashes)");
                }
                var hashes = ImmutableArray.CreateBuilder<string>(hashCount);
                for (int i = 0; i < hashCount; i++) hashes.Add(Convert.ToHexStringLower(reader.ReadBytes(HashLength)));
                partHashes = hashes.MoveToImmutable();
            }
            if (stream.Position != stream.Length)
            {
                throw new ChainTableException(source, "resume checkpoint has trailing bytes");
            }
            var checkpoint = new ResumeCheckpoint(
                completedBlocks, nextStep, key, walkers, dimension, positions, logPosteriors.MoveToImmutable(),
                derivedNames.MoveToImmutable(), derived, configHash, scalars.ToImmutable(), counters.ToImmutable())
            {
                PartHashes = partHashes,
            };
            checkpoint.Validate();
            return checkpoint;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException or IOException)
        {
            throw new ChainTableException(source, $"resume checkpoint is malformed ({e.Message})", e);
        }
    }

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically (temp file, fsync, rename).</summary>
    public static Task WriteAsync(string path, ResumeCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllBytesAsync(path, Encode(checkpoint), cancellationToken);

    /// <summary>Reads a checkpoint written by <see cref="WriteAsync"/>; <see cref="ChainTableException"/> if
    /// the file is missing, not a checkpoint, or damaged.</summary>
    public static async Task<ResumeCheckpoint> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new ChainTableException(path, "no such file");
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Decode(bytes, path);
    }

    private static ImmutableArray<double> ReadDoubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = reader.ReadDouble();
        return ImmutableArray.Create(values);
    }
}
