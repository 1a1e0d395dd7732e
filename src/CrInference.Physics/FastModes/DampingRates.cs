namespace CrInference.Physics.FastModes;

/// <summary>
/// Angle factors of the fast-mode damping and cascade rates and their averages over the
/// wandering window (θ − δ, θ + δ), uniform in θ (open choice C.23). All functions are even
/// about θ = 0 and θ = π/2 and π-periodic (|cos θ| is used), which is how windows reaching
/// beyond [0, π/2] are read.
/// </summary>
public static class DampingRates
{
    /// <summary>
    /// A6 angle factor h(θ) = (πβ)^{1/2} sin²θ/(4|cos θ|) [(m_e/m_i)^{1/2} exp(−m_e/(m_i β cos²θ))
    /// + 5 exp(−1/(β cos²θ))], so that Γ_coll = h(θ) k v_A. The first exponent, lost in the text extraction,
    /// is reconstructed as in Yan &amp; Lazarian (2004) (open choice C.19). h(π/2) = 0.
    /// </summary>
    public static double Collisionless(double theta, double beta)
    {
        double c = Math.Abs(Math.Cos(theta));
        if (c < 1e-300) return 0;
        double s = Math.Sin(theta);
        double c2 = c * c;
        double me = FastModePlasma.ElectronProtonMassRatio;
        double bracket = Math.Sqrt(me) * Math.Exp(-me / (beta * c2)) + 5.0 * Math.Exp(-1.0 / (beta * c2));
        return Math.Sqrt(Math.PI * beta) * s * s / (4.0 * c) * bracket;
    }

    /// <summary>⟨sin²θ′⟩ over (θ − δ, θ + δ) = sin²θ + cos 2θ · (1 − sin 2δ/(2δ))/2 (A5 window average),
    /// written so that it keeps full relative precision for small θ and δ.</summary>
    public static double ViscousWindow(double theta, double delta)
    {
        double s = Math.Sin(theta);
        return s * s + Math.Cos(2 * theta) * HalfOneMinusSinc(delta);
    }

    /// <summary>⟨|sin θ′|⟩ over (θ − δ, θ + δ), θ ∈ [0, π/2], δ ≤ π/2 (window average of the anisotropic cascade rate, eq. 36).</summary>
    public static double AbsSinWindow(double theta, double delta)
    {
        if (delta < 1e-12) return Math.Sin(theta);
        if (theta >= delta) return Math.Sin(theta) * Math.Sin(delta) / delta;
        double a = Math.Sin(0.5 * (delta - theta)), b = Math.Sin(0.5 * (delta + theta));
        return (a * a + b * b) / delta;
    }

    /// <summary>
    /// ⟨h⟩ over (θ − δ, θ + δ) by globally adaptive Gauss–Kronrod quadrature with the peaks of the two
    /// A6 terms (|cos θ| = (2a)^{1/2}, a = m_e/(m_iβ) and 1/β) and θ = π/2 as panel edges. Reference
    /// implementation; the fast path uses <see cref="CollisionlessWindowTable"/>.
    /// </summary>
    public static double CollisionlessWindowExact(double theta, double delta, double beta)
    {
        if (delta < 1e-9) return Collisionless(theta, beta);
        double a = theta - delta, b = theta + delta;
        Span<double> breaks = stackalloc double[8];
        int n = 0;
        double half = 0.5 * Math.PI;
        foreach (double q in new[] { FastModePlasma.ElectronProtonMassRatio / beta, 1.0 / beta })
        {
            double cp = Math.Sqrt(2 * q);
            if (cp < 1)
            {
                double tp = Math.Acos(cp);
                breaks[n++] = tp;
                breaks[n++] = Math.PI - tp;
            }
        }
        breaks[n++] = half;
        breaks[n++] = 0;
        double integral = AdaptiveQuadrature.Integrate(t => Collisionless(t, beta), a, b, 1e-12, 0, 4000, breaks[..n]);
        return integral / (2 * delta);
    }

    /// <summary>(1 − sin(2δ)/(2δ))/2 with a series for small δ.</summary>
    private static double HalfOneMinusSinc(double delta)
    {
        if (delta < 0.05)
        {
            double d2 = delta * delta;
            return d2 * (1.0 / 3 - d2 * (1.0 / 15 - d2 * (2.0 / 315)));
        }
        return 0.5 * (1 - Math.Sin(2 * delta) / (2 * delta));
    }
}
