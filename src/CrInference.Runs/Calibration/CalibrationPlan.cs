using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Runs.Reports;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Calibration;

/// <summary>
/// One calibration run (<see cref="CalibrationRunKind"/>): copies replicates gathered from other folders, runs the
/// missing replicates (of its chunk) in parallel, and, once every replicate has its file, writes the report.
/// </summary>
public sealed class CalibrationPlan(CalibrationOptions options, PriorFileSpec spec, CalibrationSettings settings, JsonObject overrides, int threads) : IRunPlan
{
    /// <summary>Written when a <c>--chunk</c> run has all its replicates (the report needs the other chunks too).</summary>
    public const string ChunkFileName = "chunk.json";

    private readonly int _jobs = options.Jobs is { } j ? (j >= 1 ? j : throw new UserInputException($"--jobs must be >= 1 (got {j})")) : threads;

    public PriorFileSpec RecordedSpec => spec;

    public ulong Seed => settings.Seed;

    public JsonObject Overrides => overrides;

    public IReadOnlyList<string> Columns(IPosterior posterior) => settings.IsInjection ? InjectionReport.Columns : SbcReport.Columns;

    public RunManifest Manifest(ManifestInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return RunManifest.Create(CalibrationRunKind.Format, null, inputs, RunManifest.PosteriorIdentityHash(inputs.Spec), settings.Identity, SamplerSection());
    }

    public string DryRunSettings(RunContext run) => string.Create(CultureInfo.InvariantCulture,
        $"  calibration: {Describe()}, {_jobs} replicate(s) at once");

    public string DryRunEstimate(RunContext run, double medianMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        double calls = settings.Sampler.CallsPerReplicate(run.Posterior.Space.Dimension);
        double seconds = medianMilliseconds * 1e-3 * calls * settings.TotalReplicates / Math.Min(_jobs, Environment.ProcessorCount);
        return $"  estimated time at the median cost: {RunText.Duration(TimeSpan.FromSeconds(seconds))} ({calls:G3} calls per replicate x {settings.TotalReplicates} replicates / {Math.Min(_jobs, Environment.ProcessorCount)} at once)";
    }

    public async Task<int> CompleteFinishedAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int? recorded = (int?)run.PreviousManifest?["sampler"]?["replicates"];
        if (recorded == settings.Replicates && options.Gather.Count == 0)
        {
            await run.Output.WriteLineAsync($"{run.Shown} is already complete ({settings.TotalReplicates} replicates); nothing to resume (give more --replicates to extend it)").ConfigureAwait(false);
            return 0;
        }
        // A finished run extended (or shortened) to another number of replicates: same identity, new report.
        AtomicFile.WriteAllText(Path.Combine(run.RunDirectory, RunManifest.FileName), run.Manifest.Text + "\n");
        return await SampleAsync(run).ConfigureAwait(false);
    }

    public Task PrepareResumeAsync(RunContext run) => Task.CompletedTask;

    public void PrepareStart(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        SimulationTargets.For(run.Build);
        foreach (string folder in options.Gather)
        {
            var manifest = RunManifest.TryRead(folder, CalibrationRunKind.Format)
                ?? throw new UserInputException($"--gather {folder}: no calibration run there (no {RunManifest.FileName} of a calibration run)");
            if ((string?)manifest["identity_hash"] != run.Manifest.IdentityHash)
            {
                throw new UserInputException($"--gather {folder}: a calibration run with another configuration ({run.Manifest.DescribeIdentityChange(manifest)})");
            }
        }
    }

    public async Task<int> SampleAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int total = settings.TotalReplicates;
        string identity = run.Manifest.IdentityHash;
        int gathered = Gather(run.RunDirectory, total, identity);
        var outcomes = new ReplicateOutcome?[total];
        for (int r = 0; r < total; r++) outcomes[r] = ReplicateFiles.TryRead(run.RunDirectory, r, identity);
        var pending = Enumerable.Range(0, total).Where(r => outcomes[r] is null && InChunk(r)).ToArray();
        await run.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sbc {spec.Model}: {Describe()}; {total - outcomes.Count(o => o is null)} of {total} replicates stored{(gathered > 0 ? $" ({gathered} gathered)" : "")}, {pending.Length} to run, {Math.Min(_jobs, Math.Max(1, pending.Length))} at once -> {run.Shown}")).ConfigureAwait(false);
        if (!await RunPendingAsync(run, pending, outcomes, identity).ConfigureAwait(false))
        {
            int done = outcomes.Count(o => o is not null);
            await run.Output.WriteLineAsync($"interrupted with {done} of {total} replicates stored in {run.Shown}. Continue with: {run.ResumeCommand}").ConfigureAwait(false);
            return RunDefaults.InterruptedExitCode;
        }
        int missing = outcomes.Count(o => o is null);
        if (missing > 0)
        {
            var (index, count) = options.Chunk!.Value;
            AtomicFile.WriteAllText(Path.Combine(run.RunDirectory, ChunkFileName), RunJson.Serialize(new JsonObject
            {
                ["chunk"] = index,
                ["chunks"] = count,
                ["replicates"] = total,
                ["stored"] = total - missing,
                ["identity_hash"] = identity,
            }) + "\n");
            await run.Output.WriteLineAsync($"chunk {options.Chunk!.Value.Index}/{options.Chunk.Value.Count} done: {total - missing} of {total} replicates in {run.Shown}; the report needs all: gather the chunks' folders with --gather").ConfigureAwait(false);
            return 0;
        }
        var finished = outcomes.Select(o => o!).ToArray();
        string written = settings.IsInjection
            ? InjectionReport.Write(run.RunDirectory, finished, settings, spec)
            : SbcReport.Write(run.RunDirectory, finished, settings, spec, run.Posterior.Space);
        await run.Output.WriteLineAsync(written).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Runs <paramref name="pending"/> replicates, <see cref="_jobs"/> at a time, storing each as it ends; false when stopped.</summary>
    private async Task<bool> RunPendingAsync(RunContext run, int[] pending, ReplicateOutcome?[] outcomes, string identity)
    {
        if (pending.Length == 0) return true;
        var target = SimulationTargets.For(run.Build);
        int samplerThreads = Math.Max(1, run.Threads / Math.Max(1, Math.Min(_jobs, pending.Length)));
        var gate = new Lock();
        int done = outcomes.Count(o => o is not null);
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _jobs };
        await Parallel.ForEachAsync(pending, parallel, async (r, loop) =>
        {
            if (run.Stop.IsCancellationRequested) return;
            // A replicate that fails stops the others too (the loop's token), keeping what has been stored.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Stop, loop);
            var (truthIndex, truth) = TruthOf(r);
            var outcome = await CalibrationReplicate.RunAsync(target, settings.Sampler, settings.Draws, run.RootKey.Split((ulong)r), r, truthIndex, truth,
                samplerThreads, stop.Token).ConfigureAwait(false);
            if (outcome is null) return;
            ReplicateFiles.Write(run.RunDirectory, outcome, identity);
            lock (gate)
            {
                outcomes[r] = outcome;
                done++;
                run.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  replicate {r} done ({done}/{outcomes.Length}, {RunText.Duration(clock.Elapsed)}){Numbers(outcome)}"));
            }
        }).ConfigureAwait(false);
        return !run.Stop.IsCancellationRequested || pending.All(r => outcomes[r] is not null);
    }

    /// <summary>Copies the finished replicates of the <c>--gather</c> folders that this folder lacks; returns how many.</summary>
    private int Gather(string runDirectory, int total, string identity)
    {
        int copied = 0;
        foreach (string folder in options.Gather)
        {
            for (int r = 0; r < total; r++)
            {
                string target = ReplicateFiles.PathOf(runDirectory, r);
                if (File.Exists(target) || ReplicateFiles.TryRead(folder, r, identity) is null) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                AtomicFile.Copy(ReplicateFiles.PathOf(folder, r), target);
                copied++;
            }
        }
        return copied;
    }

    private bool InChunk(int replicate) => options.Chunk is not { } c || replicate % c.Count == c.Index;

    private (int TruthIndex, double[]? Truth) TruthOf(int replicate) => settings.TruthValues is { } values
        ? (replicate / settings.Replicates, values[replicate / settings.Replicates])
        : (0, null);

    private static string Numbers(ReplicateOutcome outcome) =>
        outcome.Numbers.TryGetValue("tau_max", out double tau)
            ? string.Create(CultureInfo.InvariantCulture, $": burn-in {outcome.Numbers["burn_in_steps"]:0} steps, tau_max {tau:0.#}, draws {outcome.Numbers["thin"]:0} steps apart")
            : outcome.Numbers.TryGetValue("effective_sample_size", out double ess) ? string.Create(CultureInfo.InvariantCulture, $": ESS {ess:0}") : "";

    private string Describe()
    {
        string truths = settings.IsInjection
            ? $"{settings.TruthValues!.Length} truth(s) ({string.Join(", ", settings.Truths.Select(t => t.Text))}) x {settings.Replicates} noise realisation(s)"
            : $"{settings.Replicates} replicates, truths drawn from the prior";
        string sampler = settings.Sampler switch
        {
            EnsembleCalibrationSampler e => $"ensemble {e.Walkers} walkers x {e.Steps} steps",
            NestedCalibrationSampler n => $"nested sampling, {n.Settings.LiveCount} live points",
            _ => settings.Method,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{truths}, {sampler}, L = {settings.Draws} draws per rank, seed {settings.Seed}");
    }

    /// <summary>The manifest's <c>sampler</c> section.</summary>
    private JsonObject SamplerSection()
    {
        var section = new JsonObject
        {
            ["algorithm"] = settings.IsInjection
                ? "injection-recovery: mock data at fixed truths (fresh noise per replicate), each fitted; bias in posterior sigma and 68/95 % interval coverage"
                : "simulation-based calibration (Talts et al. 2018, arXiv:1804.06788): truth from the prior, mock data from the likelihood's error model, posterior sampled, rank of the truth among L draws",
            ["replicates"] = settings.Replicates,
            ["total_replicates"] = settings.TotalReplicates,
            ["draws"] = settings.Draws,
            ["seed"] = settings.Seed,
            ["method"] = settings.Method,
            ["mock_data"] = "each dataset's kept points: d = m(truth) + L z, L the Cholesky factor of the likelihood's covariance, z ~ N(0, 1); rows outside the cuts keep the published values",
            ["random_keys"] = "replicate r: RandomKey.FromSeed(seed).Split(r); within it .Split(0) truth (attempt a: .Split(a)), .Split(1) data (prior truths: .Split(a); dataset d: .Split(d)), .Split(2) sampler, .Split(3) rank draws and ties",
            ["rank"] = settings.Sampler is NestedCalibrationSampler
                ? "weighted: u = posterior CDF at the truth from the dead points' weights, rank = min(L, floor(u (L + 1)))"
                : "number of the L chosen draws below the truth (ties broken at random); draws chosen without replacement among every walker at steps burn-in + k ceil(tau_max)",
            ["intervals"] = "central credible intervals: in_68 when 0.16 <= u <= 0.84, in_95 when 0.025 <= u <= 0.975, u = posterior CDF at the truth from every kept draw",
        };
        foreach (var (key, value) in settings.Identity) section[key] = value?.DeepClone();
        return section;
    }
}
