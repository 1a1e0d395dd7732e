using System.Diagnostics;
using System.Text;
using CrInference.Config;
using CrInference.Config.Yaml;
using CrInference.Inference.Tests.Storage;

namespace CrInference.Inference.Tests.Config;

/// <summary>
/// Input files are hand-written and small: a file over <see cref="YamlReader.MaxFileBytes"/> is refused before it is
/// read, and a YAML alias bomb ("billion laughs": nine levels of nine aliases, 9⁹ ≈ 3.9·10⁸ nodes once expanded) is
/// refused during the first parser pass, long before anything is built; a few benign aliases are fine.
/// </summary>
public sealed class YamlLimitsTests
{
    [Fact]
    public void AliasBomb_IsRefusedAtTheLineWhereTheExpansionPassesTheLimit()
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        string previous = "a";
        foreach (char name in "bcdefghi")
        {
            text.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(", ", Enumerable.Repeat($"*{previous}", 9))).Append("]\n");
            previous = name.ToString();
        }
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ConfigException>(() => YamlReader.ParseMapping("bomb.yaml", text.ToString()));

        // a … e expand to 10, 91, 820, 7 381 and 66 430 nodes (n_k = 1 + 9 n_(k-1)): 74 740 with the keys and the root by
        // f's list on line 6, whose first alias (of e) passes 10⁵.
        Assert.Equal("bomb.yaml:6: f[0]: aliases expand the document to more than 100000 nodes (an alias bomb?); write the values out", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "refused, not expanded");
    }

    [Fact]
    public void BenignAliases_AreRead()
    {
        var map = YamlReader.ParseMapping("ok.yaml", "base: &ball { mean: 1, sigma: 0.5 }\nx: *ball\ny: *ball\n");

        Assert.Equal(1, map.RequireMapping("y").RequireNumber("mean"));
    }

    [Fact]
    public void FileOverTheLimit_IsRefusedBeforeItIsRead()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("big.yaml");
        using (var stream = File.Create(path)) stream.SetLength(YamlReader.MaxFileBytes + 1);

        var error = Assert.Throws<ConfigException>(() => YamlReader.LoadMapping(path));

        Assert.Equal($"{path}:1: (file): file is 1048577 bytes; input files are limited to 1048576 bytes (1 MiB)", error.Message);
    }
}
