using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tempering;

namespace CrInference.Runs.Evidence;

/// <summary>
/// <c>crinf evidence --method pt</c>: ln Z by parallel tempering (<see cref="ParallelTempering"/>: thermodynamic
/// integration and stepping stones), with the β = 1 chain of the production steps as <c>samples.parquet</c>.
/// Settings: command line, then the original run's, then the prior file (<c>sampler.seed</c>, <c>sampler.moves</c>),
/// then <see cref="EvidenceDefaults"/> (physics models) or the library's <see cref="TemperingSettings"/> (test problems).
/// </summary>
/// <remarks>
/// Moves: without <c>sampler.moves</c> every tempered ensemble uses the library's mix (80 % stretch then 20 % DE),
/// recorded as <c>stretch_weight</c>/<c>de_weight</c>; with it, the prior file's mix built as a fit builds it
/// (<see cref="MoveCatalog"/>, ordinal name order), recorded as a <c>moves</c> object in the identity.
/// </remarks>
public sealed class TemperingRunKind : EvidenceRunKind
{
    private TemperingRunKind()
    {
    }

    /// <summary>The one instance.</summary>
    public static TemperingRunKind Instance { get; } = new();

    public override string Name => "pt";

    public override EvidenceWording Wording { get; } = new(
        "parallel tempering",
        "1 (beta = 1 chain of the production steps)",
        "beta = 1 chain, weight 1",
        "From the beta = 1 chain of the production steps (burn-in discarded), equal weights.",
        "parallel tempering, beta = 1 chain");

    protected override string DirectorySuffix => "-pt";

    public override IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (evidence, inherited) = Unpack(options, previousManifest);
        if (evidence.Live is not null || evidence.DLogZ is not null)
        {
            throw new UserInputException("--live and --dlogz apply to --method nested; parallel tempering takes --walkers, --temperatures, --burn-in and --steps");
        }
        int d = spec.FreeParams.Count();
        bool physics = spec.Problem is null;
        var library = new TemperingSettings();
        var overrides = new JsonObject();
        ulong seed = SettingPick.Pick(evidence.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Sampler.Seed, EvidenceDefaults.Seed, overrides);
        int walkers = SettingPick.Pick(evidence.Walkers, inherited, "walkers", v => (int)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsWalkers(d) : TemperingSettings.DefaultWalkers(d), overrides);
        long burnIn = SettingPick.Pick(evidence.BurnIn, inherited, "burn_in", v => (long)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsBurnInSteps : library.BurnInSteps, overrides);
        long steps = SettingPick.Pick(evidence.Steps, inherited, "steps", v => (long)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsSteps : library.Steps, overrides);
        int? temperatures = evidence.Temperatures ?? (inherited?["temperatures"] is JsonValue t ? (int)t : null);
        if (temperatures is { } k) overrides["temperatures"] = k;
        else if (physics) temperatures = EvidenceDefaults.PhysicsTemperatures;
        var settings = library with
        {
            Temperatures = temperatures,
            WalkersPerTemperature = walkers,
            BurnInSteps = burnIn,
            Steps = steps,
            Threads = threads,
            CheckpointIntervalSteps = physics ? 10 : 50,
            // The prior file's sampler.moves, built in the fit's (ordinal) order; without them the library's mix.
            Moves = spec.Sampler.Moves.IsEmpty ? library.Moves : [.. spec.Sampler.Moves.Select(kv => new MoveWeight(kv.Key, kv.Value))],
        };
        Validate(() => settings.Validate(d), "parallel tempering");
        return new TemperingPlan(this, evidence, seed, settings, spec, overrides, Identity(settings, seed, !spec.Sampler.Moves.IsEmpty), physics);
    }

    /// <summary>Every setting that changes the result; the move mix as described in the remarks.</summary>
    private static JsonObject Identity(TemperingSettings settings, ulong seed, bool movesGiven)
    {
        var identity = new JsonObject
        {
            ["seed"] = seed,
            ["temperatures"] = settings.Temperatures,
            ["temperatures_default"] = "min(32, 4 + ceil(4 sqrt(D)))",
            ["beta_min"] = settings.BetaMin,
            ["beta_min_default"] = "clamp(0.1 / sd_prior(ln L), 1e-12, 1e-3)",
            ["walkers_per_temperature"] = settings.WalkersPerTemperature,
            ["burn_in_steps"] = settings.BurnInSteps,
            ["steps"] = settings.Steps,
            ["adapt_ladder"] = settings.AdaptLadder,
            ["adaptation_time"] = settings.AdaptationTime,
            ["adaptation_lag"] = settings.AdaptationLag,
            ["prior_draws"] = settings.PriorDraws,
        };
        if (movesGiven)
        {
            identity["moves"] = new JsonObject([.. settings.Moves.Select(m => KeyValuePair.Create(m.Name, (JsonNode?)m.Weight))]);
        }
        else
        {
            identity["stretch_weight"] = Weight("stretch");
            identity["de_weight"] = Weight("de");
        }
        identity["bootstrap_blocks"] = settings.BootstrapBlocks;
        identity["bootstrap_replicates"] = settings.BootstrapReplicates;
        return identity;

        double Weight(string name) => settings.Moves.FirstOrDefault(m => m.Name == name)?.Weight ?? 0;
    }
}
