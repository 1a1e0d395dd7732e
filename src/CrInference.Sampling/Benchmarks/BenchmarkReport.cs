using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrInference.Sampling.Benchmarks;

/// <summary>
/// A benchmark's printed report as JSON, so that figures (medians, ratios) can be compared across commits: every
/// Markdown table of the report becomes a list of rows keyed by the column headers (numbers as numbers, other cells
/// as text), titled by the nearest heading above it, with the command line, the UTC time and the machine (logical
/// cores, the 1/5/15-minute load averages — figures taken under load are not comparable) alongside.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The JSON document for <paramref name="markdown"/> printed by <paramref name="command"/>.</summary>
    public static JsonObject ToJson(string command, string markdown, DateTime utc, int cores, double[]? loadAverages)
    {
        var tables = new JsonArray();
        foreach (var (title, header, rows) in Tables(markdown))
        {
            var list = new JsonArray();
            foreach (var row in rows)
            {
                var obj = new JsonObject();
                for (int i = 0; i < header.Length && i < row.Length; i++) obj[header[i]] = Cell(row[i]);
                list.Add(obj);
            }
            tables.Add(new JsonObject { ["title"] = title, ["rows"] = list });
        }
        var machine = new JsonObject { ["logical_cores"] = cores };
        if (loadAverages is { Length: 3 }) machine["load_average_1_5_15_min"] = new JsonArray(loadAverages[0], loadAverages[1], loadAverages[2]);
        return new JsonObject
        {
            ["command"] = command,
            ["utc"] = utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["machine"] = machine,
            ["tables"] = tables,
            ["report"] = markdown,
        };
    }

    /// <summary>Writes the JSON document (indented) to <paramref name="path"/> through a temporary file, so a reader
    /// never sees half a file.</summary>
    public static void Write(string path, JsonObject document)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Linux load averages from /proc/loadavg (null elsewhere).</summary>
    public static double[]? LoadAverages()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return [.. parts.Take(3).Select(p => double.Parse(p, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The Markdown tables of a report: (nearest heading above, header cells, data rows).</summary>
    public static IEnumerable<(string Title, string[] Header, List<string[]> Rows)> Tables(string markdown)
    {
        string title = "";
        string[]? header = null;
        List<string[]>? rows = null;
        foreach (string raw in markdown.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('#')) title = line.TrimStart('#').Trim();
            bool isRow = line.StartsWith('|') && line.EndsWith('|') && line.Length > 1;
            if (!isRow)
            {
                if (header is not null) yield return (title, header, rows!);
                header = null;
                continue;
            }
            var cells = Cells(line[1..^1]);
            if (header is null) { header = cells; rows = []; }
            else if (!cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':'))) rows!.Add(cells);
        }
        if (header is not null) yield return (title, header, rows!);
    }

    // Cells of a row without its outer pipes; "\|" is a literal pipe inside a cell (Markdown's escape).
    private static string[] Cells(string row)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|') { current.Append('|'); i++; }
            else if (row[i] == '|') { cells.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(row[i]);
        }
        cells.Add(current.ToString().Trim());
        return [.. cells];
    }

    private static JsonNode? Cell(string text)
    {
        string t = text.TrimEnd('x', '%', ' ');
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && t.Length > 0)
            return text.EndsWith('%') ? JsonValue.Create(v / 100) : JsonValue.Create(v);
        return JsonValue.Create(text);
    }
}
