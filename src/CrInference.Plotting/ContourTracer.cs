namespace CrInference.Plotting;

/// <summary>
/// Marching squares on a regular grid: the closed polygons bounding the super-level set
/// <c>{ value ≥ level }</c>, with vertices linearly interpolated along grid edges.
/// </summary>
/// <remarks>
/// The grid is padded with one ring of zeros outside its edges (the level must be positive, as
/// for densities), so every contour closes, also where the region touches the grid edge.
/// Saddle cells are resolved with the mean of the four corners (the region connects through the
/// cell centre when the mean is at or above the level). Paths are returned in no particular
/// orientation; a path inside another bounds a hole (even-odd rule,
/// <see cref="ContourPath.ContainsEvenOdd"/>).
/// </remarks>
public static class ContourTracer
{
    /// <summary>Traces the boundaries of <c>{ value ≥ level }</c>.</summary>
    /// <param name="values">Grid values [x index, y index] at the nodes (bin centres).</param>
    /// <param name="xs">Node x coordinates, increasing, equally spaced.</param>
    /// <param name="ys">Node y coordinates, increasing, equally spaced.</param>
    /// <param name="level">Contour level, &gt; 0.</param>
    public static IReadOnlyList<ContourPath> Trace(double[,] values, double[] xs, double[] ys, double level)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        int nx = values.GetLength(0);
        int ny = values.GetLength(1);
        if (xs.Length != nx || ys.Length != ny || nx < 2 || ny < 2)
        {
            throw new ArgumentException("grid and coordinate lengths differ (or fewer than 2 nodes)");
        }

        if (!(level > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "contour level must be positive");
        }

        var marcher = new Marcher(values, xs, ys, level);
        marcher.March();
        return marcher.Paths();
    }

    /// <summary>One tracing: the crossings found on the padded grid's edges and which crossings each cell connects.</summary>
    private sealed class Marcher(double[,] values, double[] xs, double[] ys, double level)
    {
        // Padded grid: node (i, j) of the padded grid is node (i - 1, j - 1) of the input.
        private readonly int _px = values.GetLength(0) + 2;
        private readonly int _py = values.GetLength(1) + 2;
        private readonly double _dx = xs[1] - xs[0];
        private readonly double _dy = ys[1] - ys[0];
        private readonly Dictionary<long, (double X, double Y)> _points = [];
        private readonly Dictionary<long, List<long>> _neighbours = [];

        /// <summary>Connects the crossings of every cell that the contour passes through.</summary>
        public void March()
        {
            for (int i = 0; i < _px - 1; i++)
            {
                for (int j = 0; j < _py - 1; j++) MarchCell(i, j);
            }
        }

        /// <summary>Follows the connections into closed paths (at least three vertices each).</summary>
        public List<ContourPath> Paths()
        {
            var visited = new HashSet<long>();
            var paths = new List<ContourPath>();
            foreach (long start in _neighbours.Keys)
            {
                if (visited.Contains(start)) continue;
                var xsPath = new List<double>();
                var ysPath = new List<double>();
                long previous = -1;
                long current = start;
                while (visited.Add(current))
                {
                    (double px0, double py0) = _points[current];
                    xsPath.Add(px0);
                    ysPath.Add(py0);
                    List<long> next = _neighbours[current];
                    long following = next.Count > 1 && next[0] == previous ? next[1] : next[0];
                    previous = current;
                    current = following;
                }
                if (xsPath.Count >= 3) paths.Add(new ContourPath([.. xsPath], [.. ysPath]));
            }
            return paths;
        }

        private double Value(int i, int j) => i == 0 || j == 0 || i == _px - 1 || j == _py - 1 ? 0.0 : values[i - 1, j - 1];

        private double X(int i) => xs[0] + ((i - 1) * _dx);

        private double Y(int j) => ys[0] + ((j - 1) * _dy);

        // Edge keys: horizontal edge (i, j)-(i+1, j) and vertical edge (i, j)-(i, j+1).
        private long HorizontalKey(int i, int j) => (((long)i * _py) + j) * 2;

        private long VerticalKey(int i, int j) => ((((long)i * _py) + j) * 2) + 1;

        private void MarchCell(int i, int j)
        {
            double bl = Value(i, j);
            double br = Value(i + 1, j);
            double tr = Value(i + 1, j + 1);
            double tl = Value(i, j + 1);
            int code = (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0) | (tl >= level ? 8 : 0);
            if (code is 0 or 15) return;
            long bottom = HorizontalKey(i, j);
            long top = HorizontalKey(i, j + 1);
            long left = VerticalKey(i, j);
            long right = VerticalKey(i + 1, j);
            bool centreInside = 0.25 * (bl + br + tr + tl) >= level;
            switch (code)
            {
                case 1 or 14: Connect(left, bottom); break;
                case 2 or 13: Connect(bottom, right); break;
                case 4 or 11: Connect(right, top); break;
                case 8 or 7: Connect(top, left); break;
                case 3 or 12: Connect(left, right); break;
                case 6 or 9: Connect(bottom, top); break;
                default:
                    // Saddles: code 5 (bl and tr inside) or 10 (br and tl inside); the centre decides which corners connect.
                    if ((code == 5) == centreInside)
                    {
                        Connect(bottom, right);
                        Connect(top, left);
                    }
                    else
                    {
                        Connect(left, bottom);
                        Connect(right, top);
                    }
                    break;
            }
        }

        private void Crossing(long key)
        {
            if (_points.ContainsKey(key)) return;
            long node = key / 2;
            int i = (int)(node / _py);
            int j = (int)(node % _py);
            bool vertical = key % 2 == 1;
            int i2 = vertical ? i : i + 1;
            int j2 = vertical ? j + 1 : j;
            double a = Value(i, j);
            double b = Value(i2, j2);
            double t = (level - a) / (b - a);
            _points[key] = (X(i) + (t * (X(i2) - X(i))), Y(j) + (t * (Y(j2) - Y(j))));
        }

        private void Connect(long a, long b)
        {
            Crossing(a);
            Crossing(b);
            Add(a, b);
            Add(b, a);
        }

        private void Add(long from, long to)
        {
            if (!_neighbours.TryGetValue(from, out List<long>? list))
            {
                list = new List<long>(2);
                _neighbours[from] = list;
            }
            list.Add(to);
        }
    }
}
