namespace CrInference.Sampling.Ensemble;

/// <summary>A progress report of <see cref="EnsembleSampler"/>.</summary>
/// <param name="Step">Steps taken since the initial ensemble (absolute, like <see cref="EnsembleState.Step"/>).</param>
/// <param name="StepsThisRun">Steps taken in this call.</param>
/// <param name="StepsRequested">Steps requested in this call (an upper bound with a stop rule).</param>
/// <param name="AcceptanceFraction">Accepted proposals / (walkers × steps) in this call.</param>
/// <param name="TauMax">Latest estimate of the largest autocorrelation time, steps (null before the first).</param>
/// <param name="LikelihoodEvaluations">Likelihood calls in this call.</param>
/// <param name="Elapsed">Wall time since the call began.</param>
public sealed record EnsembleProgress(
    long Step,
    long StepsThisRun,
    long StepsRequested,
    double AcceptanceFraction,
    double? TauMax,
    long LikelihoodEvaluations,
    TimeSpan Elapsed);
