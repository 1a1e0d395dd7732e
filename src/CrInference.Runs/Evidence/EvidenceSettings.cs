using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Runs;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tempering;

namespace CrInference.Runs.Evidence;

/// <summary>
/// The settings of an evidence run, resolved: command line, then (resuming) the original run's
/// command-line settings, then the prior file (<c>nested:</c> for nested sampling; <c>sampler.seed</c> for
/// parallel tempering), then <see cref="EvidenceDefaults"/>.
/// </summary>
/// <param name="Method">How ln Z is computed.</param>
/// <param name="Seed">The user seed; the run's root key is <c>RandomKey.FromSeed(Seed)</c>.</param>
/// <param name="Nested">Nested-sampling settings (null for PT).</param>
/// <param name="Tempering">Parallel-tempering settings (null for nested sampling).</param>
/// <param name="RecordedSpec">The prior file as the manifest records it (nested: its <c>nested</c> section resolved).</param>
/// <param name="Overrides">Settings given on the command line (carried over by <c>--resume</c>).</param>
/// <param name="IdentitySettings">Every setting that changes the result (part of the run's identity).</param>
/// <param name="SamplerSection">The manifest's <c>sampler</c> section.</param>
public sealed record EvidenceSettings(
    EvidenceMethod Method,
    ulong Seed,
    NestedSettings? Nested,
    TemperingSettings? Tempering,
    PriorFileSpec RecordedSpec,
    JsonObject Overrides,
    JsonObject IdentitySettings,
    JsonObject SamplerSection)
{
    /// <summary>Resolves the settings of <paramref name="method"/> for <paramref name="spec"/>; user errors are thrown.</summary>
    public static EvidenceSettings Resolve(PriorFileSpec spec, EvidenceOptions options, EvidenceMethod method, JsonObject? previousManifest, int threads)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var inherited = previousManifest?["command_line_overrides"] as JsonObject;
        var overrides = new JsonObject();
        int d = spec.FreeParams.Count();
        return method == EvidenceMethod.Nested
            ? ResolveNested(spec, options, inherited, overrides, d, threads)
            : ResolveTempering(spec, options, inherited, overrides, d, threads);
    }

    private static EvidenceSettings ResolveNested(PriorFileSpec spec, EvidenceOptions options, JsonObject? inherited, JsonObject overrides, int d, int threads)
    {
        if (options.Walkers is not null || options.Temperatures is not null || options.BurnIn is not null || options.Steps is not null)
        {
            throw new UserInputException("--walkers, --temperatures, --burn-in and --steps apply to --method pt; nested sampling takes --live and --dlogz");
        }
        int live = SettingPick.Pick(options.Live, inherited, "live", v => (int)v, v => v, spec.Nested?.Live, EvidenceDefaults.Live, overrides);
        double dlogz = SettingPick.Pick(options.DLogZ, inherited, "dlogz", v => (double)v, v => v, spec.Nested?.DeltaLogZ, EvidenceDefaults.DLogZ, overrides);
        ulong seed = SettingPick.Pick(options.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Nested?.Seed, EvidenceDefaults.Seed, overrides);
        int minimum = 2 * d + 2;
        if (live < minimum)
        {
            string problem = $"{live} live points are too few for {d} free parameters (nested sampling needs at least 2 x {d} + 2 = {minimum})";
            throw options.Live is null && inherited?["live"] is null && spec.Nested?.Live is not null
                ? PriorFileLocation.Error(spec, "nested.live", problem)
                : new UserInputException($"--live {live}: {problem}");
        }
        if (!(dlogz > 0) || double.IsInfinity(dlogz)) throw new UserInputException($"--dlogz must be a finite number > 0 (got {dlogz})");
        var settings = new NestedSettings
        {
            LiveCount = live,
            DLogZ = dlogz,
            BatchSize = EvidenceDefaults.BatchSizeFor(live),
            MaxThreads = threads,
        };
        Validate(() => settings.Validate(d), "nested sampling");
        var identity = new JsonObject
        {
            ["seed"] = seed,
            ["live"] = settings.LiveCount,
            ["dlogz"] = settings.DLogZ,
            ["batch_size"] = settings.BatchSize,
            ["unit_cube_fraction"] = settings.UnitCubeFraction,
            ["enlargement"] = settings.Enlargement,
            ["bound_update_interval"] = settings.BoundUpdateInterval,
            ["sampler"] = settings.Sampler.ToString().ToLowerInvariant(),
            ["slice_dimension"] = settings.SliceDimension,
            ["min_rejection_efficiency"] = settings.MinRejectionEfficiency,
            ["slices"] = settings.SlicesFor(d),
            ["error_simulations"] = settings.ErrorSimulations,
        };
        var sampler = new JsonObject
        {
            ["algorithm"] = "nested sampling (Skilling 2004, 2006): live points drawn through the priors' unit-interval maps, multi-ellipsoid rejection sampling, random-direction slice sampling once rejection becomes inefficient (CrInference.Sampling.Nested.NestedSampler)",
            ["settings"] = identity.DeepClone(),
            ["termination"] = "ln(Z + L_max X) - ln Z < dlogz, then the live points are added with shrinking live counts",
            ["random_keys"] = "RandomKey.FromSeed(seed): initial live point k .Split(0).Split(k); replacement k of batch b .Split(1).Split(b).Split(k); error simulations .Split(2); prior-draw check .Split(2^64-2)",
        };
        var recorded = spec with { Nested = new NestedSpec(live, dlogz, seed) };
        return new EvidenceSettings(EvidenceMethod.Nested, seed, settings, null, recorded, overrides, identity, sampler);
    }

    private static EvidenceSettings ResolveTempering(PriorFileSpec spec, EvidenceOptions options, JsonObject? inherited, JsonObject overrides, int d, int threads)
    {
        if (options.Live is not null || options.DLogZ is not null)
        {
            throw new UserInputException("--live and --dlogz apply to --method nested; parallel tempering takes --walkers, --temperatures, --burn-in and --steps");
        }
        bool physics = spec.Problem is null;
        var library = new TemperingSettings();
        ulong seed = SettingPick.Pick(options.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Sampler.Seed, EvidenceDefaults.Seed, overrides);
        int walkers = SettingPick.Pick(options.Walkers, inherited, "walkers", v => (int)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsWalkers(d) : TemperingSettings.DefaultWalkers(d), overrides);
        long burnIn = SettingPick.Pick(options.BurnIn, inherited, "burn_in", v => (long)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsBurnInSteps : library.BurnInSteps, overrides);
        long steps = SettingPick.Pick(options.Steps, inherited, "steps", v => (long)v, v => v, null,
            physics ? EvidenceDefaults.PhysicsSteps : library.Steps, overrides);
        int? temperatures = options.Temperatures ?? (inherited?["temperatures"] is JsonValue t ? (int)t : null);
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
            ["bootstrap_blocks"] = settings.BootstrapBlocks,
            ["bootstrap_replicates"] = settings.BootstrapReplicates,
        };
        AddMoves(identity, spec, settings);
        var sampler = new JsonObject
        {
            ["algorithm"] = "parallel tempering with the affine-invariant ensemble sampler (ptemcee-style, Vousden, Farr & Mandel 2016): ladder adapted during burn-in, fixed for production; ln Z by thermodynamic integration (cubic Hermite) and stepping stones, block-bootstrap errors (CrInference.Sampling.Tempering.ParallelTempering)",
            ["defaults"] = physics
                ? "physics model: 32 temperatures, walkers per temperature max(16, 2D + 2), 400 burn-in + 600 production steps; check errors_trusted in evidence.json"
                : "analytic test problem: the library's defaults",
            ["settings"] = identity.DeepClone(),
            ["random_keys"] = "RandomKey.FromSeed(seed): step s, temperature k .Split(0).Split(s).Split(k); swaps .Split(0).Split(s).Split(2^32); initial ensembles .Split(1).Split(k); prior draws .Split(2).Split(i); bootstrap .Split(3); prior-draw check .Split(2^64-2)",
        };
        return new EvidenceSettings(EvidenceMethod.Pt, seed, null, settings, spec, overrides, identity, sampler);
    }

    /// <summary>The move mix in the identity: the default as <c>stretch_weight</c>/<c>de_weight</c>, a prior file's
    /// <c>sampler.moves</c> as a <c>moves</c> object (name → weight, in the order the mixture is built).</summary>
    private static void AddMoves(JsonObject identity, PriorFileSpec spec, TemperingSettings settings)
    {
        if (spec.Sampler.Moves.IsEmpty)
        {
            identity.Insert(identity.IndexOf("bootstrap_blocks"), "stretch_weight", Weight("stretch"));
            identity.Insert(identity.IndexOf("bootstrap_blocks"), "de_weight", Weight("de"));
            return;
        }
        var moves = new JsonObject();
        foreach (var (name, weight) in settings.Moves) moves[name] = weight;
        identity.Insert(identity.IndexOf("bootstrap_blocks"), "moves", moves);

        double Weight(string name) => settings.Moves.FirstOrDefault(m => m.Name == name)?.Weight ?? 0;
    }

    private static void Validate(Action validate, string what)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            string suffix = e.ParamName is null ? "" : $" (Parameter '{e.ParamName}')";
            string message = suffix.Length > 0 && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
            throw new UserInputException($"{what}: {message}");
        }
    }
}
