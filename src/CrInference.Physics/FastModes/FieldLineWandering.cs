namespace CrInference.Physics.FastModes;

/// <summary>
/// Field-line wandering δθ ≈ δB/B experienced by a fast mode during one cascade time (KQ22 eqs. 27,
/// 39, 40 and A7), which sets the averaging window (θ − δθ, θ + δθ) of the cascade and damping rates,
/// and the minimum well-defined mode pitch angle θ_min (δθ(k, θ_min) = θ_min). x = kL.
/// Every window is capped at π/2 (open choice C.23): a mode whose direction wanders by more than a
/// right angle during one cascade time has lost its propagation angle, and a window of half-width
/// π/2 averages the π-periodic, even damping rates over all angles exactly.
/// </summary>
public static class FieldLineWandering
{
    /// <summary>Largest window half-width (π/2).</summary>
    public const double MaxWindow = 0.5 * Math.PI;

    /// <summary>Eq. 27: δθ = [ℳ_A² (kL)^{1/2}]^{−1/2}, quasi-parallel modes in Alfvénic turbulence with ℳ_A,Alf = 1;
    /// also θ_min of the isotropic cascade (KQ22 §5.2).</summary>
    public static double QuasiParallel(double x, double alfvenMach) =>
        Math.Min(MaxWindow, 1.0 / (alfvenMach * Math.Pow(x, 0.25)));

    /// <summary>A7: δθ = [cos θ/(ℳ_A² x^{1/2}) + (sin θ/(ℳ_A² x^{1/2}))^{2/3}]^{1/2}, the window of the isotropic
    /// cascade (Appendix A). Reduces to eq. 27 at θ = 0.</summary>
    public static double General(double x, double theta, double alfvenMach)
    {
        double lambda = 1.0 / (alfvenMach * alfvenMach * Math.Sqrt(x));
        double c = Math.Abs(Math.Cos(theta)), s = Math.Abs(Math.Sin(theta));
        return Math.Min(MaxWindow, Math.Sqrt(c * lambda + Math.Cbrt(s * lambda * s * lambda)));
    }

    /// <summary>Eq. 39: δθ = [ℳ_A² x^{1/2} sin θ]^{−1/2} (Alfvénic wandering, anisotropic cascade).</summary>
    public static double AnisotropicAlfvenic(double x, double theta, double alfvenMach) =>
        Math.Min(MaxWindow, 1.0 / Math.Sqrt(alfvenMach * alfvenMach * Math.Sqrt(x) * Math.Sin(theta)));

    /// <summary>Eq. 40: δθ = [ℳ_A²/(x^{1/2} sin³θ)]^{1/4} (wandering by undamped anisotropic fast modes).</summary>
    public static double AnisotropicFastMode(double x, double theta, double alfvenMach)
    {
        double s = Math.Sin(theta);
        return Math.Min(MaxWindow, Math.Pow(alfvenMach * alfvenMach / (Math.Sqrt(x) * s * s * s), 0.25));
    }

    /// <summary>The anisotropic window for the chosen wandering (C.29), at mode angle θ (no floor applied).</summary>
    public static double Anisotropic(double x, double theta, double alfvenMach, AnisotropicWandering wandering) => wandering switch
    {
        AnisotropicWandering.Alfvenic => AnisotropicAlfvenic(x, theta, alfvenMach),
        AnisotropicWandering.FastMode => AnisotropicFastMode(x, theta, alfvenMach),
        _ => Math.Max(AnisotropicAlfvenic(x, theta, alfvenMach), AnisotropicFastMode(x, theta, alfvenMach)),
    };

    /// <summary>
    /// θ_min(k) of the anisotropic cascade: the fixed point δθ(k, θ_min) = θ_min (KQ22 §5.2). Eq. 39 gives
    /// θ² sin θ = 1/(ℳ_A² x^{1/2}), eq. 40 gives θ⁴ sin³θ = ℳ_A²/x^{1/2}; both left sides increase on (0, π/2],
    /// so the root is unique, and it is π/2 when the right side exceeds the value at π/2. "Larger" is the
    /// larger root, which is the fixed point of max(δθ₃₉, δθ₄₀).
    /// </summary>
    public static double AnisotropicMinimumAngle(double x, double alfvenMach, AnisotropicWandering wandering)
    {
        double ma2 = alfvenMach * alfvenMach, sx = Math.Sqrt(x);
        double t39 = Solve(1.0 / (ma2 * sx), 2, 1);
        double t40 = Solve(ma2 / sx, 4, 3);
        return wandering switch
        {
            AnisotropicWandering.Alfvenic => t39,
            AnisotropicWandering.FastMode => t40,
            _ => Math.Max(t39, t40),
        };
    }

    // Root of θ^p sin^q θ = c on (0, π/2], Newton on p ln θ + q ln sin θ − ln c (monotone increasing, concave).
    private static double Solve(double c, int p, int q)
    {
        double max = Math.Pow(MaxWindow, p);
        if (c >= max) return MaxWindow;
        double lnC = Math.Log(c);
        double theta = Math.Min(MaxWindow, Math.Pow(c, 1.0 / (p + q)));
        for (int i = 0; i < 60; i++)
        {
            double f = p * Math.Log(theta) + q * Math.Log(Math.Sin(theta)) - lnC;
            double df = p / theta + q / Math.Tan(theta);
            double next = theta - f / df;
            if (next <= 0) next = 0.5 * theta;
            if (next > MaxWindow) next = MaxWindow;
            if (Math.Abs(next - theta) < 1e-15 * theta) { theta = next; break; }
            theta = next;
        }
        return theta;
    }
}
