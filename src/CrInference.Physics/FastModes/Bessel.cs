namespace CrInference.Physics.FastModes;

/// <summary>
/// Bessel functions of the first kind J₀, J₁ and the derivative J₁′ = (J₀ − J₂)/2 = J₀ − J₁/w
/// needed by the gyroresonance (A1) and transit-time-damping (A2) kernels of KQ22 Appendix A.
/// </summary>
/// <remarks>
/// |w| ≤ 12: the power series Σ (−1)ᵏ (w/2)^{2k+ν}/(k!(k+ν)!) (largest term ≈ 4e3 at w = 12, so the
/// cancellation error is ≲ 1e-12). |w| &gt; 12: Hankel's asymptotic expansion (DLMF 10.17.3) summed
/// until the terms stop decreasing; its truncation error is ≲ e^{−2w} ≈ 4e-11 at w = 12. Absolute
/// accuracy ≈ 1e-11 everywhere, checked against tabulated values and against MathNet.Numerics' BesselJ in the tests.
/// Kept hand-written for speed (the library is used wherever it is not slower on a hot path): the static
/// gyroresonance table (<see cref="GyroKernel"/>, built at the start of every process that evaluates κ) costs 0.5 s of
/// CPU with these functions and 2.2 s with MathNet's <c>SpecialFunctions.BesselJ</c> (AMOS, complex arithmetic),
/// measured on the 2-core development VM; <c>./crinf bench numerics</c> times J₁′ both ways.
/// </remarks>
public static class Bessel
{
    private const double SeriesLimit = 12.0;

    /// <summary>J₀(w).</summary>
    public static double J0(double w)
    {
        w = Math.Abs(w);
        return w <= SeriesLimit ? Series(w, 0) : Asymptotic(w, 0);
    }

    /// <summary>J₁(w) (odd in w).</summary>
    public static double J1(double w)
    {
        double a = Math.Abs(w);
        double v = a <= SeriesLimit ? Series(a, 1) : Asymptotic(a, 1);
        return w < 0 ? -v : v;
    }

    /// <summary>J₁′(w) = J₀(w) − J₁(w)/w = [J₀(w) − J₂(w)]/2 (KQ22 A1), with J₁′(0) = 1/2.</summary>
    public static double J1Prime(double w)
    {
        double a = Math.Abs(w);
        if (a < 1e-4)
        {
            double a2 = a * a;
            return 0.5 - 0.1875 * a2;
        }
        return J0(a) - J1(a) / a;
    }

    private static double Series(double w, int nu)
    {
        double x = 0.5 * w;
        double x2 = x * x;
        double term = nu == 0 ? 1.0 : x;
        double sum = term;
        for (int k = 1; k < 80; k++)
        {
            term *= -x2 / (k * (double)(k + nu));
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(sum) && k > 2) break;
        }
        return sum;
    }

    private static double Asymptotic(double w, int nu)
    {
        // J_ν(w) ≈ √(2/(πw)) [P cos ω − Q sin ω], ω = w − νπ/2 − π/4,
        // P = Σ (−1)^k a_{2k}/w^{2k}, Q = Σ (−1)^k a_{2k+1}/w^{2k+1},
        // a_k = Π_{j=1..k} (4ν² − (2j−1)²) / (k! 8^k).
        double mu = 4.0 * nu * nu;
        double p = 0, q = 0;
        double term = 1.0;
        double previous = double.PositiveInfinity;
        for (int k = 0; k < 60; k++)
        {
            if (k > 0)
            {
                double odd = 2 * k - 1;
                term *= (mu - odd * odd) / (8.0 * k * w);
            }
            double magnitude = Math.Abs(term);
            if (magnitude > previous) break;
            previous = magnitude;
            int phase = k % 4;
            switch (phase)
            {
                case 0: p += term; break;
                case 1: q += term; break;
                case 2: p -= term; break;
                default: q -= term; break;
            }
            if (magnitude < 1e-17) break;
        }
        double omega = w - (0.5 * nu + 0.25) * Math.PI;
        return Math.Sqrt(2.0 / (Math.PI * w)) * (p * Math.Cos(omega) - q * Math.Sin(omega));
    }
}
