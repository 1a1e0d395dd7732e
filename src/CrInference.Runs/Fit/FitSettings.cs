using System.Text.Json.Nodes;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Runs.Lifecycle;
using CrInference.Sampling.Ensemble;

namespace CrInference.Runs.Fit;

/// <summary>
/// The sampler settings of a fit as resolved from the command line, the prior file and the defaults.
/// </summary>
/// <param name="Walkers">Walkers of the ensemble.</param>
/// <param name="Steps">Steps (the maximum with <paramref name="UntilConverged"/>).</param>
/// <param name="Seed">User seed; the root key is <c>RandomKey.FromSeed(Seed)</c>.</param>
/// <param name="Thin">Every how many steps a row is stored.</param>
/// <param name="BlockSteps">Steps per chain block (row group, checkpoint).</param>
/// <param name="UntilConverged">The stop rule, or null to run <paramref name="Steps"/> steps.</param>
/// <param name="RelocateLaggingUntilStep">End of the burn-in relocation of lagging walkers (0: none); fixed by the
/// run's first session (<c>relocate_lagging</c> × steps) and kept by resumed ones.</param>
public sealed record FitSamplerSettings(int Walkers, long Steps, ulong Seed, int Thin, int BlockSteps, ConvergenceRule? UntilConverged, long RelocateLaggingUntilStep = 0);

/// <summary>How a fit's settings are resolved: command line, then (resuming) the original run's command-line
/// overrides, then the prior file, then <see cref="FitDefaults"/>.</summary>
public static class FitSettings
{
    /// <summary>The prior file with every sampler setting resolved, the settings, and the command-line overrides to record.</summary>
    public static (PriorFileSpec Spec, FitSamplerSettings Settings, JsonObject Overrides) Resolve(PriorFileSpec spec, FitOptions options, JsonObject? previous)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var inherited = previous?["command_line_overrides"] as JsonObject;
        int dimension = spec.FreeParams.Count();
        var overrides = new JsonObject();
        int walkers = SettingPick.Pick(options.Walkers, inherited, "walkers", v => (int)v, v => v, spec.Sampler.Walkers, FitDefaults.Walkers(dimension), overrides);
        long steps = SettingPick.Pick(options.Steps, inherited, "steps", v => (long)v, v => v, spec.Sampler.Steps, FitDefaults.Steps, overrides);
        ulong seed = SettingPick.Pick(options.Seed, inherited, "seed", v => (ulong)v, v => v, spec.Sampler.Seed, FitDefaults.Seed, overrides);
        bool untilConverged = options.UntilConverged || (inherited?["until_converged"] is JsonValue u && (bool)u);
        if (untilConverged) overrides["until_converged"] = true;
        int thin = spec.Sampler.Thin ?? 1;
        var moves = spec.Sampler.Moves.IsEmpty ? FitDefaults.Moves : spec.Sampler.Moves;

        int minimum = Math.Max(RedBlueKernel.MinimumWalkers, 2 * dimension);
        if (walkers < minimum)
        {
            string problem = $"{walkers} walkers are too few for {dimension} free parameters (the ensemble needs at least {minimum})";
            throw options.Walkers is null && inherited?["walkers"] is null
                ? PriorFileLocation.Error(spec, "sampler.walkers", problem)
                : new UserInputException($"--walkers {walkers}: too few for {dimension} free parameters (the ensemble needs at least {minimum})");
        }
        if (steps < 1) throw new UserInputException($"--steps must be >= 1 (got {steps})");
        int blockSteps = BlockSteps(spec, options.BlockSteps, thin, steps, untilConverged);
        var rule = untilConverged ? new ConvergenceRule(CheckIntervalSteps: FitDefaults.ConvergenceCheckSteps) : null;
        // The relocation phase is fixed when the run starts, so extending a run with --steps on resume keeps it.
        long relocateUntil = previous?["sampler"]?["relocate_lagging_until_step"] is JsonValue kept
            ? (long)kept
            : (long)Math.Round((spec.Sampler.RelocateLagging ?? 0) * steps);
        var resolved = spec with { Sampler = new SamplerSpec(walkers, steps, seed, thin, moves) { RelocateLagging = spec.Sampler.RelocateLagging, Starts = spec.Sampler.Starts } };
        return (resolved, new FitSamplerSettings(walkers, steps, seed, thin, blockSteps, rule, relocateUntil), overrides);
    }

    /// <summary>The prior file's moves (or the default mix), built in ordinal name order by <see cref="MoveCatalog"/>.</summary>
    public static IEnsembleMove BuildMove(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        try
        {
            return MoveCatalog.Build(weights.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new MoveWeight(kv.Key, kv.Value)));
        }
        catch (ArgumentException e)
        {
            throw new UserInputException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Where each parameter's walkers start: its <c>ref</c> ball in sampled coordinates (for a
    /// log-uniform prior ln x, with mean ln(mean) and sigma sigma/mean, the ball's relative width), else its prior.</summary>
    public static ParameterStart[] StartsOf(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. spec.FreeParams.Select(p => p.Ref is not { } r
            ? ParameterStart.Prior
            : p.Prior is LogUniformPrior
                ? ParameterStart.GaussianBall(Math.Log(r.Mean), r.Sigma / r.Mean)
                : ParameterStart.GaussianBall(p.Prior.ToSampled(r.Mean), r.Sigma))];
    }

    /// <summary>Steps per block: the option's, rounded up to a multiple of the thinning (which needs whole thinned blocks).</summary>
    private static int BlockSteps(PriorFileSpec spec, int blockSteps, int thin, long steps, bool untilConverged)
    {
        if (blockSteps < 1) throw new UserInputException($"block size must be >= 1 step (got {blockSteps})");
        if (thin <= 1) return blockSteps;
        if (untilConverged)
        {
            throw PriorFileLocation.Error(spec, "sampler.thin", "--until-converged needs every step (thin = 1) to measure tau; remove thin");
        }
        if (steps % thin != 0)
        {
            throw PriorFileLocation.Error(spec, "sampler.thin", $"the steps ({steps}) must be a multiple of thin ({thin})");
        }
        return (blockSteps + thin - 1) / thin * thin;
    }
}
