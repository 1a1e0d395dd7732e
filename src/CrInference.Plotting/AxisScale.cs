namespace CrInference.Plotting;

/// <summary>
/// Linear or base-10 logarithmic axis. ScottPlot 5 has no logarithmic axis type, so data are
/// plotted in log₁₀ units with tick labels written as 10ⁿ (<see cref="AxisTicks.Log"/>).
/// </summary>
internal readonly record struct AxisScale(bool Logarithmic)
{
    /// <summary>Data value to plot coordinate; NaN for non-positive values on a log axis.</summary>
    public double ToPlot(double value) => !Logarithmic ? value : value > 0 ? Math.Log10(value) : double.NaN;

    /// <summary>Plot coordinate to data value.</summary>
    public double FromPlot(double coordinate) => Logarithmic ? Math.Pow(10, coordinate) : coordinate;

    /// <summary>Ticks for plot coordinates [min, max].</summary>
    public AxisTicks Ticks(double min, double max, int target) =>
        Logarithmic ? AxisTicks.Log(min, max) : AxisTicks.Linear(min, max, target);

    /// <summary>
    /// Plot-coordinate range of the finite transformed values, padded by <paramref name="padding"/>
    /// of the span on each side; (0, 1) when there are none.
    /// </summary>
    public (double Min, double Max) Range(IEnumerable<double> values, double padding)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            double c = ToPlot(v);
            if (double.IsFinite(c))
            {
                lo = Math.Min(lo, c);
                hi = Math.Max(hi, c);
            }
        }

        if (!double.IsFinite(lo))
        {
            return (0, 1);
        }

        double span = hi > lo ? hi - lo : Math.Max(Math.Abs(lo), 1) * 0.1;
        return (lo - (padding * span), hi + (padding * span));
    }
}
