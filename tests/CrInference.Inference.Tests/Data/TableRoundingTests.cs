using CrInference.Data;

namespace CrInference.Inference.Tests.Data;

/// <summary>
/// The printed precision behind the zero-statistical-error floor (data/README.md: AMS tables print
/// (v.vvv ± s.sss ± y.yyy) × 10ⁿ, so an error shown as 0 is below half of 10^(n−3)).
/// </summary>
public sealed class TableRoundingTests
{
    [Theory]
    [InlineData(1000.0, 3)]
    [InlineData(999.9, 2)]
    [InlineData(1.0, 0)]
    [InlineData(0.001, -3)]
    [InlineData(0.0468, -2)]
    [InlineData(9.999999999999999, 0)]
    public void Decade_IsFloorOfLog10_ExactAtPowersOfTen(double value, int decade)
    {
        Assert.Equal(decade, PrintedDigits.Decade(value));
    }

    [Theory]
    [InlineData(257.1, 0.1)]     // ams02-p-2021, 3.29-3.64 GV: (2.571 ± 0.000 ± 0.028) × 10²
    [InlineData(26.79, 0.01)]    // ams02-p-2021, 9.26-10.1 GV: (2.679 ± 0.000 ± 0.027) × 10¹
    [InlineData(1.628, 0.001)]   // ams02-p-2021, 26.7-28.8 GV: (1.628 ± 0.000 ± 0.015) × 10⁰
    [InlineData(0.2867, 0.0001)] // ams02-bc-2021, first bin: (2.867 ± 0.013 ± 0.159) × 10⁻¹
    public void LastDigit_IsTenToTheDecadeMinusThree(double value, double digit)
    {
        Assert.Equal(digit, PrintedDigits.LastDigit(value, TableRounding.SharedExponentThreeDecimals), 15);
        Assert.Equal(0, PrintedDigits.LastDigit(value, TableRounding.Unknown));
    }

    /// <summary>The assumption behind <see cref="TableRounding.SharedExponentThreeDecimals"/>, checked on every row:
    /// value, statistical and systematic error are integer multiples of the row's 10^(n−3).</summary>
    [Theory]
    [InlineData("ams02-p-2015", 72)]
    [InlineData("ams02-p-2021", 72)]
    [InlineData("ams02-bc-2016-ekn", 67)]
    [InlineData("ams02-bc-2021", 67)]
    public void AmsTables_EveryNumberIsOnTheGridOfItsRow(string id, int rows)
    {
        var dataset = BundledData.Load(id);

        Assert.Equal(TableRounding.SharedExponentThreeDecimals, dataset.Rounding);
        Assert.Equal(rows, dataset.Points.Length);
        foreach (var p in dataset.Points)
        {
            Assert.True(p.LastPrintedDigit > 0);
            Assert.True(PrintedDigits.IsMultipleOf(p.Value, p.LastPrintedDigit), $"{id} value {p.Value}");
            Assert.True(PrintedDigits.IsMultipleOf(p.StatError, p.LastPrintedDigit), $"{id} stat {p.StatError}");
            Assert.True(PrintedDigits.IsMultipleOf(p.SysError, p.LastPrintedDigit), $"{id} sys {p.SysError}");
        }
    }

    [Fact]
    public void TablesWithOwnDigits_WouldFailTheSharedGrid()
    {
        // Carbon (SSDC) row 1: flux 1.434 but stat 0.003849 — a fourth decimal, so that table is not of the shared
        // form and its rounding is declared unknown; it has no zero error to floor.
        var carbon = BundledData.Load("ams02-c-2017");

        Assert.Equal(TableRounding.Unknown, carbon.Rounding);
        Assert.False(PrintedDigits.IsMultipleOf(carbon.Points[0].StatError, PrintedDigits.LastDigit(carbon.Points[0].Value, TableRounding.SharedExponentThreeDecimals)));
        Assert.All(carbon.Points, p => Assert.True(p.StatError > 0));
        Assert.All(BundledData.Load("voyager1-h-2016").Points, p => Assert.True(p.StatError > 0));
    }

    [Fact]
    public void ZeroStatRows_AreTheOnesTheReadmeCounts()
    {
        // data/README.md: stat_err is 0.0 in 3 bins of the 2015 proton table and 13 of the 2021 one.
        Assert.Equal(3, BundledData.Load("ams02-p-2015").Points.Count(p => p.StatError == 0));
        Assert.Equal(13, BundledData.Load("ams02-p-2021").Points.Count(p => p.StatError == 0));
        Assert.Equal(0, BundledData.Load("ams02-bc-2021").Points.Count(p => p.StatError == 0));
    }
}
