using System.Collections.Immutable;

namespace CrInference.Sampling.Nested;

/// <summary>
/// A point of a nested-sampling run: its unit-cube coordinates <see cref="Unit"/> (what the bounds and
/// constrained samplers move in), its sampled coordinates <see cref="Sampled"/> =
/// <c>ParameterSpace.FromUnitCube(Unit)</c> (what <c>IPosterior</c> sees), its log prior and log
/// likelihood, and the posterior's derived values (length <c>IPosterior.DerivedNames.Count</c>).
/// </summary>
public sealed record NestedPoint(
    ImmutableArray<double> Unit,
    ImmutableArray<double> Sampled,
    double LogPrior,
    double LogLikelihood,
    ImmutableArray<double> Derived);
