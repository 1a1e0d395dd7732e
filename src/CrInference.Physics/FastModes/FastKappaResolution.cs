namespace CrInference.Physics.FastModes;

/// <summary>
/// Every resolution of the fast κ path (<see cref="FastKappaSolver"/>). <see cref="Doubled"/> doubles all
/// node counts and halves all table steps at once — the convergence study of the issue.
/// </summary>
/// <param name="AlphaNodes">Gauss–Legendre nodes for the CR pitch angle of A3 (μ = cos α): 3/8 of them in α on
/// [0, acot(√(12ℳ_A))], the rest in s = cot α/√ℳ_A on [0, √12].</param>
/// <param name="GyroNodes">Gauss–Legendre nodes in ln u per smooth piece of the resonant variable u = 1/(xξR) across the resonance core (A1); half as many on the low-u flank.</param>
/// <param name="TtdNodes">Gauss–Legendre nodes per half radian of each smooth piece of the wave angle θ (A2 bulk; 4 to 3× this per piece).</param>
/// <param name="TtdTailNodes">Gauss–Legendre nodes in ln ξ across the core of the quasi-perpendicular TTD resonance ξ ≈ v_A/(vμ); half as many on each flank.</param>
/// <param name="TailDegree">Chebyshev nodes for ln k_max(ξ) on the quasi-perpendicular tail ξ ∈ [0, ξ_t].</param>
/// <param name="BreakScan">Scan intervals used to find the angles where k_max(θ) changes branch.</param>
/// <param name="ConeStep">Grid step in ln(k∥L) of the undamped-cone table θ_b.</param>
/// <param name="KernelRefinement">Refinement of the static H (TTD) and Q (gyroresonance) tables and of the per-plasma
/// collisionless window table (1 = default; 2 halves every step).</param>
public sealed record FastKappaResolution(
    int AlphaNodes = 20,
    int GyroNodes = 16,
    int TtdNodes = 12,
    int TtdTailNodes = 12,
    int TailDegree = 8,
    int BreakScan = 48,
    double ConeStep = 0.25,
    int KernelRefinement = 1)
{
    /// <summary>The default resolution (meets the 1e-3 convergence contract; see docs/FAST-MODES.md).</summary>
    public static FastKappaResolution Default { get; } = new();

    /// <summary>Every node count doubled, every step halved.</summary>
    public FastKappaResolution Doubled() => new(
        2 * AlphaNodes, 2 * GyroNodes, 2 * TtdNodes, 2 * TtdTailNodes, 2 * TailDegree, 2 * BreakScan, 0.5 * ConeStep, 2 * KernelRefinement);
}
