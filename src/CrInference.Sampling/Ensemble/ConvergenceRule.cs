using CrInference.Sampling.Diagnostics;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The <c>--until-converged</c> stop rule of emcee's documentation ("Saving &amp; monitoring progress",
/// Foreman-Mackey et al.): every <see cref="CheckIntervalSteps"/> steps (counted from step 0, so a
/// resumed run checks at the same steps) estimate τ for every parameter; stop when the chain is at
/// least <see cref="MinimumLengthInTau"/> × τ_max long and every τ changed by less than
/// <see cref="MaximumRelativeTauChange"/> (relative to the new value) since the previous check.
/// </summary>
public sealed record ConvergenceRule(
    int CheckIntervalSteps = 100,
    double MinimumLengthInTau = 50.0,
    double MaximumRelativeTauChange = 0.01)
{
    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (CheckIntervalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckIntervalSteps), CheckIntervalSteps, "the convergence check interval must be ≥ 1 step");
        }
        if (!(MinimumLengthInTau > 0) || double.IsInfinity(MinimumLengthInTau))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumLengthInTau), MinimumLengthInTau, "the minimum chain length in τ must be finite and > 0");
        }
        if (!(MaximumRelativeTauChange > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRelativeTauChange), MaximumRelativeTauChange, "the τ stability tolerance must be > 0");
        }
    }

    /// <summary>
    /// The rule itself: <paramref name="chainSteps"/> ≥ N·τ_p and |τ_p − τ′_p| &lt; tol·τ_p for every
    /// parameter p, with τ′ the previous check's estimates (false when there is none yet or any τ is not finite).
    /// </summary>
    public bool IsConverged(ReadOnlySpan<AutocorrelationEstimate> current, ReadOnlySpan<AutocorrelationEstimate> previous, long chainSteps)
    {
        if (current.IsEmpty || previous.Length != current.Length)
        {
            return false;
        }
        for (int p = 0; p < current.Length; p++)
        {
            double tau = current[p].Tau;
            double before = previous[p].Tau;
            if (!double.IsFinite(tau) || !double.IsFinite(before) || !(tau > 0))
            {
                return false;
            }
            if (chainSteps < MinimumLengthInTau * tau || Math.Abs(before - tau) >= MaximumRelativeTauChange * tau)
            {
                return false;
            }
        }
        return true;
    }
}
