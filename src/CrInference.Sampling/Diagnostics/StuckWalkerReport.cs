using System.Collections.Immutable;

namespace CrInference.Sampling.Diagnostics;

/// <summary>One walker flagged by <see cref="StuckWalkerReport.Detect"/>.</summary>
/// <param name="Walker">Walker index.</param>
/// <param name="AcceptanceFraction">Its acceptance fraction over the whole chain.</param>
/// <param name="StepsSinceLastAcceptance">Steps since it last moved (the chain length if it never did).</param>
/// <param name="Reason">Which rule flagged it, in words.</param>
public sealed record StuckWalker(int Walker, double AcceptanceFraction, int StepsSinceLastAcceptance, string Reason);

/// <summary>
/// Stuck-walker detection. A walker is stuck when either
/// (1) it accepted no proposal in the last L = max(50, ⌈5 τ_max⌉) steps (the whole chain if shorter;
/// L = 50 if τ_max is unknown or infinite), or
/// (2) its acceptance fraction over the chain is below one tenth of the ensemble's median, or
/// (3) given the log posteriors, its median ln p over the last half of the chain lies more than
/// 5 + 3√(D/2) below the ensemble's (<see cref="LaggingWalkers"/>): a walker that moves but never
/// reaches the bulk.
/// Rule (1) catches a walker trapped behind a −∞ region or in a minor mode the others left; rule (2) one
/// that lags far behind. A healthy walker at acceptance 0.2 fails rule (1) with probability 0.8⁵⁰ ≈ 1e-5.
/// Stuck walkers bias an ensemble (Foreman-Mackey et al. 2013, §4): restart them or discard them.
/// </summary>
public sealed record StuckWalkerReport(ImmutableArray<StuckWalker> Stuck, int WindowSteps)
{
    /// <summary>Minimum window of rule (1), steps.</summary>
    public const int MinimumWindowSteps = 50;

    /// <summary>Window of rule (1) in units of τ_max.</summary>
    public const double WindowInTau = 5.0;

    /// <summary>Rule (2): flagged below this fraction of the median acceptance.</summary>
    public const double MedianFraction = 0.1;

    /// <summary>True when no walker is flagged.</summary>
    public bool IsHealthy => Stuck.IsEmpty;

    /// <summary>Applies the two rules to step-major acceptance flags (<c>accepted[t·walkers + w]</c>).</summary>
    /// <param name="accepted">Acceptance flags.</param>
    /// <param name="walkers">Number of walkers.</param>
    /// <param name="tauMax">Largest autocorrelation time of the parameters, steps (NaN or ∞ if unknown).</param>
    /// <param name="logPosterior">Step-major log posteriors for rule (3); empty to skip it.</param>
    /// <param name="dimension">Number of parameters (rule (3)).</param>
    public static StuckWalkerReport Detect(ReadOnlySpan<bool> accepted, int walkers, double tauMax,
        ReadOnlySpan<double> logPosterior = default, int dimension = 0)
    {
        var acceptance = AcceptanceSummary.Compute(accepted, walkers);
        int steps = accepted.Length / walkers;
        int window = double.IsFinite(tauMax) && tauMax > 0
            ? (int)Math.Max(MinimumWindowSteps, Math.Ceiling(WindowInTau * tauMax))
            : MinimumWindowSteps;
        int effectiveWindow = Math.Min(window, steps);
        var stuck = ImmutableArray.CreateBuilder<StuckWalker>();
        if (steps == 0)
        {
            return new StuckWalkerReport(stuck.ToImmutable(), window);
        }
        bool[]? lagging = null;
        double reference = double.NaN;
        if (logPosterior.Length == accepted.Length && dimension > 0)
        {
            (_, lagging, reference) = LaggingWalkers.JoinSteps(logPosterior, walkers, dimension);
        }
        for (int w = 0; w < walkers; w++)
        {
            int sinceLast = steps;
            for (int t = steps - 1; t >= 0; t--)
            {
                if (accepted[t * walkers + w])
                {
                    sinceLast = steps - 1 - t;
                    break;
                }
            }
            double fraction = acceptance.PerWalker[w];
            string? reason = null;
            if (sinceLast >= effectiveWindow)
            {
                reason = FormattableString.Invariant($"no accepted move in the last {effectiveWindow} steps");
            }
            else if (acceptance.Median > 0 && fraction < MedianFraction * acceptance.Median)
            {
                reason = FormattableString.Invariant($"acceptance {fraction:0.###} below 1/10 of the median {acceptance.Median:0.###}");
            }
            else if (lagging is not null && lagging[w])
            {
                reason = FormattableString.Invariant($"ln p lags the ensemble (median over the last half more than {LaggingWalkers.Threshold(dimension):0.#} below the ensemble's {reference:0.##})");
            }
            if (reason is not null)
            {
                stuck.Add(new StuckWalker(w, fraction, sinceLast, reason));
            }
        }
        return new StuckWalkerReport(stuck.ToImmutable(), window);
    }
}
