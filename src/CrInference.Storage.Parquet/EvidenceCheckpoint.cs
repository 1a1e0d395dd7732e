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

/// <summary>Reading and writing <see cref="EvidenceCheckpoint{TState}"/> files.</summary>
public static class EvidenceCheckpoint
{
    /// <summary>Value of <see cref="EvidenceCheckpoint{TState}.Format"/>.</summary>
    public const string Format = "crinference-evidence-checkpoint/1";

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
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(checkpoint, JsonOptions), durable: true);
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/>; a damaged or foreign file is a <see cref="ChainTableException"/>.</summary>
    public static EvidenceCheckpoint<TState> Read<TState>(string path)
    {
        EvidenceCheckpoint<TState>? checkpoint;
        try
        {
            using var stream = File.OpenRead(path);
            checkpoint = JsonSerializer.Deserialize<EvidenceCheckpoint<TState>>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ChainTableException(path, $"not a readable evidence checkpoint ({e.Message})");
        }
        if (checkpoint is null || checkpoint.Format != Format || checkpoint.State is null)
        {
            throw new ChainTableException(path, $"not an evidence checkpoint of this version ({Format})");
        }
        return checkpoint;
    }
}
