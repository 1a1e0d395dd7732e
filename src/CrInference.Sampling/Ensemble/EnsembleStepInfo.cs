namespace CrInference.Sampling.Ensemble;

/// <summary>What one kernel step records (the blackjax "info"): per-walker acceptance, the number of
/// likelihood evaluations (proposals with a −∞ prior are not evaluated) and the move that was used.</summary>
public sealed record EnsembleStepInfo(ReadOnlyMemory<bool> Accepted, int AcceptedCount, int LikelihoodEvaluations, IEnsembleMove Move);
