using CrInference.Physics.Network;

namespace CrInference.Physics.Tests.Network;

/// <summary>The effective columns of docs/CONVENTIONS.md E.9 against independent quadratures of their defining integrals.</summary>
public sealed class EffectiveColumnTests
{
    private const double Kpc = 3.0856775814913673e21;

    /// <summary>Composite Simpson rule of <paramref name="f"/> over [a, b] with <paramref name="n"/> (even) intervals.</summary>
    private static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, sum = f(a) + f(b);
        for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return sum * h / 3;
    }

    [Theory]
    [InlineData(0.2, 0.5, 0.5)]   // warm-only: Z = z_W
    [InlineData(0.2, 0.5, 3.0)]   // two-phase: the halo pushes Z = κ G above z_W
    [InlineData(0.2, 5.0, 5.0)]   // turbulence-everywhere: Z = H
    public void DiffusiveLayer_IsTheIntegralOfTheSquaredLinearProfile(double hKpc, double topKpc, double absorbingKpc)
    {
        double n = 0.7;
        double z = absorbingKpc * Kpc;
        double expected = Simpson(x => n * (1 - x / z) * (1 - x / z), hKpc * Kpc, topKpc * Kpc, 2000);
        Assert.Equal(1.0, EffectiveColumns.DiffusiveLayer(n, hKpc * Kpc, topKpc * Kpc, z) / expected, 1e-12);
        // Cubic closed form of CONVENTIONS E.9.
        double closed = n * z / 3 * (Math.Pow(1 - hKpc / absorbingKpc, 3) - Math.Pow(1 - topKpc / absorbingKpc, 3));
        Assert.Equal(1.0, EffectiveColumns.DiffusiveLayer(n, hKpc * Kpc, topKpc * Kpc, z) / closed, 1e-12);
    }

    /// <summary>∫ n [G_h(z)/G]² ((r + a − z)/(r + a − z_W))^s dz in z by Simpson on a grid refined toward z = r (where a small a
    /// makes the integrand vary).</summary>
    private static double HaloReference(double n, double from, double r, double zw, double a, double s, double va, double g)
    {
        double Integrand(double u)
        {
            double gh = (1 - Math.Pow(a / (u + a), s)) / va;
            return n * (gh / g) * (gh / g) * Math.Pow((u + a) / (r - zw + a), s);
        }
        // u = r − z ∈ [0, r − from], split at 100 a to resolve the boundary layer.
        double top = r - from;
        double split = Math.Min(top, 100 * a);
        return Simpson(Integrand, 0, split, 20000) + (top > split ? Simpson(Integrand, split, top, 20000) : 0);
    }

    [Theory]
    [InlineData(0.01, 1.3)]     // a ≪ r: low rigidity
    [InlineData(3.0, 1.15)]
    [InlineData(30.0, 1.02)]
    [InlineData(30.0, 1.0004)]  // nuclei above ~30 GV: s within 1e-3 of 1
    [InlineData(1e3, 1.5)]      // a ≫ r: high rigidity (V ≈ 0.01, elementary form)
    [InlineData(1e5, 1.2)]      // V ≈ 1e-4: the quadrature branch
    public void NlldHalo_MatchesAFineQuadrature(double aKpc, double s)
    {
        double r = 10 * Kpc, zw = 0.5 * Kpc, a = aKpc * Kpc, va = 4e6, n = 3e-3;
        double g = 2 * (1 - Math.Pow(a / (r - zw + a), s)) / va; // any positive residence: the column scales as 1/G²
        double reference = HaloReference(n, zw, r, zw, a, s, va, g);
        double column = EffectiveColumns.NlldHalo(n, zw, r, zw, a, s, va, g);
        Assert.True(Math.Abs(column / reference - 1) < 1e-6, $"a = {aKpc} kpc, s = {s}: column {column:E9} vs {reference:E9}");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(3.0)]
    [InlineData(1e4)]
    public void NlldHalo_AtUnitExponent_ClosedFormMatchesTheRuleAndTheQuadrature(double aKpc)
    {
        double r = 10 * Kpc, zw = 0.2 * Kpc, a = aKpc * Kpc, va = 4e6, n = 3e-3, g = 1.5e-7;
        double closed = EffectiveColumns.NlldHaloClosedForm(n, zw, r, zw, a, va, g);
        Assert.Equal(1.0, closed / HaloReference(n, zw, r, zw, a, 1.0, va, g), 1e-6);
        // The rule just off s = 1 converges to the closed form.
        Assert.Equal(1.0, EffectiveColumns.NlldHalo(n, zw, r, zw, a, 1 + 1e-9, va, g) / closed, 1e-6);
    }
}
