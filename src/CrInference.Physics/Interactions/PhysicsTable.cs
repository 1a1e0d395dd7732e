using System.Globalization;

namespace CrInference.Physics.Interactions;

/// <summary>
/// A comma-separated table of <c>data/</c> embedded in this assembly (provenance in <c>data/README.md</c>): a header
/// line, then one record per line. Read once per table; a malformed table is a build defect and throws.
/// </summary>
internal sealed class PhysicsTable
{
    private readonly Dictionary<string, int> _columns;

    private PhysicsTable(string name, string[] header, List<string[]> rows)
    {
        Name = name;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        Rows = rows;
    }

    /// <summary>File name of the table in <c>data/</c>.</summary>
    public string Name { get; }

    /// <summary>The records (fields as text).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads the embedded table <paramref name="fileName"/>.</summary>
    public static PhysicsTable Load(string fileName)
    {
        using var stream = typeof(PhysicsTable).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"physics table {fileName} is not embedded (see CrInference.Physics.csproj)");
        using var reader = new StreamReader(stream);
        string[] header = (reader.ReadLine() ?? throw new InvalidDataException($"{fileName}: empty")).Split(',');
        var rows = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != header.Length) throw new InvalidDataException($"{fileName}: line {rows.Count + 2} has {fields.Length} fields, expected {header.Length}");
            rows.Add(fields);
        }
        return new PhysicsTable(fileName, header, rows);
    }

    /// <summary>Field <paramref name="column"/> of <paramref name="row"/> as text.</summary>
    public string Text(string[] row, string column) => row[Column(column)];

    /// <summary>Field <paramref name="column"/> of <paramref name="row"/> as a number.</summary>
    public double Number(string[] row, string column) => double.Parse(row[Column(column)], NumberStyles.Float, CultureInfo.InvariantCulture);

    private int Column(string column) =>
        _columns.TryGetValue(column, out int i) ? i : throw new InvalidDataException($"{Name}: no column {column}");
}

/// <summary>
/// A function tabulated at increasing abscissae x (here ln E_k/n or ln R), read by linear interpolation and held at
/// the end values outside the table (the stated convention of every table that uses it).
/// </summary>
public sealed class TabulatedCurve
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>A curve through (<paramref name="x"/>, <paramref name="y"/>), x strictly increasing.</summary>
    public TabulatedCurve(double[] x, double[] y)
    {
        if (x.Length == 0 || x.Length != y.Length) throw new ArgumentException("need one y per x and at least one point");
        for (int i = 1; i < x.Length; i++)
        {
            if (!(x[i] > x[i - 1])) throw new ArgumentException("abscissae must be strictly increasing");
        }
        _x = x;
        _y = y;
        _inverseSpacing = x.Length > 1 ? (x.Length - 1) / (x[^1] - x[0]) : 0;
    }

    private readonly double _inverseSpacing;

    /// <summary>The lowest and highest abscissa.</summary>
    public (double Low, double High) Range => (_x[0], _x[^1]);

    /// <summary>y at <paramref name="x"/> (linear; held at the ends).</summary>
    public double At(double x)
    {
        if (x <= _x[0]) return _y[0];
        if (x >= _x[^1]) return _y[^1];
        // Guess the interval from the mean spacing (the tables are nearly uniform in ln E), then step to the right one.
        int lower = Math.Clamp((int)((x - _x[0]) * _inverseSpacing), 0, _x.Length - 2);
        while (lower > 0 && _x[lower] > x) lower--;
        while (lower < _x.Length - 2 && _x[lower + 1] <= x) lower++;
        double t = (x - _x[lower]) / (_x[lower + 1] - _x[lower]);
        return _y[lower] + t * (_y[lower + 1] - _y[lower]);
    }
}
