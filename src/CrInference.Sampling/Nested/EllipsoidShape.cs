using System.Collections.Immutable;

namespace CrInference.Sampling.Nested;

/// <summary>
/// One ellipsoid of a bound, as plain data for checkpoints: the set
/// {u : (u − c)ᵀ (L Lᵀ)⁻¹ (u − c) ≤ 1} in the unit cube, with centre c (length D) and the
/// lower-triangular factor L stored row-major (D × D, upper triangle zero). Its volume is
/// V_D |det L| with V_D the volume of the unit D-ball.
/// </summary>
public sealed record EllipsoidShape(ImmutableArray<double> Centre, ImmutableArray<double> Cholesky);
