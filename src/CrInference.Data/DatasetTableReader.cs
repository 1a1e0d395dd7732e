using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrInference.Data;

/// <summary>
/// Reads one table of a <see cref="TableLayout"/> and validates every field. A problem is reported as one line
/// <c>PATH:LINE: column K (NAME): what is wrong</c> (<see cref="DataFormatException"/>): missing, extra or renamed
/// columns, a repeated header, a row with the wrong number of fields, a field that is not a finite number, a
/// negative error, a non-positive value or axis, reversed bin edges, bins out of order or overlapping, an empty
/// file or a header without rows. A UTF-8 byte-order mark is accepted. Quotes are not special (the tables have none).
/// </summary>
internal sealed class DatasetTableReader
{
    private readonly string _path;
    private readonly TableLayout _layout;
    private readonly TableRounding _rounding;
    private readonly Dataset? _reference;

    /// <param name="path">The file.</param>
    /// <param name="layout">Its expected layout.</param>
    /// <param name="rounding">How its source printed numbers (sets <see cref="DataPoint.LastPrintedDigit"/>).</param>
    /// <param name="reference">For a table that replaces a bundled one (mock data): the bundled dataset. The rows must
    /// keep its bins; the printed digits are taken from it; values may be ≤ 0 (a Gaussian draw can be).</param>
    public DatasetTableReader(string path, TableLayout layout, TableRounding rounding, Dataset? reference)
    {
        _path = path;
        _layout = layout;
        _rounding = rounding;
        _reference = reference;
    }

    /// <summary>The points and the text of the table.</summary>
    public (ImmutableArray<DataPoint> Points, SourceTable Table) Read()
    {
        if (!File.Exists(_path)) throw new DataFormatException($"{_path}: data file not found");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Mode = CsvMode.NoEscape,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };
        var points = ImmutableArray.CreateBuilder<DataPoint>();
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        string[]? header = null;
        try
        {
            using var reader = new StreamReader(_path, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, config);
            while (parser.Read())
            {
                string[] fields = parser.Record ?? [];
                int line = parser.RawRow;
                if (header is null)
                {
                    CheckHeader(fields, line);
                    header = fields;
                    continue;
                }
                var point = ParseRow(fields, line, points.Count == 0 ? null : points[^1], points.Count);
                points.Add(point);
                rows.Add([.. fields]);
            }
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{_path}: cannot read ({e.Message})");
        }
        if (header is null) throw Fail(1, 0, $"empty file (expected the header {string.Join(",", _layout.Columns)})");
        if (points.Count == 0) throw Fail(2, 0, "no data rows after the header");
        if (_reference is not null && points.Count != _reference.Points.Length)
        {
            throw Fail(2, 0, $"{points.Count} data rows, but the bundled table {_reference.FileName} has {_reference.Points.Length} (a replacement table keeps every bundled row)");
        }
        return (points.ToImmutable(), new SourceTable([.. header], rows.ToImmutable(), _layout.ValueColumn));
    }

    private DataFormatException Fail(int line, int column, string problem)
    {
        string where = column < _layout.Columns.Length ? $"column {column + 1} ({_layout.Columns[column]})" : $"column {column + 1}";
        return new DataFormatException($"{_path}:{line}: {where}: {problem}");
    }

    private void CheckHeader(string[] fields, int line)
    {
        string[] expected = _layout.Columns;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < fields.Length; c++)
        {
            if (seen.TryGetValue(fields[c], out int first))
            {
                throw Fail(line, c, $"duplicate column name '{fields[c]}' (also column {first + 1})");
            }
            seen[fields[c]] = c;
        }
        for (int c = 0; c < Math.Max(expected.Length, fields.Length); c++)
        {
            if (c >= fields.Length) throw Fail(line, c, $"missing column (the header must be {string.Join(",", expected)})");
            if (c >= expected.Length) throw Fail(line, c, $"unexpected extra column '{fields[c]}' (the header must be {string.Join(",", expected)})");
            if (!string.Equals(fields[c], expected[c], StringComparison.Ordinal))
            {
                string hint = double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? " (the header row is missing)" : "";
                throw Fail(line, c, $"expected header '{expected[c]}', found '{fields[c]}'{hint}");
            }
        }
    }

    private DataPoint ParseRow(string[] fields, int line, DataPoint? previous, int index)
    {
        if (fields.Length > 0 && string.Equals(fields[0], _layout.Columns[0], StringComparison.Ordinal))
        {
            throw Fail(line, 0, "repeated header row");
        }
        if (fields.Length != _layout.Columns.Length)
        {
            int column = Math.Min(fields.Length, _layout.Columns.Length);
            throw Fail(line, column, $"expected {_layout.Columns.Length} fields, found {fields.Length}");
        }
        double Field(int c, bool positive, bool signed = false)
        {
            string text = fields[c];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw Fail(line, c, $"not a finite number ('{text}')");
            }
            if (!signed && (positive ? !(v > 0) : v < 0))
            {
                throw Fail(line, c, $"must be {(positive ? "> 0" : ">= 0")} (got {text})");
            }
            return v;
        }
        double centre, axisStart;
        double? low = null, high = null;
        if (_layout.HasBinEdges)
        {
            low = Field(0, true);
            high = Field(1, true);
            if (!(high > low)) throw Fail(line, 1, $"upper bin edge must exceed the lower one (got {fields[0]}, {fields[1]})");
            if (previous?.BinHigh is double previousHigh && low < previousHigh)
            {
                throw Fail(line, 0, $"bin starts at {fields[0]}, below the end of the previous bin ({previousHigh.ToString("R", CultureInfo.InvariantCulture)}): bins must be sorted and must not overlap");
            }
            centre = Math.Sqrt(low.Value * high.Value);
            axisStart = low.Value;
        }
        else
        {
            centre = Field(0, true) * _layout.AxisScale;
            if (previous is not null && !(centre > previous.Centre))
            {
                throw Fail(line, 0, $"{fields[0]} does not exceed the previous row's value: rows must be sorted without repeats");
            }
            axisStart = centre;
        }
        double value = Field(_layout.ValueColumn, positive: true, signed: _reference is not null);
        double stat = Field(_layout.StatColumn, false);
        double sys = Field(_layout.SysColumn, false);
        var components = _layout.SysComponentColumns.Select(c => Field(c, false)).ToImmutableArray();
        double digit = ReferenceDigit(line, index, centre, axisStart) ?? PrintedDigits.LastDigit(value, _rounding);
        return new DataPoint(centre, low, high, value, stat, sys) { LastPrintedDigit = digit, SysComponents = components };
    }

    /// <summary>For a replacement table: the bundled row's printed digit, after checking the row keeps its bin.</summary>
    private double? ReferenceDigit(int line, int index, double centre, double axisStart)
    {
        if (_reference is null) return null;
        if (index >= _reference.Points.Length)
        {
            throw Fail(line, 0, $"row {index + 1} is beyond the {_reference.Points.Length} rows of the bundled table {_reference.FileName}");
        }
        var bundled = _reference.Points[index];
        double bundledStart = bundled.BinLow ?? bundled.Centre;
        if (!(Math.Abs(centre - bundled.Centre) <= 1e-12 * bundled.Centre && Math.Abs(axisStart - bundledStart) <= 1e-12 * bundledStart))
        {
            throw Fail(line, 0, $"bin differs from row {index + 1} of the bundled table {_reference.FileName} (centre {centre:G6} vs {bundled.Centre:G6}): a replacement table keeps the bundled bins");
        }
        return bundled.LastPrintedDigit;
    }
}
