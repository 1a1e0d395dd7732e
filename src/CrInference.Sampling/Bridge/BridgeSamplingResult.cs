namespace CrInference.Sampling.Bridge;

/// <summary>Settings of <see cref="BridgeSampler"/>.</summary>
/// <param name="ProposalDraws">Draws from the mixture proposal; each one inside the prior support costs one likelihood call.</param>
/// <param name="MaxComponents">Largest number of mixture components tried (chosen by BIC).</param>
/// <param name="MaxFitPoints">Posterior samples (first half of the chain, thinned evenly) the mixture is fitted to.</param>
/// <param name="MaxEstimatorSamples">Posterior samples (second half, thinned by whole steps) entering the estimator.</param>
/// <param name="MaxLogEvidenceError">Largest accepted σ(ln Z) (Frühwirth-Schnatter 2004 relative error).</param>
/// <param name="MinEffectiveSamples">Smallest accepted number of independent posterior samples in the estimator half.</param>
/// <param name="MinProposalEffectiveDraws">Smallest accepted effective number of proposal draws, (Σw)²/Σw² with
/// w = q(θ)/g(θ): fewer means the proposal rarely lands where the posterior is (poor overlap).</param>
/// <param name="ConsistencySigmas">Tolerance, in combined standard errors, of the consistency checks (the two quarters
/// of the estimator half; each mixture component's posterior mass from the chain and from the proposal draws; bridge
/// sampling against importance sampling from the proposal alone).</param>
/// <param name="MaxIterations">Iterations allowed to the Meng–Wong fixed point.</param>
/// <param name="RealLine">Fit the proposal after mapping bounded coordinates onto the real line (<see cref="SupportTransform"/>,
/// as the R package bridgesampling does); false fits it in the sampled coordinates and truncates it to the prior.</param>
public sealed record BridgeSamplingSettings(
    int ProposalDraws = 4000,
    int MaxComponents = 24,
    int MaxFitPoints = 4000,
    int MaxEstimatorSamples = 40000,
    double MaxLogEvidenceError = 0.5,
    int MinEffectiveSamples = 200,
    int MinProposalEffectiveDraws = 100,
    double ConsistencySigmas = 4,
    int MaxIterations = 1000,
    bool RealLine = true)
{
    /// <summary>Throws on settings outside their domain.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ProposalDraws, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxComponents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFitPoints, 50);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEstimatorSamples, 50);
        if (!(MaxLogEvidenceError > 0)) throw new ArgumentOutOfRangeException(nameof(MaxLogEvidenceError), MaxLogEvidenceError, "must be > 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(MinEffectiveSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinProposalEffectiveDraws, 1);
        if (!(ConsistencySigmas > 0)) throw new ArgumentOutOfRangeException(nameof(ConsistencySigmas), ConsistencySigmas, "must be > 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
    }
}

/// <summary>Everything the estimator computed, whether or not the result is trusted.</summary>
/// <param name="Estimate">ln Z from the whole estimator half (NaN when not computed); not to be reported when the
/// result failed.</param>
/// <param name="Error">σ(ln Z) of <see cref="Estimate"/>.</param>
/// <param name="Iterations">Iterations of the fixed point (0 when not run).</param>
/// <param name="Components">Mixture components of the proposal.</param>
/// <param name="FitSamples">Posterior samples the proposal was fitted to.</param>
/// <param name="EstimatorSamples">Posterior samples in the estimator.</param>
/// <param name="EffectiveSamples">Their effective number (samples / median integrated autocorrelation time).</param>
/// <param name="ProposalDraws">Draws from the proposal.</param>
/// <param name="ProposalEffectiveDraws">(Σw)²/Σw² of the proposal draws' weights q/g.</param>
/// <param name="QuarterDifference">ln Z(first quarter) − ln Z(second quarter) of the estimator half, same proposal draws.</param>
/// <param name="QuarterSigma">Combined σ of that difference.</param>
/// <param name="WorstComponentPull">Largest |chain mass − importance mass| / σ over the mixture components.</param>
/// <param name="ImportanceEstimate">ln Z by plain importance sampling from the proposal draws alone, ln mean(q/g) — an
/// independent cross-check that does not use the chain's samples (only its proposal); biased low where g misses mass.</param>
/// <param name="ImportanceError">σ of <see cref="ImportanceEstimate"/> (delta method, sd(q/g)/(√N₂ mean(q/g))).</param>
public sealed record BridgeSamplingDiagnostics(
    double Estimate,
    double Error,
    int Iterations,
    int Components,
    int FitSamples,
    int EstimatorSamples,
    double EffectiveSamples,
    int ProposalDraws,
    double ProposalEffectiveDraws,
    double QuarterDifference,
    double QuarterSigma,
    double WorstComponentPull,
    double ImportanceEstimate = double.NaN,
    double ImportanceError = double.NaN);

/// <summary>
/// Result of <see cref="BridgeSampler.Estimate"/>: ln Z ± σ when every check passed, otherwise no number and the
/// reason (<see cref="Failure"/>). <see cref="LikelihoodCalls"/> counts the extra likelihood evaluations.
/// </summary>
public sealed record BridgeSamplingResult(double? LogEvidence, double? LogEvidenceError, string? Failure, int LikelihoodCalls, BridgeSamplingDiagnostics Diagnostics)
{
    /// <summary>The method name for summaries (<c>log_z_method</c>).</summary>
    public const string Method = "bridge-sampling";

    /// <summary>Whether a trusted ln Z is available.</summary>
    public bool Succeeded => Failure is null;
}
