using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Evidence;

/// <summary>
/// What <c>crinf evidence</c> was asked to do. Null settings fall back to (on <c>--resume</c>) the
/// settings given on the command line of the run being resumed, then to the prior file (<c>nested:</c>
/// section for nested sampling; <c>sampler.seed</c> and <c>sampler.moves</c> for parallel tempering), then to
/// <see cref="EvidenceDefaults"/>. The run folder defaults to <c>results/&lt;stem&gt;-evidence/</c> (nested)
/// or <c>results/&lt;stem&gt;-pt/</c>.
/// </summary>
/// <param name="PriorFile">The prior file, as the user named it.</param>
public sealed record EvidenceOptions(string PriorFile) : RunOptions(PriorFile)
{
    /// <summary><c>--method</c>: <c>nested</c> or <c>pt</c>; null: nested, or on <c>--resume</c> the method of the run
    /// being resumed (<see cref="EvidenceRunKind.For"/>).</summary>
    public string? Method { get; init; }

    /// <summary><c>--live</c>: live points of nested sampling (overrides <c>nested.live</c>).</summary>
    public int? Live { get; init; }

    /// <summary><c>--dlogz</c>: nested sampling's stop threshold (overrides <c>nested.dlogz</c>).</summary>
    public double? DLogZ { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public ulong? Seed { get; init; }

    /// <summary><c>--walkers</c>: walkers per temperature (parallel tempering).</summary>
    public int? Walkers { get; init; }

    /// <summary><c>--temperatures</c>: number of temperatures (parallel tempering).</summary>
    public int? Temperatures { get; init; }

    /// <summary><c>--burn-in</c>: burn-in steps (parallel tempering).</summary>
    public long? BurnIn { get; init; }

    /// <summary><c>--steps</c>: production steps (parallel tempering).</summary>
    public long? Steps { get; init; }

    /// <summary>A checkpoint is written when this many seconds passed since the last one (or
    /// <see cref="CheckpointInterval"/> …). Not part of a run's identity.</summary>
    public double CheckpointSeconds { get; init; } = EvidenceDefaults.CheckpointSeconds;

    /// <summary>… or when this many nested-sampling iterations (parallel tempering: steps) passed since the last one.
    /// Null: <see cref="EvidenceDefaults.CheckpointIterations"/> (nested) or <see cref="EvidenceDefaults.CheckpointSteps"/> (PT).</summary>
    public long? CheckpointInterval { get; init; }

    /// <summary>Called on the sampling thread after each checkpoint is durable (argument: checkpoints written in this
    /// session). For tools and tests that watch a run.</summary>
    public Action<int>? CheckpointWritten { get; init; }
}

/// <summary>
/// The settings an evidence run uses when neither the prior file nor the command line gives them.
/// </summary>
/// <remarks>
/// <para><b>Nested sampling</b>: 500 live points (σ(ln Z) ≈ √(H/n)), dlogz 0.1, batch of
/// min(16, n/2) replacements drawn in parallel, seed 1; everything else as <c>NestedSettings</c>.</para>
/// <para><b>Parallel tempering</b> for an analytic test problem: the library's defaults
/// (<c>TemperingSettings</c>: K = min(32, 4 + ⌈4√D⌉) temperatures, max(32, 4D) walkers per temperature,
/// 1000 burn-in + 2000 production steps). For a physics model, where one likelihood call costs
/// 0.1–20 ms, lighter in walkers and steps but with more temperatures: max(16, 2D + 2) walkers per
/// temperature (even), 400 burn-in + 600 production steps, K = 32 temperatures — K × W × 1000 calls, e.g.
/// 32 × 16 × 1000 ≈ 5·10⁵ for D = 5. More temperatures because a physics ln L varies by ~10⁷ over the prior,
/// so the automatic β_min is ~10⁻⁸ and the ladder spans eight decades: on <c>priors/two-phase.yaml</c> the
/// library's K = 13 left swap acceptances of 0.10–0.14 between the coldest pairs and a TI discretisation error
/// of 24 nats; K = 24 gave 1.8 nats, K = 32 acceptances ≥ 0.5 and 0.6 nats (stepping stones agreed with
/// nested sampling within 1σ). The bootstrap errors are only as good as the run is long:
/// <c>evidence.json</c> reports <c>errors_trusted</c> (blocks longer than 2 τ of the per-step TI estimate);
/// run longer (<c>--steps</c>) when it is false.</para>
/// </remarks>
public static class EvidenceDefaults
{
    /// <summary>Live points when neither the prior file nor the command line gives them.</summary>
    public const int Live = 500;

    /// <summary>Stop threshold of nested sampling (nats).</summary>
    public const double DLogZ = 0.1;

    /// <summary>Seed when none is given.</summary>
    public const ulong Seed = 1;

    /// <summary>Largest batch of live-point replacements.</summary>
    public const int BatchSize = 16;

    /// <summary>Seconds between checkpoints.</summary>
    public const double CheckpointSeconds = 10;

    /// <summary>Nested-sampling iterations between checkpoints.</summary>
    public const long CheckpointIterations = 1000;

    /// <summary>Parallel-tempering steps between checkpoints.</summary>
    public const long CheckpointSteps = 500;

    /// <summary>Burn-in steps of parallel tempering for a physics model.</summary>
    public const long PhysicsBurnInSteps = 400;

    /// <summary>Production steps of parallel tempering for a physics model.</summary>
    public const long PhysicsSteps = 600;

    /// <summary>Temperatures of parallel tempering for a physics model.</summary>
    public const int PhysicsTemperatures = 32;

    /// <summary>Walkers per temperature of parallel tempering for a physics model: max(16, 2D + 2), even.</summary>
    public static int PhysicsWalkers(int dimension)
    {
        int walkers = Math.Max(16, 2 * dimension + 2);
        return walkers + (walkers % 2);
    }

    /// <summary>Batch size for <paramref name="live"/> live points: min(16, n/2), at least 1.</summary>
    public static int BatchSizeFor(int live) => Math.Max(1, Math.Min(BatchSize, live / 2));
}
