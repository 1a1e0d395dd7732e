using System.Collections.Concurrent;
using MathNet.Numerics.Integration;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Gauss–Legendre nodes and weights on [−1, 1] from MathNet.Numerics (<see cref="GaussLegendreRule"/>: tabulated
/// to 1e-16 for the orders the fast path uses, Newton iteration otherwise), sorted ascending and cached per order
/// so that the fast path reads plain arrays; thread-safe. Exact for polynomials of degree ≤ 2n − 1.
/// </summary>
public static class GaussLegendre
{
    private static readonly ConcurrentDictionary<int, (double[] Nodes, double[] Weights)> Cache = new();

    /// <summary>Nodes x_i (ascending) and weights w_i of the n-point rule on [−1, 1].</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return Cache.GetOrAdd(n, Build);
    }

    /// <summary>Integrates <paramref name="f"/> over [a, b] with the n-point rule.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, int n)
    {
        var (x, w) = Rule(n);
        double half = 0.5 * (b - a), mid = 0.5 * (a + b), sum = 0;
        for (int i = 0; i < n; i++) sum += w[i] * f(mid + half * x[i]);
        return sum * half;
    }

    private static (double[] Nodes, double[] Weights) Build(int n)
    {
        var rule = new GaussLegendreRule(-1, 1, n);
        // Copies: the fast path keeps these arrays, the library may share its own.
        var nodes = (double[])rule.Abscissas.Clone();
        var weights = (double[])rule.Weights.Clone();
        Array.Sort(nodes, weights);
        return (nodes, weights);
    }
}
