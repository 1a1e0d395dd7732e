namespace CrInference.Sampling.Nested;

/// <summary>ln(eᵃ + eᵇ) without overflow, −∞ treated as zero weight.</summary>
internal static class LogMath
{
    public static double AddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    public static double SumExp(IEnumerable<double> values)
    {
        double result = double.NegativeInfinity;
        foreach (double v in values) result = AddExp(result, v);
        return result;
    }
}
