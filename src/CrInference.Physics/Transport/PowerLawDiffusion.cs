using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Numerics;

namespace CrInference.Physics.Transport;

/// <summary>
/// A power-law proton diffusion coefficient, cm² s⁻¹:
/// κ(R) = κ₀ β(R)^b (R/R₀)^δ [1 + (R/R_b)^{1/s}]^{s Δδ},
/// with b = 1 when the β factor is on (else 0) and an optional smooth break at R_b (slope δ → δ + Δδ
/// above R_b, smoothness s &gt; 0; R_b = ∞ or Δδ = 0 removes it). It stands in for KQ22's fast-mode
/// κ_turb (§3, Appendix A) until that lands, and is the undamped-turbulence κ of the
/// phenomenological baseline. Ignores the <see cref="TurbulenceSpec"/>. Immutable, thread-safe.
/// </summary>
public sealed class PowerLawDiffusion : ITurbulentDiffusion
{
    /// <summary>Parameter name of κ₀ (cm² s⁻¹).</summary>
    public const string NormalisationName = "kappa0_cm2_s";

    /// <summary>Parameter name of δ.</summary>
    public const string SlopeName = "kappa_delta";

    /// <summary>Parameter name of R₀ (GV).</summary>
    public const string ReferenceRigidityName = "kappa_R0_GV";

    /// <summary>A power law without break.</summary>
    public PowerLawDiffusion(double normalisationCm2PerS, double referenceRigidityGV, double slope, bool betaFactor)
        : this(normalisationCm2PerS, referenceRigidityGV, slope, betaFactor, double.PositiveInfinity, 0.0, 1.0)
    {
    }

    /// <summary>A power law with a smooth break at <paramref name="breakRigidityGV"/>.</summary>
    public PowerLawDiffusion(double normalisationCm2PerS, double referenceRigidityGV, double slope, bool betaFactor,
        double breakRigidityGV, double slopeChange, double smoothness)
    {
        if (!(normalisationCm2PerS > 0) || double.IsInfinity(normalisationCm2PerS)) throw new ArgumentOutOfRangeException(nameof(normalisationCm2PerS));
        if (!(referenceRigidityGV > 0) || double.IsInfinity(referenceRigidityGV)) throw new ArgumentOutOfRangeException(nameof(referenceRigidityGV));
        if (!double.IsFinite(slope)) throw new ArgumentOutOfRangeException(nameof(slope));
        if (!(breakRigidityGV > 0)) throw new ArgumentOutOfRangeException(nameof(breakRigidityGV));
        if (!double.IsFinite(slopeChange)) throw new ArgumentOutOfRangeException(nameof(slopeChange));
        if (!(smoothness > 0) || double.IsInfinity(smoothness)) throw new ArgumentOutOfRangeException(nameof(smoothness));
        NormalisationCm2PerS = normalisationCm2PerS;
        ReferenceRigidityGV = referenceRigidityGV;
        Slope = slope;
        BetaFactor = betaFactor;
        BreakRigidityGV = breakRigidityGV;
        SlopeChange = slopeChange;
        Smoothness = smoothness;
    }

    /// <summary>κ₀, cm² s⁻¹.</summary>
    public double NormalisationCm2PerS { get; }

    /// <summary>R₀, GV.</summary>
    public double ReferenceRigidityGV { get; }

    /// <summary>δ.</summary>
    public double Slope { get; }

    /// <summary>Whether κ carries the proton β(R) factor.</summary>
    public bool BetaFactor { get; }

    /// <summary>R_b, GV (+∞: no break).</summary>
    public double BreakRigidityGV { get; }

    /// <summary>Δδ above the break.</summary>
    public double SlopeChange { get; }

    /// <summary>Break smoothness s (in ln R).</summary>
    public double Smoothness { get; }

    /// <inheritdoc/>
    public string Name => BetaFactor ? "power-law-beta" : "power-law";

    /// <summary>κ_p(R), cm² s⁻¹ (the break factor is evaluated as exp(s Δδ ln(1 + e^{ln(R/R_b)/s})) so it never overflows).</summary>
    public double At(double rigidityGV)
    {
        double kappa = NormalisationCm2PerS * Math.Pow(rigidityGV / ReferenceRigidityGV, Slope);
        if (BetaFactor) kappa *= Kinematic.BetaAtRigidity(rigidityGV, Nucleus.Proton);
        if (SlopeChange != 0 && !double.IsPositiveInfinity(BreakRigidityGV))
        {
            kappa *= Math.Exp(Smoothness * SlopeChange * StableMath.LogOnePlusExp(Math.Log(rigidityGV / BreakRigidityGV) / Smoothness));
        }
        return kappa;
    }

    /// <inheritdoc/>
    public string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS)
    {
        if (kappaCm2PerS.Length < rigidityGV.Length) return "kappa output span is shorter than the rigidity grid";
        for (int i = 0; i < rigidityGV.Length; i++)
        {
            double k = At(rigidityGV[i]);
            if (!(k > 0) || double.IsInfinity(k)) return $"power-law kappa is not finite and positive at R = {rigidityGV[i]} GV";
            kappaCm2PerS[i] = k;
        }
        return null;
    }

    /// <summary>The three parameters of the power law with the given fiducials.</summary>
    public static IReadOnlyList<ModelParameter> ParametersWithFiducials(double normalisationCm2PerS, double slope, double referenceRigidityGV) =>
    [
        new(NormalisationName, "cm^2 s^-1", normalisationCm2PerS, "kappa_turb normalisation kappa0 at R0 (power-law stand-in)", Minimum: 0, Maximum: 1e33, Latex: @"\kappa_0"),
        new(SlopeName, "", slope, "kappa_turb slope delta of (R/R0)^delta", Minimum: -2, Maximum: 2, MinimumExclusive: false, Latex: @"\delta"),
        new(ReferenceRigidityName, "GV", referenceRigidityGV, "reference rigidity R0 of kappa0", Minimum: 0, Maximum: 1e7, Latex: "R_0"),
    ];

    /// <summary>Catalog entry <c>power-law</c>: κ₀ (R/R₀)^δ, fiducial κ₀ = 3e28 cm² s⁻¹ at R₀ = 100 GV, δ = 0
    /// (EQUATIONS.md §3: the κ_turb implied by AMS B/C at 0.1–1 TV is ≈ 3e28 and roughly flat).</summary>
    public static TurbulentDiffusionEntry PlainEntry { get; } = new(
        "power-law",
        "kappa0 (R/R0)^delta (stand-in for the fast-mode kappa_turb)",
        ParametersWithFiducials(3e28, 0.0, 100.0),
        input => FromInput(input, betaFactor: false));

    /// <summary>Catalog entry <c>power-law-beta</c>: κ₀ β (R/R₀)^δ.</summary>
    public static TurbulentDiffusionEntry BetaEntry { get; } = new(
        "power-law-beta",
        "kappa0 beta (R/R0)^delta",
        ParametersWithFiducials(3e28, 0.0, 100.0),
        input => FromInput(input, betaFactor: true));

    private static PowerLawDiffusion FromInput(ModelInput input, bool betaFactor) =>
        new(input[NormalisationName], input[ReferenceRigidityName], input[SlopeName], betaFactor);
}
