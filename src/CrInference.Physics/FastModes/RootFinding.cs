namespace CrInference.Physics.FastModes;

/// <summary>Bracketed scalar root finding (Illinois variant of regula falsi with a bisection guard).</summary>
public static class RootFinding
{
    /// <summary>
    /// Root of <paramref name="f"/> in [a, b] given f(a) &lt; 0 ≤ f(b) (values passed in). Returns the
    /// bracket end with f ≥ 0 once the bracket is narrower than <paramref name="tolerance"/>. A bisection
    /// step is forced whenever two interpolation steps did not halve the bracket, so monotone step
    /// discontinuities converge to the jump.
    /// </summary>
    public static double Illinois(Func<double, double> f, double a, double fa, double b, double fb, double tolerance, int maxIterations = 300)
    {
        int side = 0;
        double widthBefore = b - a;
        for (int i = 0; i < maxIterations && b - a > tolerance; i++)
        {
            double width = b - a;
            double c;
            bool bisect = i % 2 == 0 && i > 0 && width > 0.5 * widthBefore;
            if (i % 2 == 0) widthBefore = width;
            if (!bisect && double.IsFinite(fa) && double.IsFinite(fb) && fb != fa)
                c = b - fb * (b - a) / (fb - fa);
            else
                c = 0.5 * (a + b);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            double fc = f(c);
            if (fc >= 0)
            {
                b = c; fb = fc;
                if (side == 1) fa *= 0.5;
                side = 1;
            }
            else
            {
                a = c; fa = fc;
                if (side == -1) fb *= 0.5;
                side = -1;
            }
        }
        return b;
    }
}
