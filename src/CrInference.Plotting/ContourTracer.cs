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

        // Padded grid: node (i, j) of the padded grid is node (i - 1, j - 1) of the input.
        int px = nx + 2;
        int py = ny + 2;
        double dx = xs[1] - xs[0];
        double dy = ys[1] - ys[0];
        double Value(int i, int j) => i == 0 || j == 0 || i == px - 1 || j == py - 1 ? 0.0 : values[i - 1, j - 1];
        double X(int i) => xs[0] + ((i - 1) * dx);
        double Y(int j) => ys[0] + ((j - 1) * dy);

        // Edge keys: horizontal edge (i, j)-(i+1, j) and vertical edge (i, j)-(i, j+1).
        long HorizontalKey(int i, int j) => (((long)i * py) + j) * 2;
        long VerticalKey(int i, int j) => ((((long)i * py) + j) * 2) + 1;

        var points = new Dictionary<long, (double X, double Y)>();
        var neighbours = new Dictionary<long, List<long>>();

        (double, double) Crossing(long key)
        {
            if (points.TryGetValue(key, out var p))
            {
                return p;
            }

            long node = key / 2;
            int i = (int)(node / py);
            int j = (int)(node % py);
            bool vertical = key % 2 == 1;
            int i2 = vertical ? i : i + 1;
            int j2 = vertical ? j + 1 : j;
            double a = Value(i, j);
            double b = Value(i2, j2);
            double t = (level - a) / (b - a);
            p = (X(i) + (t * (X(i2) - X(i))), Y(j) + (t * (Y(j2) - Y(j))));
            points[key] = p;
            return p;
        }

        void Connect(long a, long b)
        {
            Crossing(a);
            Crossing(b);
            Add(a, b);
            Add(b, a);
        }

        void Add(long from, long to)
        {
            if (!neighbours.TryGetValue(from, out List<long>? list))
            {
                list = new List<long>(2);
                neighbours[from] = list;
            }

            list.Add(to);
        }

        for (int i = 0; i < px - 1; i++)
        {
            for (int j = 0; j < py - 1; j++)
            {
                double bl = Value(i, j);
                double br = Value(i + 1, j);
                double tr = Value(i + 1, j + 1);
                double tl = Value(i, j + 1);
                int code = (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0) | (tl >= level ? 8 : 0);
                if (code is 0 or 15)
                {
                    continue;
                }

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
                    case 5:
                        // bl and tr inside.
                        if (centreInside)
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
                    default:
                        // code 10: br and tl inside.
                        if (centreInside)
                        {
                            Connect(left, bottom);
                            Connect(right, top);
                        }
                        else
                        {
                            Connect(bottom, right);
                            Connect(top, left);
                        }

                        break;
                }
            }
        }

        var visited = new HashSet<long>();
        var paths = new List<ContourPath>();
        foreach (long start in neighbours.Keys)
        {
            if (visited.Contains(start))
            {
                continue;
            }

            var xsPath = new List<double>();
            var ysPath = new List<double>();
            long previous = -1;
            long current = start;
            while (visited.Add(current))
            {
                (double px0, double py0) = points[current];
                xsPath.Add(px0);
                ysPath.Add(py0);
                List<long> next = neighbours[current];
                long following = next.Count > 1 && next[0] == previous ? next[1] : next[0];
                previous = current;
                current = following;
            }

            if (xsPath.Count >= 3)
            {
                paths.Add(new ContourPath([.. xsPath], [.. ysPath]));
            }
        }

        return paths;
    }
}
