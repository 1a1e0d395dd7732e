using System.Diagnostics;
using CrInference.Sampling.Nested;
using MathNet.Numerics.LinearAlgebra;

namespace CrInference.Sampling.Benchmarks;

/// <summary>One dimension of <see cref="EllipsoidBenchmark"/>: median nanoseconds per point of each way to compute
/// (u − c)ᵀ A⁻¹ (u − c).</summary>
/// <param name="Dimension">D.</param>
/// <param name="HandWrittenNs">The ellipsoid's own forward substitution over spans (<c>Ellipsoid.DistanceSquared</c>).</param>
/// <param name="MathNetNs">MathNet.Numerics' <c>Cholesky.Solve</c> into preallocated vectors, then b·x.</param>
public sealed record EllipsoidBenchmarkResult(int Dimension, double HandWrittenNs, double MathNetNs);

/// <summary>
/// The per-point cost of the bounding-ellipsoid test of nested sampling, the product rejection sampling makes for
/// every candidate: the hand-written loop against MathNet's Cholesky solve, on a fixed well-conditioned
/// matrix A = M Mᵀ + I (M from a fixed seed), medians over <c>repeats</c> runs of <c>calls</c> points.
/// </summary>
public static class EllipsoidBenchmark
{
    /// <summary>Measures <paramref name="dimensions"/>.</summary>
    public static IReadOnlyList<EllipsoidBenchmarkResult> Run(IReadOnlyList<int> dimensions, int calls = 2_000_000, int repeats = 5)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        return [.. dimensions.Select(d => Measure(d, calls, repeats))];
    }

    private static EllipsoidBenchmarkResult Measure(int d, int calls, int repeats)
    {
        var m = Matrix<double>.Build.Random(d, d, 1);
        var a = m * m.Transpose() + Matrix<double>.Build.DenseIdentity(d);
        var cholesky = a.Cholesky();
        var lower = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++) lower[i * d + j] = cholesky.Factor[i, j];
        }
        var ellipsoid = new Ellipsoid(new double[d], lower);
        var u = Enumerable.Range(0, d).Select(i => 0.1 + 0.05 * i).ToArray();
        var b = Vector<double>.Build.Dense(d);
        var x = Vector<double>.Build.Dense(d);
        var work = new double[2 * d];
        var hand = new List<double>();
        var library = new List<double>();
        double sink = 0;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int t = 0; t < calls; t++) sink += ellipsoid.DistanceSquared(u, work);
            hand.Add(clock.Elapsed.TotalNanoseconds / calls);
            clock.Restart();
            for (int t = 0; t < calls; t++)
            {
                for (int i = 0; i < d; i++) b[i] = u[i];
                cholesky.Solve(b, x);
                sink += b.DotProduct(x);
            }
            library.Add(clock.Elapsed.TotalNanoseconds / calls);
        }
        if (double.IsNaN(sink)) throw new InvalidOperationException("benchmark produced NaN");
        return new EllipsoidBenchmarkResult(d, Median(hand), Median(library));
    }

    private static double Median(List<double> values) => BenchmarkStatistics.Median(values);
}
