namespace CrInference.Sampling.Benchmarks;

/// <summary>
/// How often nested-sampling runs of one case (seeds <c>FirstSeed</c> … <c>FirstSeed + Runs − 1</c>)
/// put the exact ln Z within 1, 2 and 3 of their own σ = √(H/n) (expected: 68.3 %, 95.4 %, 99.7 %),
/// with the mean and root-mean-square of Δ = ln Z − ln Z_exact, the mean reported errors, calls and wall time.
/// </summary>
public sealed record EvidenceCoverage(
    string Name,
    double ExactLogEvidence,
    int Runs,
    int WithinOneSigma,
    int WithinTwoSigma,
    int WithinThreeSigma,
    double MeanDelta,
    double RmsDelta,
    double MeanLogZError,
    double MeanLogZErrorSimulated,
    double MeanLikelihoodCalls,
    double MeanWallSeconds);
