namespace CrInference.Sampling.Ensemble;

/// <summary>Settings of <see cref="EnsembleSampler"/>. None of them changes the chain's numbers except
/// <see cref="RelocateLagging"/> (a burn-in aid) and <see cref="StopWhenConverged"/>, which only decides where it ends.</summary>
public sealed record EnsembleSamplerOptions
{
    /// <summary>Threads evaluating walkers of a half-ensemble (1: serial on the caller's thread).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Steps per <see cref="Chains.ChainBlock"/>. Blocks are aligned to multiples of this
    /// counted from step 0, so a run resumed at a block boundary writes the same blocks.</summary>
    public int BlockSteps { get; init; } = 100;

    /// <summary>Steps between progress callbacks (one more comes at the end).</summary>
    public int ProgressIntervalSteps { get; init; } = 100;

    /// <summary>Steps between τ estimates for progress reports when no stop rule is set (0: none).
    /// Estimating τ keeps the whole chain in memory.</summary>
    public int TauIntervalSteps { get; init; }

    /// <summary>Optional <c>--until-converged</c> rule; null runs the requested number of steps.</summary>
    public ConvergenceRule? StopWhenConverged { get; init; }

    /// <summary>Optional burn-in relocation of walkers stranded far below the bulk (<see cref="LaggingWalkerRelocation"/>);
    /// null: pure MCMC from the first step.</summary>
    public LaggingWalkerRelocation? RelocateLagging { get; init; }

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be ≥ 1");
        if (BlockSteps < 1) throw new ArgumentOutOfRangeException(nameof(BlockSteps), BlockSteps, "block size must be ≥ 1 step");
        if (ProgressIntervalSteps < 1) throw new ArgumentOutOfRangeException(nameof(ProgressIntervalSteps), ProgressIntervalSteps, "progress interval must be ≥ 1 step");
        if (TauIntervalSteps < 0) throw new ArgumentOutOfRangeException(nameof(TauIntervalSteps), TauIntervalSteps, "τ interval must be ≥ 0 steps");
        StopWhenConverged?.Validate();
        RelocateLagging?.Validate();
    }
}
