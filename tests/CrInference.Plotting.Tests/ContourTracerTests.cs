namespace CrInference.Plotting.Tests;

public sealed class ContourTracerTests
{
    private static (double[,] Grid, double[] Xs) Grid(int n, Func<double, double, double> f)
    {
        double[] xs = [.. Enumerable.Range(0, n).Select(i => -1.5 + (3.0 * i / (n - 1)))];
        var grid = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                grid[i, j] = f(xs[i], xs[j]);
            }
        }

        return (grid, xs);
    }

    [Fact]
    public void Trace_Paraboloid_OneCircleOfExpectedArea()
    {
        // 1 − r² ≥ 0.5 is the disc of radius √0.5, area π/2.
        (double[,] grid, double[] xs) = Grid(121, (x, y) => Math.Max(1 - (x * x) - (y * y), 0));

        IReadOnlyList<ContourPath> paths = ContourTracer.Trace(grid, xs, xs, 0.5);

        ContourPath circle = Assert.Single(paths);
        Assert.Equal(Math.PI / 2, Math.Abs(Area(circle)), 2e-3);
        Assert.True(circle.Contains(0, 0));
        Assert.False(circle.Contains(0.8, 0));
    }

    [Fact]
    public void Trace_Ring_TwoPathsAndHoleExcludedByEvenOdd()
    {
        // Ring between radii 0.5 and 1: value = 1 − 16 (r − 0.75)², level 0.
        (double[,] grid, double[] xs) = Grid(151, (x, y) => Math.Max(1 - (16 * Math.Pow(Math.Sqrt((x * x) + (y * y)) - 0.75, 2)), 0));

        IReadOnlyList<ContourPath> paths = ContourTracer.Trace(grid, xs, xs, 0.01);

        Assert.Equal(2, paths.Count);
        Assert.False(ContourPath.ContainsEvenOdd(paths, 0, 0));
        Assert.True(ContourPath.ContainsEvenOdd(paths, 0.75, 0));
        Assert.False(ContourPath.ContainsEvenOdd(paths, 1.2, 0));
    }

    [Fact]
    public void Trace_RegionTouchingGridEdge_IsClosed()
    {
        (double[,] grid, double[] xs) = Grid(31, (x, y) => 2 + x);

        ContourPath path = Assert.Single(ContourTracer.Trace(grid, xs, xs, 1.5));

        Assert.True(path.Contains(1.0, 0.0));
        Assert.False(path.Contains(-1.0, 0.0));
    }

    private static double Area(ContourPath path)
    {
        double twice = 0;
        for (int i = 0, j = path.Count - 1; i < path.Count; j = i++)
        {
            twice += (path.X[j] * path.Y[i]) - (path.X[i] * path.Y[j]);
        }

        return 0.5 * twice;
    }
}
