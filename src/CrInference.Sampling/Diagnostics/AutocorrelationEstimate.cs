namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// An integrated autocorrelation time τ (in steps) with the Sokal window M at which it was read off.
/// <see cref="IsReliable"/> is false where emcee would raise <c>AutocorrError</c>: the chain is shorter
/// than the required multiple of τ (50 by default), the window search did not terminate, or τ is not
/// finite (a parameter that never moved: τ = +∞).
/// </summary>
public readonly record struct AutocorrelationEstimate(double Tau, int Window, bool IsReliable);
