using System.Collections.Immutable;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// Settings of <see cref="ParallelTempering"/>. Every field except <see cref="Threads"/> and
/// <see cref="CheckpointIntervalSteps"/> changes the result; those two change only speed and how often
/// progress is reported (results are bitwise identical for any value).
/// </summary>
/// <remarks>
/// <para><b>Ladder.</b> β_0 = 1 &gt; β_1 &gt; … &gt; β_{K−1} = β_min, geometric (uniform in ln β) unless
/// <see cref="Betas"/> is given. Defaults and why:</para>
/// <list type="bullet">
/// <item><b>K</b> = min(32, 4 + ⌈4√D⌉) (10 for D = 2, 13 for D = 5, 17 for D = 10, 20 for D = 15). For a
/// D-dimensional Gaussian posterior a swap between β and rβ is accepted ≈ 35 % of the time at
/// ln(1/r) ≈ 1.8/√D (large-D limit: ln α ~ N(−μ, 2μ), μ = D(1 − r)²/2, checked by simulation for
/// D = 1 … 50); temperatures where the prior still dominates swap far more easily, so 4√D + 4
/// temperatures cover the likelihood-dominated part of a ladder spanning several decades.</item>
/// <item><b>β_min</b> = clamp(0.1 / sd_π(ln L), 10⁻¹², 10⁻³), with sd_π(ln L) the standard deviation of
/// ln L over the prior draws: the hottest chain then differs from the prior by a tempering whose
/// ln-weights vary by ~0.1, so it roams the prior (what mixing needs), and the segment [0, β_min] of
/// the thermodynamic integral, closed with the prior draws, is exact to ≲ 10⁻³ nats. The upper clamp
/// guards against a heavy tail of ln L that the prior draws missed. For a physics posterior with
/// sd_π(ln L) ~ 10⁵ this gives β_min ~ 10⁻⁶.</item>
/// <item><b>Walkers per temperature</b> = max(32, 4·D), even (the fit's default).</item>
/// <item><b>Adaptation</b> (Vousden, Farr &amp; Mandel 2016, MNRAS 455, 1919, eqs. 11–13, as in ptemcee):
/// during burn-in only, S_i = ln(T_{i+1} − T_i) moves by κ(t)(A_i − A_{i+1}) after every step, with A_i
/// the swap acceptance of pair (i, i+1) in that step and κ(t) = t₀ / (ν(t + t₀)), ν = 100, t₀ = 10⁴
/// (ptemcee's defaults); β_0 = 1 and β_min stay fixed. The ladder is frozen for production, so the
/// evidence integrals use one fixed ladder and no adaptive sample enters them.</item>
/// </list>
/// <para><b>Length.</b> <see cref="BurnInSteps"/> (discarded; ladder adapts) then <see cref="Steps"/>
/// production steps. Each step = one red–blue kernel step at every temperature (<see cref="Moves"/>; by default
/// 80 % stretch, 20 % differential evolution), then one round of swap proposals between every
/// adjacent pair (one proposal per walker, pairs taken from the hottest to the coldest, as ptemcee).
/// Every tempered ensemble starts from independent prior draws.</para>
/// </remarks>
public sealed record TemperingSettings
{
    /// <summary>Number of temperatures K (≥ 2); null = min(32, 4 + ⌈4√D⌉). Ignored when <see cref="Betas"/> is set.</summary>
    public int? Temperatures { get; init; }

    /// <summary>Smallest inverse temperature; null = clamp(0.1 / sd_π(ln L), 1e-12, 1e-3) from the prior draws.
    /// Ignored when <see cref="Betas"/> is set.</summary>
    public double? BetaMin { get; init; }

    /// <summary>An explicit starting ladder (β_0 = 1, strictly decreasing, all &gt; 0); empty (default): geometric.</summary>
    public ImmutableArray<double> Betas { get; init; } = [];

    /// <summary>Walkers per temperature; null = max(32, 4·D), even.</summary>
    public int? WalkersPerTemperature { get; init; }

    /// <summary>Burn-in steps (discarded; the ladder adapts during them when <see cref="AdaptLadder"/>).</summary>
    public long BurnInSteps { get; init; } = 1000;

    /// <summary>Production steps used for the evidence and returned as the β = 1 chain.</summary>
    public long Steps { get; init; } = 2000;

    /// <summary>Adapt the ladder during burn-in (Vousden et al. 2016).</summary>
    public bool AdaptLadder { get; init; } = true;

    /// <summary>ν of the adaptation: the time scale, in steps, of the ladder's response (ptemcee: 100).</summary>
    public double AdaptationTime { get; init; } = 100;

    /// <summary>t₀ of the adaptation's hyperbolic decay κ ∝ t₀ / (t + t₀) (ptemcee: 10⁴).</summary>
    public double AdaptationLag { get; init; } = 10_000;

    /// <summary>Independent prior draws for the β = 0 end (⟨ln L⟩_π, the finite-likelihood fraction, the
    /// first stepping stone, and the automatic β_min).</summary>
    public int PriorDraws { get; init; } = 2000;

    /// <summary>The move mix of every tempered ensemble, built by <see cref="MoveCatalog.Build"/> in this order:
    /// by default 80 % stretch (Goodman &amp; Weare 2010, a = 2) then 20 % differential evolution (ter Braak 2006).</summary>
    public ImmutableArray<MoveWeight> Moves { get; init; } = DefaultMoves;

    /// <summary>The default move mix (see <see cref="Moves"/>).</summary>
    public static ImmutableArray<MoveWeight> DefaultMoves { get; } = [new("stretch", 0.8), new("de", 0.2)];

    /// <summary>Contiguous time blocks the production steps are cut into for the block bootstrap of the errors.</summary>
    public int BootstrapBlocks { get; init; } = 25;

    /// <summary>Bootstrap replicates for the errors.</summary>
    public int BootstrapReplicates { get; init; } = 200;

    /// <summary>Threads: temperatures are stepped in parallel. Does not change results.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Steps between progress reports (each report is a full <see cref="TemperingState"/>). Does not change results.</summary>
    public int CheckpointIntervalSteps { get; init; } = 100;

    /// <summary>The move mix of <see cref="Moves"/> (<see cref="MoveCatalog.Build"/>).</summary>
    public IEnsembleMove BuildMove() => MoveCatalog.Build(Moves);

    /// <summary>Default K for dimension <paramref name="dimension"/>: min(32, 4 + ⌈4√D⌉).</summary>
    public static int DefaultTemperatures(int dimension) => Math.Min(32, 4 + (int)Math.Ceiling(4 * Math.Sqrt(dimension)));

    /// <summary>Default walkers per temperature: max(32, 4·D), even.</summary>
    public static int DefaultWalkers(int dimension)
    {
        int walkers = Math.Max(32, 4 * dimension);
        return walkers + (walkers % 2);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(int dimension)
    {
        if (dimension < 1) throw new ArgumentException($"parallel tempering needs at least one parameter (got {dimension})");
        if (Temperatures is < 2) throw new ArgumentException($"temperatures must be >= 2 (got {Temperatures})", nameof(Temperatures));
        if (BetaMin is { } b && !(b > 0 && b < 1)) throw new ArgumentException($"beta-min must lie in (0, 1) (got {b})", nameof(BetaMin));
        if (!Betas.IsDefaultOrEmpty)
        {
            if (Betas.Length < 2) throw new ArgumentException($"an explicit ladder needs at least 2 temperatures (got {Betas.Length})", nameof(Betas));
            if (Betas[0] != 1.0) throw new ArgumentException($"an explicit ladder must start at beta = 1 (got {Betas[0]})", nameof(Betas));
            for (int k = 1; k < Betas.Length; k++)
            {
                if (!(Betas[k] > 0 && Betas[k] < Betas[k - 1]))
                {
                    throw new ArgumentException($"an explicit ladder must decrease strictly and stay > 0 (beta[{k}] = {Betas[k]})", nameof(Betas));
                }
            }
        }
        if (WalkersPerTemperature is { } w && (w < 2 * dimension || w < 4 || w % 2 != 0))
        {
            throw new ArgumentException($"walkers per temperature must be even and at least max(4, 2·D = {2 * dimension}) (got {w})", nameof(WalkersPerTemperature));
        }
        if (BurnInSteps < 0) throw new ArgumentException($"burn-in steps must be >= 0 (got {BurnInSteps})", nameof(BurnInSteps));
        if (Steps < BootstrapBlocks) throw new ArgumentException($"production steps ({Steps}) must be at least the bootstrap blocks ({BootstrapBlocks})", nameof(Steps));
        if (!(AdaptationTime > 0) || double.IsInfinity(AdaptationTime)) throw new ArgumentException($"adaptation time must be finite and > 0 (got {AdaptationTime})", nameof(AdaptationTime));
        if (!(AdaptationLag > 0) || double.IsInfinity(AdaptationLag)) throw new ArgumentException($"adaptation lag must be finite and > 0 (got {AdaptationLag})", nameof(AdaptationLag));
        if (PriorDraws < 10) throw new ArgumentException($"prior draws must be >= 10 (got {PriorDraws})", nameof(PriorDraws));
        if (Moves.IsDefaultOrEmpty) throw new ArgumentException("give at least one move", nameof(Moves));
        foreach (var (name, weight) in Moves)
        {
            if (MoveCatalog.Find(name) is null) throw new ArgumentException($"unknown move '{name}' (one of: {string.Join(", ", MoveCatalog.Names)})", nameof(Moves));
            if (!(weight > 0) || double.IsInfinity(weight)) throw new ArgumentException($"move '{name}' has weight {weight}; weights must be finite and > 0", nameof(Moves));
        }
        if (BootstrapBlocks < 2) throw new ArgumentException($"bootstrap blocks must be >= 2 (got {BootstrapBlocks})", nameof(BootstrapBlocks));
        if (BootstrapReplicates < 2) throw new ArgumentException($"bootstrap replicates must be >= 2 (got {BootstrapReplicates})", nameof(BootstrapReplicates));
        if (Threads < 1) throw new ArgumentException($"threads must be >= 1 (got {Threads})", nameof(Threads));
        if (CheckpointIntervalSteps < 1) throw new ArgumentException($"checkpoint interval must be >= 1 step (got {CheckpointIntervalSteps})", nameof(CheckpointIntervalSteps));
    }
}
