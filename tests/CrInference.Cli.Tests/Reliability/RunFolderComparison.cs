using System.Text.Json.Nodes;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// "The same bytes as an uninterrupted run", for a whole run folder: the same file names, and every file byte for
/// byte, except the records of wall time, which no two runs share — <c>timing</c> (and <c>wall_seconds</c>) in
/// <c>summary.json</c> and <c>evidence.json</c>, and the <c>| Cost |</c> row of <c>summary.md</c>.
/// </summary>
internal static class RunFolderComparison
{
    /// <summary>The first difference between <paramref name="expected"/> and <paramref name="actual"/>, or null.</summary>
    public static string? Difference(string expected, string actual)
    {
        var want = Files(expected);
        var have = Files(actual);
        if (!want.SequenceEqual(have, StringComparer.Ordinal))
        {
            return $"files differ: expected [{string.Join(", ", want)}], found [{string.Join(", ", have)}]";
        }
        foreach (string file in want)
        {
            string a = Path.Combine(expected, file), b = Path.Combine(actual, file);
            bool same = Path.GetFileName(file) switch
            {
                "summary.json" or "evidence.json" => WithoutTiming(a) == WithoutTiming(b),
                "summary.md" => WithoutCostRow(a) == WithoutCostRow(b),
                _ => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)),
            };
            if (!same) return $"{file} differs";
        }
        return null;
    }

    /// <summary>Files below <paramref name="folder"/>, relative, sorted.</summary>
    public static List<string> Files(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)]
            : [];

    private static string WithoutTiming(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("timing");
        json.Remove("wall_seconds");
        return json.ToJsonString();
    }

    private static string WithoutCostRow(string path) =>
        string.Join('\n', File.ReadAllLines(path).Where(l => !l.StartsWith("| Cost |", StringComparison.Ordinal)));
}
