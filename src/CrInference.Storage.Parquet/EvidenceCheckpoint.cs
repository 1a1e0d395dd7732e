using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrInference.Storage.Parquet;

/// <summary>
/// The resumable state of an evidence run, written as JSON (<c>checkpoint-nested.json</c>,
/// <c>checkpoint-pt.json</c>) atomically and durably (temp file, fsync, rename): the sampler's complete
/// state (<c>NestedState</c> or <c>TemperingState</c>: plain records that round-trip through JSON with
/// named floating-point literals for ±∞), the run's identity hash, and the counts a run carries across
/// sessions (wall time, sessions, likelihood failures). Continuing from it reproduces the
/// uninterrupted run bit for bit, because the samplers draw every random number from keys that depend
/// only on the state.
/// </summary>
/// <typeparam name="TState">The sampler state.</typeparam>
/// <param name="Format">Always <see cref="EvidenceCheckpoint.Format"/>.</param>
/// <param name="Method"><c>nested</c> or <c>pt</c>.</param>
/// <param name="IdentityHash">The run manifest's identity hash.</param>
/// <param name="WallSeconds">Wall time of all sessions up to this checkpoint.</param>
/// <param name="Sessions">Sessions up to this one (1 + resumes).</param>
/// <param name="Failures">Likelihood failure reasons (grouped) with counts, all sessions.</param>
/// <param name="State">The sampler state.</param>
public sealed record EvidenceCheckpoint<TState>(
    string Format,
    string Method,
    string IdentityHash,
    double WallSeconds,
    int Sessions,
    Dictionary<string, long> Failures,
    TState State);

/// <summary>
/// Reading and writing <see cref="EvidenceCheckpoint{TState}"/> files. The file is one JSON object,
/// <c>{"Sha256":"…","Checkpoint":{…}}</c>: the checkpoint and the SHA-256 of its exact UTF-8 bytes, so that a
/// truncated or bit-flipped file is refused instead of silently continuing from another state.
/// </summary>
public static class EvidenceCheckpoint
{
    /// <summary>Value of <see cref="EvidenceCheckpoint{TState}.Format"/>.</summary>
    public const string Format = "crinference-evidence-checkpoint/2";

    private const string Prefix = "{\"Sha256\":\"";
    private const string Middle = "\",\"Checkpoint\":";
    private const int HexLength = 64;

    /// <summary>JSON options: named floating-point literals (the states hold −∞), compact.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically and durably.</summary>
    public static void Write<TState>(string path, EvidenceCheckpoint<TState> checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        string body = JsonSerializer.Serialize(checkpoint, JsonOptions);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        AtomicFile.WriteAllText(path, Prefix + hash + Middle + body + "}", durable: true);
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/>; a damaged, foreign or other-version file is a
    /// <see cref="ChainTableException"/> (one line, naming the file).</summary>
    public static EvidenceCheckpoint<TState> Read<TState>(string path)
    {
        string text = File.ReadAllText(path);
        int bodyStart = Prefix.Length + HexLength + Middle.Length;
        if (text.Length == 0) throw new ChainTableException(path, "evidence checkpoint is empty (0 bytes)");
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < bodyStart + 1
            || string.CompareOrdinal(text, Prefix.Length + HexLength, Middle, 0, Middle.Length) != 0 || text[^1] != '}')
        {
            throw new ChainTableException(path, $"not an evidence checkpoint of this version ({Format}), or truncated");
        }
        string body = text[bodyStart..^1];
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (!string.Equals(hash, text.Substring(Prefix.Length, HexLength), StringComparison.Ordinal))
        {
            throw new ChainTableException(path, "evidence checkpoint is corrupt (checksum mismatch)");
        }
        EvidenceCheckpoint<TState>? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<EvidenceCheckpoint<TState>>(body, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ChainTableException(path, $"not a readable evidence checkpoint ({e.Message.ReplaceLineEndings(" ")})");
        }
        if (checkpoint is null || checkpoint.Format != Format || checkpoint.State is null)
        {
            throw new ChainTableException(path, $"evidence checkpoint format {checkpoint?.Format ?? "(none)"} is not supported (this build reads {Format})");
        }
        return checkpoint;
    }
}
