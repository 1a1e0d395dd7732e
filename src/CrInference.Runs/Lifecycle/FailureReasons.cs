using System.Text.RegularExpressions;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// Groups likelihood failure reasons that differ only in the numbers they quote (e.g. "kappa_turb is not
/// finite at R = 12.3 GV" and "… at R = 45.6 GV"), so that tallies stay short and "the most common reason"
/// means something: every free-standing number becomes "…". Digits inside names (<c>lambda_1</c>,
/// <c>ams02-p-2015</c>, <c>12C</c>) are kept.
/// </summary>
public static partial class FailureReasons
{
    /// <summary>The reason with its free-standing numbers replaced by "…".</summary>
    public static string Normalise(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Number().Replace(reason, "…");
    }

    /// <summary>Counts grouped by <see cref="Normalise"/>, most frequent first.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> Group(IEnumerable<KeyValuePair<string, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var grouped = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in counts)
        {
            string key = Normalise(reason);
            grouped[key] = grouped.GetValueOrDefault(key) + count;
        }
        return [.. grouped.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"(?<![\w.\-])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
