using System.Text.Json.Nodes;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Runs.Reports;
using CrInference.Sampling.Bridge;

namespace CrInference.Runs.Fit;

/// <summary>
/// ln Z of a finished fit from its own post-burn-in chain by bridge sampling (<see cref="BridgeSampler"/>: Meng &amp; Wong
/// 1996 with a Gaussian-mixture proposal as in Gronau et al. 2017; σ from Frühwirth-Schnatter 2004), with plain
/// importance sampling from the same proposal as a second estimator. Reported only when the estimator's own checks pass
/// (enough independent samples, proposal overlap, stationarity, mode proportions, agreement with importance sampling);
/// otherwise the reason is reported instead. Costs <see cref="BridgeSamplingSettings.ProposalDraws"/> likelihood calls.
/// </summary>
public sealed record ChainEvidence(BridgeSamplingResult Result)
{
    /// <summary>Index of the random stream of the proposal draws under the run's root key (far above any step index).</summary>
    public const ulong KeyStream = 0xB1D6E000_00000000UL;

    /// <summary>Estimates ln Z from the kept chain: <paramref name="physical"/> (step-major, physical units, burn-in removed)
    /// and its <paramref name="logLikelihoods"/>. A chain whose smallest ESS over the parameters (<paramref name="essMin"/>)
    /// is below the estimator's minimum of independent samples is refused before any likelihood call (the estimator's own
    /// count, from the median τ, is less strict).</summary>
    public static ChainEvidence Estimate(IPosterior posterior, int walkers, ReadOnlySpan<double> physical, ReadOnlySpan<double> logLikelihoods,
        ulong seed, int threads, double essMin)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var settings = new BridgeSamplingSettings();
        if (!(essMin >= settings.MinEffectiveSamples))
        {
            var none = new BridgeSamplingDiagnostics(double.NaN, double.NaN, 0, 0, 0, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN);
            return new ChainEvidence(new BridgeSamplingResult(null, null,
                RunText.Invariant($"too few independent posterior samples (ESS {essMin:0} < {settings.MinEffectiveSamples}); run longer"), 0, none));
        }
        int d = posterior.Space.Dimension;
        var sampled = new double[physical.Length];
        for (int r = 0; r < physical.Length; r++) sampled[r] = posterior.Space.Parameters[r % d].Prior.ToSampled(physical[r]);
        int steps = logLikelihoods.Length / walkers;
        var key = RandomKey.FromSeed(seed).Split(KeyStream);
        return new ChainEvidence(BridgeSampler.Estimate(posterior, walkers, steps, sampled, logLikelihoods, key, settings, Math.Max(1, threads)));
    }

    /// <summary>The summary.json fields: <c>log_z</c>, <c>log_z_err</c>, <c>log_z_method</c> (null when not trusted),
    /// <c>log_z_failure</c>, and the importance-sampling cross-check.</summary>
    public void AddTo(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var d = Result.Diagnostics;
        json["log_z"] = Result.Succeeded ? RunJson.Number(Result.LogEvidence!.Value) : null;
        json["log_z_err"] = Result.Succeeded ? RunJson.Number(Result.LogEvidenceError!.Value) : null;
        json["log_z_method"] = Result.Succeeded ? BridgeSamplingResult.Method : null;
        json["log_z_failure"] = Result.Failure;
        json["log_z_check"] = new JsonObject
        {
            ["method"] = "importance sampling from the bridge proposal",
            ["log_z"] = double.IsFinite(d.ImportanceEstimate) ? RunJson.Number(d.ImportanceEstimate) : null,
            ["log_z_err"] = double.IsFinite(d.ImportanceError) ? RunJson.Number(d.ImportanceError) : null,
            ["likelihood_calls"] = Result.LikelihoodCalls,
            ["effective_posterior_samples"] = double.IsFinite(d.EffectiveSamples) ? RunJson.Number(d.EffectiveSamples) : null,
            ["mixture_components"] = d.Components,
        };
    }

    /// <summary>One Markdown table row for summary.md.</summary>
    public string MarkdownRow()
    {
        var d = Result.Diagnostics;
        string check = double.IsFinite(d.ImportanceEstimate) ? RunText.Invariant($"; importance sampling {d.ImportanceEstimate:0.000} ± {d.ImportanceError:0.000}") : "";
        return Result.Succeeded
            ? RunText.Invariant($"| Evidence (from the chain) | ln Z = **{Result.LogEvidence:0.000} ± {Result.LogEvidenceError:0.000}** (bridge sampling, {Result.LikelihoodCalls} extra likelihood calls{check}) |")
            : $"| Evidence (from the chain) | not reported: {Result.Failure} |";
    }
}
