using CrInference.Core;
using CrInference.Physics.Plasma;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Plasma + fast-mode turbulence of the KQ22 figures, for <c>./crinf kappa --preset NAME</c>:
/// <c>fig3-warm</c> and <c>fig3-halo</c> (§3, Figure 3: ℳ_A = 1, L = 100 pc, B = 6 μG; warm ISM n = 0.1 cm⁻³,
/// T = 2e4 K; low-β halo n = 1e-3 cm⁻³, T = 2e6 K) and <c>fig5-warm</c> (§4.2 fiducial warm ISM of Figures 5–6:
/// ℳ_A = 0.6, L = 50 pc, B = 6 μG, n = 0.2 cm⁻³, T = 1e4 K).
/// </summary>
public static class FastModePresets
{
    /// <summary>Figure 3 warm ISM (β ≈ 0.19, v_A ≈ 41 km/s).</summary>
    public static TurbulenceSpec Fig3Warm { get; } = Create(0.1, 2e4, 6, 1.0, 100);

    /// <summary>Figure 3 low-β halo (β ≈ 0.19, v_A ≈ 414 km/s).</summary>
    public static TurbulenceSpec Fig3Halo { get; } = Create(1e-3, 2e6, 6, 1.0, 100);

    /// <summary>§4.2 fiducial warm ISM (β ≈ 0.19, v_A ≈ 29 km/s).</summary>
    public static TurbulenceSpec Fig5Warm { get; } = Create(0.2, 1e4, 6, 0.6, 50);

    /// <summary>Preset names in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fig3-warm", "fig3-halo", "fig5-warm"];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static TurbulenceSpec? ByName(string name) => name switch
    {
        "fig3-warm" => Fig3Warm,
        "fig3-halo" => Fig3Halo,
        "fig5-warm" => Fig5Warm,
        _ => null,
    };

    /// <summary>A turbulence spec from parameter-file units: n (cm⁻³), T (K), B (μG), ℳ_A, L (pc).</summary>
    public static TurbulenceSpec Create(double densityCm3, double temperatureK, double fieldMicrogauss, double alfvenMach, double outerScalePc) =>
        new(PlasmaState.FromMicrogauss(densityCm3, temperatureK, fieldMicrogauss), alfvenMach, outerScalePc * PhysicalConstants.ParsecCm);
}
