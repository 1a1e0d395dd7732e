using CrInference.Core.Random;

namespace CrInference.Plotting.Tests;

/// <summary>
/// The 2-D Gaussian used by the level tests: σx = 1, σy = 2, ρ = 0.8, centred at (1, −3).
/// Its HPD region of mass m is the ellipse of squared Mahalanobis radius −2 ln(1 − m), of area
/// π (−2 ln(1 − m)) √det Σ.
/// </summary>
internal static class CorrelatedGaussian
{
    public const double SigmaX = 1.0;
    public const double SigmaY = 2.0;
    public const double Rho = 0.8;
    public const double MeanX = 1.0;
    public const double MeanY = -3.0;

    public static (double[] X, double[] Y) Draw(ulong seed, int count, double scale = 1.0)
    {
        RandomStream random = RandomKey.FromSeed(seed).Open();
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            double z1 = random.NextGaussian();
            double z2 = random.NextGaussian();
            x[i] = MeanX + (scale * SigmaX * z1);
            y[i] = MeanY + (scale * SigmaY * ((Rho * z1) + (Math.Sqrt(1 - (Rho * Rho)) * z2)));
        }

        return (x, y);
    }

    /// <summary>log of the density of N(mean, scale² Σ) at (x, y).</summary>
    public static double LogDensity(double x, double y, double scale = 1.0)
    {
        double sx = scale * SigmaX;
        double sy = scale * SigmaY;
        double u = (x - MeanX) / sx;
        double v = (y - MeanY) / sy;
        double oneMinusRho2 = 1 - (Rho * Rho);
        double q = ((u * u) - (2 * Rho * u * v) + (v * v)) / oneMinusRho2;
        return (-0.5 * q) - Math.Log(2 * Math.PI * sx * sy * Math.Sqrt(oneMinusRho2));
    }

    /// <summary>Area of the HPD region holding mass <paramref name="mass"/>.</summary>
    public static double HpdArea(double mass) =>
        Math.PI * (-2 * Math.Log(1 - mass)) * SigmaX * SigmaY * Math.Sqrt(1 - (Rho * Rho));
}
