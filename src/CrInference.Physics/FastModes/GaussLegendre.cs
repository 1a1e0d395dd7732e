using System.Collections.Concurrent;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n from the Tricomi initial
/// guesses; Golub &amp; Welsch would give the same to rounding). Cached per order; thread-safe.
/// Exact for polynomials of degree ≤ 2n − 1.
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
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++)
            {
                (double p, double d) = Legendre(n, x);
                dp = d;
                double dx = p / d;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }
            (_, dp) = Legendre(n, x);
            double w = 2.0 / ((1 - x * x) * dp * dp);
            nodes[n - 1 - i] = x;
            nodes[i] = -x;
            weights[n - 1 - i] = w;
            weights[i] = w;
        }
        return (nodes, weights);
    }

    private static (double P, double dP) Legendre(int n, double x)
    {
        double p0 = 1, p1 = x;
        if (n == 0) return (1, 0);
        for (int k = 2; k <= n; k++)
        {
            double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        double dp = n * (x * p1 - p0) / (x * x - 1);
        return (p1, dp);
    }
}
