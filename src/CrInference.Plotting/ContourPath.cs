namespace CrInference.Plotting;

/// <summary>
/// A closed contour polygon in data coordinates; the last vertex connects back to the first
/// (it is not repeated).
/// </summary>
/// <param name="X">Vertex x coordinates.</param>
/// <param name="Y">Vertex y coordinates.</param>
public sealed record ContourPath(double[] X, double[] Y)
{
    /// <summary>Number of vertices.</summary>
    public int Count => X.Length;

    /// <summary>
    /// Even-odd point-in-polygon test (ray casting). For a set of nested paths use
    /// <see cref="ContainsEvenOdd"/>, which treats inner paths as holes.
    /// </summary>
    public bool Contains(double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = X.Length - 1; i < X.Length; j = i++)
        {
            if ((Y[i] > y) != (Y[j] > y)
                && x < X[j] + ((y - Y[j]) * (X[i] - X[j]) / (Y[i] - Y[j])))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>
    /// True when the point is inside an odd number of the paths, so that a path lying inside
    /// another one (a hole in a ring-shaped region) is excluded.
    /// </summary>
    public static bool ContainsEvenOdd(IEnumerable<ContourPath> paths, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(paths);
        bool inside = false;
        foreach (ContourPath path in paths)
        {
            if (path.Contains(x, y))
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
