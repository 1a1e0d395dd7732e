namespace CrInference.Physics.Numerics;

/// <summary>
/// ln(1 + x), e^x − 1 and ln(1 + e^x) without cancellation. The BCL's <c>double.LogP1</c> and
/// <c>double.ExpM1</c> are evaluated as <c>Log(1 + x)</c> and <c>Exp(x) − 1</c> and lose all
/// digits for |x| ≲ 1e-16, which matters for the small-ratio limits of the transport solutions.
/// </summary>
public static class StableMath
{
    /// <summary>ln(1 + x) for x &gt; −1 (Goldberg 1991, "What every computer scientist should know
    /// about floating-point arithmetic", Theorem 4), relative error ~ 1 ulp.</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>e^x − 1 (Kahan's trick: (u − 1) x / ln u with u = e^x, for |x| &lt; ½ where e^x − 1 cancels; plain
    /// e^x − 1 beyond), relative error ~ 1 ulp.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1.0;
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + e^x) without overflow or underflow (softplus).</summary>
    public static double LogOnePlusExp(double x) => Math.Max(x, 0.0) + Log1P(Math.Exp(-Math.Abs(x)));

    /// <summary>Index of <paramref name="x"/> in the increasing array <paramref name="sorted"/>, or the bitwise complement of the
    /// index of the first larger element (as <see cref="Array.BinarySearch(Array, object)"/>), without a comparer.</summary>
    public static int SearchSorted(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            double v = sorted[mid];
            if (v == x) return mid;
            if (v < x) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
