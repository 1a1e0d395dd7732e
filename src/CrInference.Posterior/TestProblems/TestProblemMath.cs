using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Posterior.TestProblems;

/// <summary>Small numerical helpers shared by the test problems.</summary>
internal static class TestProblemMath
{
    /// <summary>ln Γ(k/2) for a positive integer k, exactly by the recursion Γ(x + 1) = x Γ(x)
    /// from Γ(1) = 1 and Γ(1/2) = √π.</summary>
    public static double LogGammaHalf(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k));
        double x = k % 2 == 0 ? 1.0 : 0.5;
        double value = k % 2 == 0 ? 0.0 : 0.5 * Math.Log(Math.PI);
        while (x < k / 2.0)
        {
            value += Math.Log(x);
            x += 1;
        }
        return value;
    }

    /// <summary>ln(eᵃ + eᵇ).</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    /// <summary>The bounds of every prior when all are uniform; null otherwise.</summary>
    public static (double[] Min, double[] Max)? UniformBounds(ParameterSpace space)
    {
        int d = space.Dimension;
        var min = new double[d];
        var max = new double[d];
        for (int i = 0; i < d; i++)
        {
            if (space.Parameters[i].Prior is not UniformPrior uniform) return null;
            min[i] = uniform.Lower;
            max[i] = uniform.Upper;
        }
        return (min, max);
    }

    /// <summary>−Σ ln(max − min): ln of the uniform prior density of a box.</summary>
    public static double LogBoxDensity((double[] Min, double[] Max) box)
    {
        double sum = 0;
        for (int i = 0; i < box.Min.Length; i++) sum -= Math.Log(box.Max[i] - box.Min[i]);
        return sum;
    }

    public static void RequireDimension(ParameterSpace space, int minimum, string name)
    {
        if (space.Dimension < minimum)
        {
            throw new ArgumentException($"{name} needs at least {minimum} parameters (got {space.Dimension})");
        }
    }
}
