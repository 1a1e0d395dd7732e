using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Bridge;

/// <summary>
/// The evidence Z = ∫ L π from MCMC posterior samples by bridge sampling (Meng &amp; Wong 1996, eq. 4.1 with the optimal
/// bridge; the procedure of Gronau et al. 2017, "A tutorial on bridge sampling", and their R package bridgesampling):
/// a Gaussian mixture g (<see cref="GaussianMixture"/>, components by BIC, so that separated modes get their own) is
/// fitted to the first half of the chain after the bounded coordinates are mapped onto the real line as in Gronau et
/// al.'s package (<see cref="SupportTransform"/>: probit between two bounds, log beside one; <see cref="BridgeProposal"/>
/// carries the Jacobian), so that g vanishes at the prior bounds as a posterior piled against one does; N₂ draws from g
/// cost one likelihood call each where the prior is non-zero (with <see cref="BridgeSamplingSettings.RealLine"/> off,
/// draws outside the support have q = πL = 0 and no call is made: the proposal is then in effect truncated to the prior,
/// and g stays normalised over all space, so the estimator needs no truncation constant); the second half of the chain (N₁ samples,
/// N₁,eff = N₁/τ independent) enters the fixed-point iteration
/// r ← [N₂⁻¹ Σⱼ l₂ⱼ/(s₁l₂ⱼ + s₂r)] / [N₁⁻¹ Σᵢ 1/(s₁l₁ᵢ + s₂r)],  lₖ = q/g,  s₁ = N₁,eff/(N₁,eff + N₂), s₂ = 1 − s₁,
/// run in logarithms around the median of ln l₁. σ(ln Z) is Frühwirth-Schnatter's (2004, eq. 16) relative error of Z,
/// RE² = V_g(f₁)/(N₂E_g(f₁)²) + τ(f₂)V_p(f₂)/(N₁E_p(f₂)²), with τ(f₂) the integrated autocorrelation time of f₂ along
/// the chain (<see cref="Autocorrelation"/>).
/// </summary>
/// <remarks>
/// No number is returned — only the reason — where the estimate must not be trusted: fewer than
/// <see cref="BridgeSamplingSettings.MinEffectiveSamples"/> independent posterior samples; poor proposal–posterior overlap
/// (effective proposal draws below <see cref="BridgeSamplingSettings.MinProposalEffectiveDraws"/>); a fixed point that does
/// not converge; σ(ln Z) above <see cref="BridgeSamplingSettings.MaxLogEvidenceError"/>; the two quarters of the estimator
/// half disagreeing (a chain that is not stationary); or a mixture component whose share of the chain differs from its
/// posterior mass estimated from the proposal draws (modes visited in wrong proportions); or ln Z from plain importance
/// sampling of the proposal draws alone, ln mean(q/g), disagreeing with the bridge estimate. It cannot see modes the chain
/// never visited: those are missing from both the samples and the proposal, and ln Z is then too low by their mass.
/// Deterministic for a given key, whatever <c>threads</c> is.
/// </remarks>
public static class BridgeSampler
{
    private const double FixedPointTolerance = 1e-10;

    /// <summary>
    /// Estimates ln Z from a post-burn-in ensemble chain of <paramref name="posterior"/>: <paramref name="steps"/> steps of
    /// <paramref name="walkers"/> walkers, step-major (<c>positions[(t·walkers + w)·D + i]</c> in sampled coordinates, the
    /// layout of <see cref="Chains.ChainBlock"/>) with each sample's ln L in <paramref name="logLikelihoods"/>
    /// (<c>[t·walkers + w]</c>). The prior is evaluated here, in sampled coordinates (the density the proposal is compared
    /// with; a chain file's <c>log_prior</c> column is the density of the physical values and must not be used).
    /// </summary>
    public static BridgeSamplingResult Estimate(IPosterior posterior, int walkers, int steps, ReadOnlySpan<double> positions,
        ReadOnlySpan<double> logLikelihoods, RandomKey key, BridgeSamplingSettings? settings = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        settings ??= new BridgeSamplingSettings();
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(walkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int d = posterior.Space.Dimension;
        if (positions.Length != (long)walkers * steps * d || logLikelihoods.Length != (long)walkers * steps)
            throw new ArgumentException($"chain arrays do not hold {steps} steps × {walkers} walkers × {d} parameters");
        var empty = new BridgeSamplingDiagnostics(double.NaN, double.NaN, 0, 0, 0, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN);
        if (steps < 8) return Fail($"the chain has {steps} steps; bridge sampling needs at least 8 (half to fit the proposal, half to estimate)", 0, empty);
        for (int r = 0; r < logLikelihoods.Length; r++)
        {
            if (!double.IsFinite(logLikelihoods[r]) || !double.IsFinite(posterior.Space.LogPrior(positions.Slice(r * d, d))))
                return Fail($"sample {r} of the chain (step {r / walkers}, walker {r % walkers}) has a non-finite log prior or log likelihood", 0, empty);
        }

        var chain = new BridgeChain(posterior.Space, walkers, steps, positions, logLikelihoods, settings);
        int fitCount = chain.FitPoints.Length / d;
        if (fitCount < 2 * (d + 1)) return Fail($"the first half of the chain has {fitCount} distinct samples; the proposal needs at least {2 * (d + 1)}", 0, empty);
        var transform = settings.RealLine ? SupportTransform.For(posterior.Space, chain.FitPoints, chain.EstimatorPoints) : SupportTransform.Identity(d);
        var proposal = BridgeProposal.Fit(transform, chain.FitPoints, fitCount, settings.MaxComponents, key.Split(0));
        var draws = ProposalDraws(posterior, proposal, settings.ProposalDraws, key.Split(1), threads, out int calls);
        var l1 = chain.LogRatios(proposal);
        double neff = chain.EffectiveSamples;
        var diagnostics = empty with { Components = proposal.Components, FitSamples = fitCount, EstimatorSamples = l1.Length, EffectiveSamples = neff, ProposalDraws = draws.Count };
        if (neff < settings.MinEffectiveSamples)
            return Fail($"too few independent posterior samples: {neff:F0} < {settings.MinEffectiveSamples} ({chain.EstimatorSteps} steps × {walkers} walkers, τ = {chain.Tau:G3} steps)", calls, diagnostics);

        var l2 = draws.LogRatios;
        double proposalEss = EffectiveDraws(l2);
        var (importance, importanceError) = ImportanceSampling(l2);
        diagnostics = diagnostics with { ProposalEffectiveDraws = proposalEss, ImportanceEstimate = importance, ImportanceError = importanceError };
        if (proposalEss < settings.MinProposalEffectiveDraws)
            return Fail($"the proposal and the posterior overlap poorly: {proposalEss:F1} effective proposal draws of {l2.Length} (< {settings.MinProposalEffectiveDraws})", calls, diagnostics);

        var whole = Solve(l1, walkers, l2, neff, settings.MaxIterations);
        diagnostics = diagnostics with { Estimate = whole.LogZ, Error = whole.Sigma, Iterations = whole.Iterations };
        if (!whole.Converged) return Fail($"the bridge fixed point did not converge in {settings.MaxIterations} iterations", calls, diagnostics);
        if (!(whole.Sigma <= settings.MaxLogEvidenceError))
            return Fail($"sigma(ln Z) = {whole.Sigma:G3} exceeds {settings.MaxLogEvidenceError:G3}", calls, diagnostics);

        int quarter = chain.EstimatorSteps / 2 * walkers;
        var first = Solve(l1[..quarter], walkers, l2, neff / 2, settings.MaxIterations);
        var second = Solve(l1[quarter..], walkers, l2, neff / 2, settings.MaxIterations);
        double difference = first.LogZ - second.LogZ, combined = Math.Sqrt(first.Sigma * first.Sigma + second.Sigma * second.Sigma);
        double pull = ComponentPull(chain, proposal, draws, whole.LogZ, out string worst);
        diagnostics = diagnostics with { QuarterDifference = difference, QuarterSigma = combined, WorstComponentPull = pull };
        if (!(Math.Abs(difference) <= settings.ConsistencySigmas * combined))
            return Fail($"the two quarters of the estimator half disagree: ln Z differs by {difference:G3} (sigma {combined:G3}); the chain is not stationary", calls, diagnostics);
        if (pull > settings.ConsistencySigmas)
            return Fail($"the chain visits the proposal's components in other proportions than their posterior mass ({worst}); modes are sampled in wrong proportions", calls, diagnostics);
        double crossCheck = Math.Sqrt(whole.Sigma * whole.Sigma + importanceError * importanceError);
        if (!(Math.Abs(whole.LogZ - importance) <= settings.ConsistencySigmas * crossCheck))
            return Fail($"bridge sampling ({whole.LogZ:G6}) and importance sampling from the proposal alone ({importance:G6}) disagree by more than {settings.ConsistencySigmas} sigma ({crossCheck:G3})", calls, diagnostics);
        return new BridgeSamplingResult(whole.LogZ, whole.Sigma, null, calls, diagnostics);
    }

    private static BridgeSamplingResult Fail(string reason, int calls, BridgeSamplingDiagnostics diagnostics) => new(null, null, reason, calls, diagnostics);

    // Draws from the proposal (serially, one key) and evaluates ln(πL) where the prior is non-zero, in parallel.
    private static Draws ProposalDraws(IPosterior posterior, BridgeProposal proposal, int count, RandomKey key, int threads, out int calls)
    {
        int d = proposal.Dimension;
        var points = new double[count * d];
        var logG = new double[count];
        var random = key.Open();
        for (int j = 0; j < count; j++) logG[j] = proposal.Sample(ref random, points.AsSpan(j * d, d));
        var logQ = new double[count];
        var inside = new bool[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, count, options, () => new double[posterior.DerivedNames.Count], (j, _, derived) =>
        {
            var x = points.AsSpan(j * d, d);
            double logPrior = posterior.Space.LogPrior(x);
            inside[j] = double.IsFinite(logPrior);
            logQ[j] = inside[j] ? posterior.Evaluate(x, derived).Value : double.NegativeInfinity;
            return derived;
        }, _ => { });
        calls = inside.Count(v => v);
        var l2 = new double[count];
        for (int j = 0; j < count; j++) l2[j] = logQ[j] - logG[j];
        return new Draws(points, l2, d);
    }

    private sealed record Draws(double[] Points, double[] LogRatios, int Dimension)
    {
        public int Count => LogRatios.Length;
    }

    private static double EffectiveDraws(double[] logWeights)
    {
        double max = logWeights.Max();
        if (double.IsNegativeInfinity(max)) return 0;
        double s = 0, s2 = 0;
        foreach (double l in logWeights)
        {
            double w = Math.Exp(l - max);
            s += w;
            s2 += w * w;
        }
        return s * s / s2;
    }

    // ln mean(q/g) over the proposal draws and its delta-method σ.
    private static (double LogZ, double Sigma) ImportanceSampling(double[] logWeights)
    {
        double max = logWeights.Max();
        if (double.IsNegativeInfinity(max)) return (double.NegativeInfinity, double.NaN);
        var w = logWeights.Select(l => Math.Exp(l - max)).ToArray();
        var (mean, variance) = MathNet.Numerics.Statistics.Statistics.MeanVariance(w);
        return (max + Math.Log(mean), Math.Sqrt(variance / w.Length) / mean);
    }

    private readonly record struct Solution(double LogZ, double Sigma, int Iterations, bool Converged);

    // Meng–Wong fixed point for ln r on l1 (posterior samples, chain order) and l2 (proposal draws), then the
    // Frühwirth-Schnatter error with the autocorrelation time of f₂ along the chain.
    private static Solution Solve(double[] l1, int walkers, double[] l2, double neff, int maxIterations)
    {
        double n1 = Math.Max(neff, 1), n2 = l2.Length;
        double s1 = n1 / (n1 + n2), s2 = n2 / (n1 + n2);
        var sorted = (double[])l1.Clone();
        Array.Sort(sorted);
        double shift = sorted[sorted.Length / 2];
        double logR = 0;
        int iteration = 0;
        bool converged = false;
        while (iteration < maxIterations)
        {
            iteration++;
            double r = Math.Exp(logR), num = 0, den = 0;
            foreach (double l in l2) num += 1 / (s1 + s2 * r * Math.Exp(shift - l));
            foreach (double l in l1) den += 1 / (s1 * Math.Exp(l - shift) + s2 * r);
            double next = Math.Log(num / l2.Length) - Math.Log(den / l1.Length);
            bool done = Math.Abs(next - logR) < FixedPointTolerance;
            logR = next;
            if (done) { converged = true; break; }
        }
        double logZ = logR + shift;
        return new Solution(logZ, RelativeError(l1, walkers, l2, logZ, s1, s2), iteration, converged && double.IsFinite(logZ));
    }

    // Frühwirth-Schnatter (2004) RE of Z: f₁ = p/(s₁p + s₂g) at the proposal draws, f₂ = g/(s₁p + s₂g) at the
    // posterior samples, p = q/Z.
    private static double RelativeError(double[] l1, int walkers, double[] l2, double logZ, double s1, double s2)
    {
        var f1 = new double[l2.Length];
        for (int j = 0; j < l2.Length; j++) f1[j] = 1 / (s1 + s2 * Math.Exp(logZ - l2[j]));
        var f2 = new double[l1.Length];
        for (int i = 0; i < l1.Length; i++) f2[i] = 1 / (s1 * Math.Exp(l1[i] - logZ) + s2);
        var (m1, v1) = MathNet.Numerics.Statistics.Statistics.MeanVariance(f1);
        var (m2, v2) = MathNet.Numerics.Statistics.Statistics.MeanVariance(f2);
        var tau = Autocorrelation.IntegratedTime(f2, walkers, 1, 0);
        double t = double.IsFinite(tau.Tau) ? Math.Max(tau.Tau, 1) : l1.Length / walkers;
        double re2 = v1 / (m1 * m1) / l2.Length + t * v2 / (m2 * m2) / l1.Length;
        return Math.Sqrt(re2);
    }

    // Largest |chain share − importance estimate| / σ over the mixture components (regions of largest responsibility).
    private static double ComponentPull(BridgeChain chain, BridgeProposal proposal, Draws draws, double logZ, out string worst)
    {
        int k = proposal.Components, d = proposal.Dimension;
        worst = "";
        if (k == 1) return 0;
        var est = chain.EstimatorPoints;
        int n1 = est.Length / d, walkers = chain.Walkers;
        var label = new int[n1];
        for (int i = 0; i < n1; i++) label[i] = proposal.Component(est.AsSpan(i * d, d));
        var drawLabel = new int[draws.Count];
        for (int j = 0; j < draws.Count; j++) drawLabel[j] = proposal.Component(draws.Points.AsSpan(j * d, d));
        double max = 0;
        var indicator = new double[n1];
        var weighted = new double[draws.Count];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n1; i++) indicator[i] = label[i] == c ? 1 : 0;
            for (int j = 0; j < draws.Count; j++) weighted[j] = drawLabel[j] == c ? Math.Exp(draws.LogRatios[j] - logZ) : 0;
            var (share, shareVariance) = MathNet.Numerics.Statistics.Statistics.MeanVariance(indicator);
            var (mass, massVariance) = MathNet.Numerics.Statistics.Statistics.MeanVariance(weighted);
            var tau = Autocorrelation.IntegratedTime(indicator, walkers, 1, 0);
            double t = double.IsFinite(tau.Tau) ? Math.Max(tau.Tau, 1) : n1 / walkers;
            double sigma = Math.Sqrt(t * shareVariance / n1 + massVariance / draws.Count);
            if (!(sigma > 0)) continue;
            double pull = Math.Abs(share - mass) / sigma;
            if (pull > max)
            {
                max = pull;
                worst = FormattableString.Invariant($"component {c + 1} of {k}: {share:P1} of the chain, {mass:P1} of the posterior");
            }
        }
        return max;
    }
}
