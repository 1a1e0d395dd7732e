namespace CrInference.Config.PriorFiles;

/// <summary>Starting distribution of walkers for one parameter: normal with
/// <paramref name="Mean"/> and <paramref name="Sigma"/> (physical units), truncated to the prior's
/// support by the caller. Written <c>ref: { mean: 0.2, sigma: 0.02 }</c>.</summary>
public sealed record ReferenceSpec(double Mean, double Sigma);
