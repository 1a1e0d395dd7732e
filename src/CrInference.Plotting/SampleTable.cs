using System.Globalization;
using CrInference.Storage.Parquet;

namespace CrInference.Plotting;

/// <summary>
/// The plotting layer's input: a plain column table of samples, as read from any chain file.
/// Columns are named <c>double[]</c> of equal length, with optional per-row weights and optional
/// label/unit metadata per column. Plotting never sees sampler objects.
/// </summary>
/// <remarks>
/// <para>Weights: the explicit <c>weights</c> argument if given, otherwise the <c>weight</c>
/// column if the table has one, otherwise every row weighs 1. Weights must be finite and
/// non-negative.</para>
/// <para>Columns the table layer found but could not read as numbers are listed in
/// <see cref="NonNumericColumns"/> (name → type), so that asking for one gives a
/// <see cref="PlotInputException"/> that says so instead of "not found".</para>
/// <para>The type is immutable: <see cref="WithBurnIn"/>, <see cref="Thinned"/> and
/// <see cref="WithoutNonFinite"/> return new tables that share no mutable state with this one.</para>
/// </remarks>
public sealed class SampleTable
{
    private readonly Dictionary<string, SampleColumn> _byName;

    /// <summary>Creates a table; throws <see cref="PlotInputException"/> on inconsistent input.</summary>
    /// <param name="columns">The numeric columns, in display order; names must be unique.</param>
    /// <param name="source">File path or description used in messages and as the default legend name.</param>
    /// <param name="weights">Per-row weights, or null to use the <c>weight</c> column if present.</param>
    /// <param name="nonNumericColumns">Columns present in the source but not numeric: name → type name.</param>
    public SampleTable(
        IEnumerable<SampleColumn> columns,
        string source = "table",
        double[]? weights = null,
        IReadOnlyDictionary<string, string>? nonNumericColumns = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Source = source;
        Columns = [.. columns];
        NonNumericColumns = nonNumericColumns ?? new Dictionary<string, string>();
        _byName = new Dictionary<string, SampleColumn>(StringComparer.Ordinal);
        foreach (SampleColumn column in Columns)
        {
            if (!_byName.TryAdd(column.Name, column))
            {
                throw new PlotInputException($"{source}: column '{column.Name}' appears twice");
            }
        }

        RowCount = Columns.Count == 0 ? 0 : Columns[0].Values.Length;
        foreach (SampleColumn column in Columns)
        {
            if (column.Values.Length != RowCount)
            {
                throw new PlotInputException(
                    $"{source}: column '{column.Name}' has {column.Values.Length} rows, expected {RowCount}");
            }
        }

        Weights = weights ?? (_byName.TryGetValue(ChainColumnNames.Weight, out SampleColumn? w) ? w.Values : null);
        if (Weights is not null)
        {
            if (Weights.Length != RowCount)
            {
                throw new PlotInputException($"{source}: {Weights.Length} weights for {RowCount} rows");
            }

            for (int i = 0; i < Weights.Length; i++)
            {
                if (!double.IsFinite(Weights[i]) || Weights[i] < 0)
                {
                    throw new PlotInputException(string.Create(
                        CultureInfo.InvariantCulture, $"{source}: weight of row {i} is {Weights[i]}, expected a finite value >= 0"));
                }
            }
        }
    }

    /// <summary>File path or description, used in error messages and as the default legend name.</summary>
    public string Source { get; }

    /// <summary>The numeric columns in display order, bookkeeping columns included.</summary>
    public IReadOnlyList<SampleColumn> Columns { get; }

    /// <summary>Columns present in the source but not numeric: name → type name.</summary>
    public IReadOnlyDictionary<string, string> NonNumericColumns { get; }

    /// <summary>Per-row weights, or null when every row weighs 1.</summary>
    public double[]? Weights { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Names of the numeric columns that are not bookkeeping (see <see cref="ChainColumnNames.IsBookkeeping"/>), in order.</summary>
    public IReadOnlyList<string> ParameterNames =>
        [.. Columns.Where(c => !ChainColumnNames.IsBookkeeping(c.Name)).Select(c => c.Name)];

    /// <summary>Whether a numeric column with this name exists.</summary>
    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// The numeric column with this name; throws <see cref="PlotInputException"/> naming the
    /// source and the column when it is missing or not numeric.
    /// </summary>
    public SampleColumn GetColumn(string name)
    {
        if (_byName.TryGetValue(name, out SampleColumn? column))
        {
            return column;
        }

        if (NonNumericColumns.TryGetValue(name, out string? typeName))
        {
            throw PlotInputException.NonNumericColumn(Source, name, typeName);
        }

        throw PlotInputException.MissingColumn(Source, name, Columns.Select(c => c.Name).Concat(NonNumericColumns.Keys));
    }

    /// <summary>
    /// Drops the burn-in. With a <c>draw</c> column, rows with <c>draw &lt; burnIn</c> go; without
    /// one, the first <paramref name="burnIn"/> rows of each chain (by <c>chain</c> column, or of the
    /// whole table when there is none) go.
    /// </summary>
    public SampleTable WithBurnIn(long burnIn)
    {
        if (burnIn < 0)
        {
            throw new PlotInputException($"{Source}: burn-in must be >= 0, got {burnIn}");
        }

        if (burnIn == 0)
        {
            return this;
        }

        double[] draws = DrawIndex();
        return SelectRows(i => draws[i] >= burnIn);
    }

    /// <summary>
    /// Keeps every <paramref name="stride"/>-th draw. With a <c>draw</c> column the stride applies to
    /// draws (<c>(draw − first draw) mod stride = 0</c>), so every walker keeps its samples even when
    /// rows interleave walkers; without one it is a plain row stride.
    /// </summary>
    public SampleTable Thinned(int stride)
    {
        if (stride < 1)
        {
            throw new PlotInputException(string.Create(CultureInfo.InvariantCulture, $"{Source}: thinning stride must be >= 1, got {stride}"));
        }

        if (stride == 1)
        {
            return this;
        }

        if (_byName.TryGetValue(ChainColumnNames.Draw, out SampleColumn? draw))
        {
            double first = draw.Values.Length == 0 ? 0 : draw.Values.Min();
            return SelectRows(i => (long)(draw.Values[i] - first) % stride == 0);
        }

        return SelectRows(i => i % stride == 0);
    }

    /// <summary>Drops rows where any of the named columns is NaN or infinite (and rows of zero weight).</summary>
    public SampleTable WithoutNonFinite(IReadOnlyList<string> names)
    {
        double[][] selected = [.. names.Select(n => GetColumn(n).Values)];
        return SelectRows(i =>
        {
            if (Weights is not null && Weights[i] <= 0)
            {
                return false;
            }

            foreach (double[] values in selected)
            {
                if (!double.IsFinite(values[i]))
                {
                    return false;
                }
            }

            return true;
        });
    }

    /// <summary>
    /// Draw index of every row: the <c>draw</c> column, or the row's position within its chain
    /// (by the <c>chain</c> column, or within the whole table when there is none).
    /// </summary>
    public double[] DrawIndex()
    {
        if (_byName.TryGetValue(ChainColumnNames.Draw, out SampleColumn? draw))
        {
            return draw.Values;
        }

        var result = new double[RowCount];
        if (_byName.TryGetValue(ChainColumnNames.Chain, out SampleColumn? chain))
        {
            var seen = new Dictionary<double, int>();
            for (int i = 0; i < RowCount; i++)
            {
                seen.TryGetValue(chain.Values[i], out int k);
                result[i] = k;
                seen[chain.Values[i]] = k + 1;
            }
        }
        else
        {
            for (int i = 0; i < RowCount; i++)
            {
                result[i] = i;
            }
        }

        return result;
    }

    private SampleTable SelectRows(Func<int, bool> keep)
    {
        var rows = new List<int>(RowCount);
        for (int i = 0; i < RowCount; i++)
        {
            if (keep(i))
            {
                rows.Add(i);
            }
        }

        if (rows.Count == RowCount)
        {
            return this;
        }

        static double[] Pick(double[] values, List<int> rows)
        {
            var picked = new double[rows.Count];
            for (int k = 0; k < rows.Count; k++)
            {
                picked[k] = values[rows[k]];
            }

            return picked;
        }

        var columns = Columns.Select(c => c with { Values = Pick(c.Values, rows) }).ToList();
        double[]? weights = Weights is null ? null : Pick(Weights, rows);
        return new SampleTable(columns, Source, weights, NonNumericColumns);
    }
}
