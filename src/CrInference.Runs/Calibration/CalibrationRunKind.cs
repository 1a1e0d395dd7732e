using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Evidence;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Optimization;

namespace CrInference.Runs.Calibration;

/// <summary>
/// <c>crinf sbc</c>: calibration of a prior file's posterior on mock data. Each replicate takes a truth — a prior
/// draw (simulation-based calibration, Talts et al. 2018) or a chosen point (injection–recovery) — simulates data
/// at it with the likelihood's own error model (<see cref="MockDataTemplate"/>), samples the posterior given them as
/// <c>crinf fit</c> (or nested sampling as <c>crinf evidence</c>) would, and records where the truth fell
/// (<see cref="CalibrationReplicate"/>). Replicates run in parallel, one file each (<see cref="ReplicateFiles"/>);
/// <c>--resume</c> skips the finished ones, and a finished run is extended by resuming it with more
/// <c>--replicates</c>. Results: <c>sbc.csv</c>, <c>sbc.md</c>, <c>sbc.png</c> and, last,
/// <c>sbc-summary.json</c> (<see cref="SbcReport"/>); with fixed truths <c>injection.csv</c>, <c>injection.md</c>
/// and, last, <c>injection-summary.json</c> (<see cref="InjectionReport"/>).
/// </summary>
public sealed class CalibrationRunKind : IRunKind
{
    /// <summary>Value of the manifest's <c>format</c>.</summary>
    public const string Format = "crinference-calibration-manifest/1";

    /// <summary>Where the walkers of a <c>--starts optimize</c> replicate start, recorded in the run's identity (runs made
    /// before, with a ball at the best point, have no such key and are not resumed with this code).</summary>
    private const string ModeSearchWalkersAt = "search ends within the lagging threshold of the best";

    private CalibrationRunKind()
    {
    }

    /// <summary>The one instance.</summary>
    public static CalibrationRunKind Instance { get; } = new();

    public string Name => "sbc";

    public string ManifestFormat => Format;

    public RunFolderLayout Layout { get; } = new(
        "calibration run",
        $"{SbcReport.SummaryFileName} or {InjectionReport.SummaryFileName}",
        $"{RunManifest.FileName} and {ReplicateFiles.FolderName}/",
        IsFinished,
        directory => !IsFinished(directory) && RunManifest.TryRead(directory, Format) is not null,
        finished => finished ? $"a finished calibration run ({SbcReport.SummaryFileName} or {InjectionReport.SummaryFileName})" : $"an interrupted calibration run ({ReplicateFiles.FolderName}/)");

    /// <summary><c>results/&lt;prior file stem&gt;-sbc/</c>.</summary>
    public string DefaultDirectory(string priorFile) =>
        Path.Combine(RepositoryPaths.ResultsDirectory, Path.GetFileNameWithoutExtension(priorFile) + "-sbc");

    public string ResumeCommand(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string data = options.DataDirectory is null ? "" : $" --data-dir {options.DataDirectory}";
        return $"./crinf sbc {options.PriorFile}{(options.OutputDirectory is null ? "" : $" --out {options.OutputDirectory}")}{data} --resume";
    }

    public IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads)
    {
        var calibration = options as CalibrationOptions ?? throw new ArgumentException($"a calibration run takes {nameof(CalibrationOptions)}", nameof(options));
        ArgumentNullException.ThrowIfNull(spec);
        var inherited = previousManifest?["command_line_overrides"] as JsonObject;
        var fitOptions = new FitOptions(calibration.PriorFile) { Walkers = calibration.Walkers, Steps = calibration.Steps, Seed = calibration.Seed };
        var (resolved, fit, overrides) = FitSettings.Resolve(spec, fitOptions, previousManifest);
        string method = calibration.Method ?? (string?)inherited?["method"] ?? CalibrationDefaults.Methods[0];
        if (!CalibrationDefaults.Methods.Contains(method, StringComparer.Ordinal))
        {
            throw new UserInputException($"--method {method}: one of {string.Join(", ", CalibrationDefaults.Methods)}");
        }
        if (calibration.Method is not null || inherited?["method"] is not null) overrides["method"] = method;
        string starts = calibration.Starts ?? (string?)inherited?["starts"] ?? CalibrationDefaults.Starts[0];
        if (!CalibrationDefaults.Starts.Contains(starts, StringComparer.Ordinal))
        {
            throw new UserInputException($"--starts {starts}: one of {string.Join(", ", CalibrationDefaults.Starts)}");
        }
        if (calibration.Starts is not null || inherited?["starts"] is not null) overrides["starts"] = starts;
        if (calibration.Replicates is null && inherited?["replicates"] is null)
        {
            throw new UserInputException("--replicates N is required (replicates of the calibration; with --truth, per truth)");
        }
        int replicates = SettingPick.Pick(calibration.Replicates, inherited, "replicates", v => (int)v, v => v, null, 0, overrides);
        int draws = SettingPick.Pick(calibration.Draws, inherited, "draws", v => (int)v, v => v, null, CalibrationDefaults.Draws, overrides);
        if (replicates < 1) throw new UserInputException($"--replicates must be >= 1 (got {replicates})");
        if (draws < 1) throw new UserInputException($"--draws must be >= 1 (got {draws})");
        var truths = Truths(calibration, inherited, overrides);
        var truthValues = truths.Count == 1 && truths[0].IsPrior ? null : truths.Select(t => t.Resolve(resolved)).ToArray();

        var moves = FitSettings.BuildMove(resolved.Sampler.Moves);
        CalibrationSampler sampler;
        var identity = new JsonObject { ["method"] = method, ["seed"] = fit.Seed, ["draws"] = draws };
        if (method == "nested")
        {
            int live = SettingPick.Pick(calibration.Live, inherited, "live", v => (int)v, v => v, spec.Nested?.Live, EvidenceDefaults.Live, overrides);
            double dlogz = spec.Nested?.DeltaLogZ ?? EvidenceDefaults.DLogZ;
            var settings = new NestedSettings { LiveCount = live, DLogZ = dlogz, BatchSize = EvidenceDefaults.BatchSizeFor(live), MaxThreads = 1 };
            try
            {
                settings.Validate(resolved.FreeParams.Count());
            }
            catch (ArgumentException e)
            {
                throw new UserInputException($"nested sampling: {e.Message.Split(" (Parameter", 2)[0]}");
            }
            resolved = resolved with { Nested = new NestedSpec(live, dlogz, fit.Seed) };
            sampler = new NestedCalibrationSampler(settings);
            identity["live"] = live;
            identity["dlogz"] = dlogz;
            identity["batch_size"] = settings.BatchSize;
        }
        else
        {
            bool fromPrior = starts != "file";
            ParameterStart[] walkerStarts = fromPrior ? [.. resolved.FreeParams.Select(_ => ParameterStart.Prior)] : FitSettings.StartsOf(resolved);
            // --starts file follows the prior file, as crinf fit does: its sampler.starts may ask for the search too.
            bool searching = starts == SamplerSpec.OptimizeStarts || (starts == "file" && resolved.Sampler.SearchesForMode);
            var search = searching ? ModeSearch.ForEnsemble(fit.Walkers, walkerStarts.Length) : null;
            long relocateUntil = fromPrior && fit.RelocateLaggingUntilStep == 0
                ? (long)Math.Ceiling(CalibrationDefaults.PriorStartRelocationFraction * fit.Steps)
                : fit.RelocateLaggingUntilStep;
            sampler = new EnsembleCalibrationSampler(fit.Walkers, fit.Steps, moves, walkerStarts, relocateUntil, draws, search);
            identity["walkers"] = fit.Walkers;
            identity["steps"] = fit.Steps;
            identity["move"] = moves.Name;
            identity["relocate_lagging_until_step"] = relocateUntil;
            if (fromPrior) identity["starts"] = starts;   // absent for the file's starts (the identity of earlier runs)
            if (search is not null)
            {
                identity["mode_search"] = new JsonObject
                {
                    ["starts"] = search.Starts, ["evaluations_per_start"] = search.EvaluationsPerStart, ["polished"] = search.Polished,
                    ["restarts"] = search.Restarts, ["tolerance"] = search.Tolerance, ["walkers_at"] = ModeSearchWalkersAt,
                };
            }
        }
        identity["truths"] = TruthIdentity(truths, truthValues, resolved);
        var settingsRecord = new CalibrationSettings(method, replicates, draws, fit.Seed, truths, truthValues, sampler, identity);
        return new CalibrationPlan(calibration, resolved, settingsRecord, overrides, threads);
    }

    private static bool IsFinished(string directory) =>
        File.Exists(Path.Combine(directory, SbcReport.SummaryFileName)) || File.Exists(Path.Combine(directory, InjectionReport.SummaryFileName));

    private static List<TruthChoice> Truths(CalibrationOptions options, JsonObject? inherited, JsonObject overrides)
    {
        var texts = options.Truths.Count > 0
            ? [.. options.Truths]
            : inherited?["truths"] is JsonArray carried ? carried.Select(n => (string)n!).ToList() : ["prior"];
        if (options.Truths.Count > 0 || inherited?["truths"] is not null) overrides["truths"] = new JsonArray([.. texts.Select(t => (JsonNode)t)]);
        var truths = texts.Select(t => new TruthChoice(t)).ToList();
        if (truths.Any(t => t.IsPrior) && truths.Count > 1) throw new UserInputException("--truth prior draws a truth per replicate; it cannot be combined with fixed truths");
        return truths;
    }

    private static JsonNode TruthIdentity(List<TruthChoice> truths, double[][]? values, PriorFileSpec spec)
    {
        if (values is null) return "prior";
        var names = spec.FreeParams.Select(p => p.Name).ToArray();
        return new JsonArray([.. truths.Select((t, i) => (JsonNode)new JsonObject
        {
            ["truth"] = t.Text,
            ["values"] = ManifestSections.Object(names.Select((n, j) => KeyValuePair.Create(n, (JsonNode?)RunJson.Number(values[i][j])))),
        })]);
    }
}

/// <summary>The resolved settings of a calibration run.</summary>
/// <param name="Method"><c>ensemble</c> or <c>nested</c>.</param>
/// <param name="Replicates">Replicates (per truth with fixed truths).</param>
/// <param name="Draws">L.</param>
/// <param name="Seed">The user seed.</param>
/// <param name="Truths">The truths as given.</param>
/// <param name="TruthValues">Each fixed truth's free parameters (physical), or null for prior draws.</param>
/// <param name="Sampler">How each replicate samples.</param>
/// <param name="Identity">The result-changing settings (the manifest's identity; the replicate count is not one).</param>
public sealed record CalibrationSettings(string Method, int Replicates, int Draws, ulong Seed, IReadOnlyList<TruthChoice> Truths,
    double[][]? TruthValues, CalibrationSampler Sampler, JsonObject Identity)
{
    /// <summary>Replicates in all: <see cref="Replicates"/> × the number of fixed truths, or <see cref="Replicates"/>.</summary>
    public int TotalReplicates => Replicates * (TruthValues?.Length ?? 1);

    /// <summary>True for injection–recovery (fixed truths).</summary>
    public bool IsInjection => TruthValues is not null;
}
