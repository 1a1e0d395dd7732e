using CrInference.Plotting;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Runs.Reports;

/// <summary>
/// The integrated autocorrelation time of each parameter of any sample table with walker and step columns
/// (<c>chain</c>, <c>draw</c>), ours or another tool's, for <c>crinf trace</c> (<see cref="Autocorrelation"/>).
/// </summary>
public static class TableAutocorrelation
{
    /// <summary>τ per parameter from a table with <c>chain</c> (walker) and <c>draw</c> (step) columns.</summary>
    public static IReadOnlyDictionary<string, double> Times(SampleTable table, IReadOnlyList<string> names, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(names);
        if (!table.HasColumn("chain") || !table.HasColumn("draw"))
        {
            throw new UserInputException($"{source}: trace needs the chain and draw columns (walker and step index)");
        }
        var chain = table.GetColumn("chain").Values;
        var draw = table.GetColumn("draw").Values;
        int walkers = (int)chain.Max() + 1;
        long first = (long)draw.Min();
        int steps = (int)((long)draw.Max() - first + 1);
        if ((long)walkers * steps != table.RowCount)
        {
            throw new UserInputException($"{source}: expected one row per (chain, draw): {walkers} walkers × {steps} draws ≠ {table.RowCount} rows");
        }
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var values = table.GetColumn(name).Values;
            var series = new double[table.RowCount];
            for (int row = 0; row < values.Length; row++)
            {
                long t = (long)draw[row] - first;
                series[t * walkers + (int)chain[row]] = values[row];
            }
            result[name] = Autocorrelation.IntegratedTime(series, walkers, 1, 0).Tau;
        }
        return result;
    }
}
