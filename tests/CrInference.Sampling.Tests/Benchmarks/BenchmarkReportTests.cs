using CrInference.Sampling.Benchmarks;

namespace CrInference.Sampling.Tests.Benchmarks;

public sealed class BenchmarkReportTests
{
    private const string Report = """
        ## Speed of something

        | variant | median ms | share | median \|Δ\|/σ | note |
        |---|---:|---|---|---|
        | exact | 2.07 | 22.0 % | 0.71 | a \| b |
        | provider | 1.50 | 5 % | NaN | |

        trailing text
        """;

    [Fact]
    public void Tables_BecomeRowsKeyedByHeaders_WithNumbersAndEscapedPipes()
    {
        var json = BenchmarkReport.ToJson("crinf bench x", Report, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), 2, [1.5, 1.0, 0.5]);
        Assert.Equal("2026-01-02T03:04:05Z", (string?)json["utc"]);
        Assert.Equal(2, (int)json["machine"]!["logical_cores"]!);
        Assert.Equal(1.5, (double)json["machine"]!["load_average_1_5_15_min"]![0]!);
        var tables = json["tables"]!.AsArray();
        Assert.Single(tables);
        Assert.Equal("Speed of something", (string?)tables[0]!["title"]);
        var rows = tables[0]!["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal("exact", (string?)rows[0]!["variant"]);
        Assert.Equal(2.07, (double)rows[0]!["median ms"]!);
        Assert.Equal(0.22, (double)rows[0]!["share"]!, 12);
        Assert.Equal(0.71, (double)rows[0]!["median |Δ|/σ"]!);
        Assert.Equal("a | b", (string?)rows[0]!["note"]);
        Assert.Equal("NaN", (string?)rows[1]!["median |Δ|/σ"]);
        Assert.Equal(Report, (string?)json["report"]);
    }
}
