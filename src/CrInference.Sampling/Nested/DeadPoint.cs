namespace CrInference.Sampling.Nested;

/// <summary>
/// A point removed from the live set (Skilling 2006). <see cref="LiveCount"/> is the number of live
/// points when it was removed (n in the main loop, n − j within a batch and for the final live
/// points); the prior volume shrinks by E[ln t] = −1/<see cref="LiveCount"/>, giving
/// <see cref="LogX"/> = ln X after its removal. <see cref="LogWeight"/> is the trapezoid weight
/// ln[½(L_{i−1} + L_i)(X_{i−1} − X_i)], so Z = Σ exp(LogWeight) and the posterior weight of the point
/// is exp(LogWeight − ln Z).
/// </summary>
public sealed record DeadPoint(NestedPoint Point, int LiveCount, double LogX, double LogWeight);
