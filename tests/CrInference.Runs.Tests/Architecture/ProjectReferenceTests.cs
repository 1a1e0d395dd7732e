using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrInference.Runs.Tests.Architecture;

/// <summary>
/// The project graph is the one <c>docs/ARCHITECTURE.md</c> draws: every <c>src/*/*.csproj</c>'s
/// <c>ProjectReference</c>s and <c>PackageReference</c>s equal its row of the table there, and every project
/// has a row. A reference added or removed without the document (or the reverse) fails here.
/// </summary>
public sealed partial class ProjectReferenceTests
{
    [Fact]
    public void ProjectFiles_References_EqualTheArchitectureTable()
    {
        var table = ArchitectureTable();
        var projects = Directory.GetFiles(TestRepository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => p, StringComparer.Ordinal);

        Assert.Equal(projects.Keys.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
        var problems = new List<string>();
        foreach (var (name, path) in projects)
        {
            var (projectRefs, packageRefs) = References(path);
            var (expectedProjects, expectedPackages) = table[name];
            if (!projectRefs.SetEquals(expectedProjects))
            {
                problems.Add($"{name}: project references {Show(projectRefs)}, table {Show(expectedProjects)}");
            }
            if (!packageRefs.SetEquals(expectedPackages))
            {
                problems.Add($"{name}: packages {Show(packageRefs)}, table {Show(expectedPackages)}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ArchitectureTable_Layers_ReferenceOnlyDownwards()
    {
        var table = ArchitectureTable();

        // Physics never sees sampling or storage; sampling never sees physics; Config and Core stay small.
        Assert.DoesNotContain("CrInference.Sampling", table["CrInference.Physics"].Projects);
        Assert.DoesNotContain("CrInference.Physics", table["CrInference.Sampling"].Projects);
        Assert.Empty(table["CrInference.Core"].Projects);
        Assert.Equal(["CrInference.Core"], table["CrInference.Config"].Projects);
        Assert.DoesNotContain(table, row => row.Key != "CrInference.Cli" && row.Value.Projects.Contains("CrInference.Runs"));
    }

    /// <summary>The table of docs/ARCHITECTURE.md: project → (project references, packages), full project names.</summary>
    private static Dictionary<string, (HashSet<string> Projects, HashSet<string> Packages)> ArchitectureTable()
    {
        var rows = new Dictionary<string, (HashSet<string>, HashSet<string>)>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(TestRepository.PathOf("docs/ARCHITECTURE.md")))
        {
            var match = TableRow().Match(line);
            if (!match.Success) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 4, $"docs/ARCHITECTURE.md: a project row needs 4 cells: {line}");
            var projects = Names(cells[2]).Select(n => "CrInference." + n);
            rows.Add(match.Groups[1].Value, ([.. projects], [.. Names(cells[3])]));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    private static IEnumerable<string> Names(string cell) =>
        cell is "–" or "-" or "" ? [] : cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static (HashSet<string> Projects, HashSet<string> Packages) References(string csproj)
    {
        var document = XDocument.Load(csproj);
        var projects = document.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
            .ToHashSet(StringComparer.Ordinal);
        var packages = document.Descendants("PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToHashSet(StringComparer.Ordinal);
        return (projects, packages);
    }

    private static string Show(IEnumerable<string> names) => "[" + string.Join(", ", names.Order(StringComparer.Ordinal)) + "]";

    [GeneratedRegex(@"^\|\s*`(CrInference\.[A-Za-z.]+)`\s*\|")]
    private static partial Regex TableRow();
}
