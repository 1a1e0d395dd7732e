namespace CrInference.Plotting.Tests;

public sealed class FormattingTests
{
    [Fact]
    public void SummaryText_TwoSignificantDigitsOnSmallerError()
    {
        // 0.452 +0.031 −0.024: the smaller error 0.024 has two significant digits at 3 decimals.
        Assert.Equal("0.452⁺⁰·⁰³¹₋₀.₀₂₄", SummaryText.Format(new MarginalSummary(0.428, 0.452, 0.483)));
    }

    [Fact]
    public void SummaryText_LargeValue_CommonPowerOfTen() =>
        Assert.Equal("(2.31⁺⁰·¹²₋₀.₁₀)×10²⁸", SummaryText.Format(new MarginalSummary(2.21e28, 2.31e28, 2.43e28)));

    [Fact]
    public void SummaryText_NegativeMedian_UnicodeMinus() =>
        Assert.Equal("−3.0⁺²·⁰₋₂.₁", SummaryText.Format(new MarginalSummary(-5.1, -3.0, -1.0)));

    [Fact]
    public void SummaryText_ConstantColumn_JustTheValue() =>
        Assert.Equal("3", SummaryText.Format(new MarginalSummary(3, 3, 3)));

    [Fact]
    public void AxisTicks_Linear_NiceStepsAndUniformDecimals()
    {
        AxisTicks ticks = AxisTicks.Linear(0.34, 0.56, 4);

        Assert.Equal(["0.35", "0.40", "0.45", "0.50", "0.55"], ticks.Labels);
    }

    [Fact]
    public void AxisTicks_Linear_NegativeValuesUseUnicodeMinus() =>
        Assert.Equal(["−2", "−1", "0", "1", "2"], AxisTicks.Linear(-2.4, 2.4, 5).Labels);

    [Fact]
    public void AxisTicks_Log_DecadesAsPowersOfTen()
    {
        AxisTicks ticks = AxisTicks.Log(-1.2, 3.3);

        Assert.Equal([-1.0, 0, 1, 2, 3], ticks.Major);
        Assert.Equal(["10⁻¹", "10⁰", "10¹", "10²", "10³"], ticks.Labels);
        Assert.Contains(Math.Log10(2), ticks.Minor);
    }

    [Fact]
    public void AxisTicks_Log_ShortAxisLabelsTwoAndFive() =>
        Assert.Equal(["0.02", "0.05", "0.1", "0.2", "0.5"], AxisTicks.Log(Math.Log10(0.015), Math.Log10(0.6)).Labels);
}
