using CrInference.Core;

namespace CrInference.Sampling.Benchmarks;

/// <summary>A posterior with a known evidence for <see cref="NestedCoverageBenchmark"/>
/// (the composition root builds these from the analytic test problems).</summary>
public sealed record EvidenceBenchmarkCase(string Name, IPosterior Posterior, double ExactLogEvidence);
