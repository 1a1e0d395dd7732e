using System.Collections.Concurrent;

namespace CrInference.Posterior;

/// <summary>Thread-safe tally of why likelihood evaluations returned −∞ (reason → count).</summary>
public sealed class FailureCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string reason) => _counts.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public long Total => _counts.Values.Sum();

    /// <summary>Reasons with their counts, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
}
