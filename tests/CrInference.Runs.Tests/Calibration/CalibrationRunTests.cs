using System.Text.Json.Nodes;
using CrInference.Runs.Calibration;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Tests.Calibration;

/// <summary>
/// <c>crinf sbc</c> as a run (<see cref="CalibrationRunKind"/> through <see cref="RunLifecycle"/>): the same seed gives
/// the same bytes for any <c>--jobs</c>, for chunks gathered into one folder, after an interruption and resume, and when a
/// finished run is extended; the physics path (mock data of a transport model, injection at fixed truths) runs; and
/// <c>--data-dir</c> fits record the mock data and refuse to resume on changed files.
/// </summary>
public sealed class CalibrationRunTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public CalibrationRunTests() => Environment.SetEnvironmentVariable("CRINF_ROOT", TestRepository.Root);

    public void Dispose() => _folder.Dispose();

    private static string Conjugate => TestRepository.PathOf("priors/tests/conjugate-gaussian-5d.yaml");

    private string Folder(string name) => Path.Combine(_folder.Path, name);

    private CalibrationOptions Small(string folder, int replicates = 6) => new(Conjugate)
    {
        OutputDirectory = Folder(folder),
        Replicates = replicates,
        Walkers = 16,
        Steps = 200,
        Draws = 19,
        Jobs = 1,
        Threads = 1,
        Reports = [],
    };

    private static Task<int> Run(CalibrationOptions options, TextWriter? output = null, CancellationToken stop = default) =>
        RunLifecycle.ExecuteAsync(CalibrationRunKind.Instance, options, output ?? TextWriter.Null, stop);

    /// <summary>The report files and every replicate file, by relative path.</summary>
    private static SortedDictionary<string, string> Results(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "sbc.csv", "sbc.md", SbcReport.SummaryFileName })
        {
            files[name] = File.ReadAllText(Path.Combine(folder, name));
        }
        foreach (string file in Directory.GetFiles(Path.Combine(folder, ReplicateFiles.FolderName)))
        {
            files["replicates/" + Path.GetFileName(file)] = File.ReadAllText(file);
        }
        return files;
    }

    [Fact]
    public async Task Jobs_OneAndThree_GiveTheSameBytes()
    {
        Assert.Equal(0, await Run(Small("one")));
        Assert.Equal(0, await Run(Small("three") with { Jobs = 3, Threads = 3 }));

        Assert.Equal(Results(Folder("one")), Results(Folder("three")));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("one"), SbcReport.SummaryFileName)))!;
        Assert.Equal(6, (int)summary["replicates"]!);
        Assert.Equal(["x1", "x2", "x3", "x4", "x5"], ((JsonObject)summary["parameters"]!).Select(kv => kv.Key));
        Assert.True(File.Exists(Path.Combine(Folder("one"), "sbc.png")));
        string[] csv = File.ReadAllLines(Path.Combine(Folder("one"), "sbc.csv"));
        Assert.Equal("replicate,parameter,true_value,rank,draws,in_68,in_95", csv[0]);
        Assert.Equal(1 + 6 * 5, csv.Length);
    }

    [Fact]
    public async Task Chunks_GatheredIntoOneFolder_GiveTheBytesOfOneRun()
    {
        Assert.Equal(0, await Run(Small("whole")));
        Assert.Equal(0, await Run(Small("c0") with { Chunk = (0, 2) }));
        Assert.Equal(0, await Run(Small("c1") with { Chunk = (1, 2) }));
        Assert.False(File.Exists(Path.Combine(Folder("c0"), SbcReport.SummaryFileName)));

        Assert.Equal(0, await Run(Small("gathered") with { Gather = [Folder("c0"), Folder("c1")] }));

        Assert.Equal(Results(Folder("whole")), Results(Folder("gathered")));
    }

    [Fact]
    public async Task Interrupted_ThenResumed_GivesTheBytesOfAnUninterruptedRun()
    {
        Assert.Equal(0, await Run(Small("whole")));
        using var stop = new CancellationTokenSource();
        var watcher = new StopAfterFirstReplicate(stop);

        Assert.Equal(RunDefaults.InterruptedExitCode, await Run(Small("cut"), watcher, stop.Token));
        int stored = Directory.GetFiles(Path.Combine(Folder("cut"), ReplicateFiles.FolderName)).Length;
        Assert.InRange(stored, 1, 5);
        var refused = await Assert.ThrowsAsync<UserInputException>(() => Run(Small("cut")));
        Assert.Contains("continue it with --resume", refused.Message, StringComparison.Ordinal);

        Assert.Equal(0, await Run(Small("cut") with { Resume = true, Replicates = null }));

        Assert.Equal(Results(Folder("whole")), Results(Folder("cut")));
    }

    [Fact]
    public async Task FinishedRun_ResumedWithMoreReplicates_EqualsALongerRun()
    {
        Assert.Equal(0, await Run(Small("short", replicates: 4)));
        Assert.Equal(0, await Run(Small("short", replicates: 6) with { Resume = true }));
        Assert.Equal(0, await Run(Small("long", replicates: 6)));

        Assert.Equal(Results(Folder("long")), Results(Folder("short")));
    }

    [Fact]
    public async Task ResumeWithAnotherSeed_IsRefusedNamingTheSetting()
    {
        Assert.Equal(0, await Run(Small("run", replicates: 2)));

        var error = await Assert.ThrowsAsync<UserInputException>(() => Run(Small("run", replicates: 3) with { Resume = true, Seed = 9 }));

        Assert.Contains("seed changed (1 -> 9)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestProblemWithoutADataModel_IsRefusedBeforeAnythingIsWritten()
    {
        var options = Small("egg") with { PriorFile = TestRepository.PathOf("priors/tests/egg-box.yaml") };

        var error = await Assert.ThrowsAsync<UserInputException>(() => Run(options));

        Assert.Contains("without a data model", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder("egg")));
    }

    [Fact]
    public async Task PhysicsModel_SbcAndInjection_RunOnMockDataOfItsDatasets()
    {
        string prior = TestRepository.PathOf("priors/paper/phenomenological.yaml");
        var common = new CalibrationOptions(prior) { Replicates = 2, Walkers = 16, Steps = 40, Draws = 9, Jobs = 2, Threads = 2 };

        Assert.Equal(0, await Run(common with { OutputDirectory = Folder("sbc") }));
        Assert.Equal(0, await Run(common with { OutputDirectory = Folder("inject"), Truths = ["fiducial"] }));

        var sbc = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("sbc"), SbcReport.SummaryFileName)))!;
        Assert.Equal(7, ((JsonObject)sbc["parameters"]!).Count);
        var injection = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("inject"), InjectionReport.SummaryFileName)))!;
        Assert.Equal(2, (int)injection["fits"]!);
        // The fiducial truth of the model (priors/paper/phenomenological.yaml, KQ22-like point): gamma_inj = 4.3.
        Assert.Equal(4.3, (double)injection["per_truth"]![0]!["parameters"]!["gamma_inj"]!["true_value"]!, 12);
        string[] csv = File.ReadAllLines(Path.Combine(Folder("inject"), "injection.csv"));
        Assert.Equal(string.Join(",", InjectionReport.Columns), csv[0]);
        Assert.Equal(1 + 2 * 7, csv.Length);
    }

    [Fact]
    public async Task NestedReplicates_RecordTheirBestDeadPoint_AboutHalfAChiSquareAboveTheTruth()
    {
        // Conjugate 5-D model: with the truth inside the posterior's mode, ln p_max − ln p(truth) is ≈ χ²₅/2 (≥ 0, mean 2.5);
        // nested sampling's best dead point sits at the top of that mode, so every gap is above −0.5 and below 10
        // (P(χ²₅/2 > 10) = 2e-3 per replicate).
        Assert.Equal(0, await Run(Small("nested") with { Method = "nested", Live = 100 }));

        var gaps = Enumerable.Range(0, 6).Select(r =>
        {
            var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("nested"), ReplicateFiles.FolderName, $"r{r:000000}.json")))!["sampler"]!;
            return (double)sampler["max_log_posterior"]! - (double)sampler["log_posterior_at_truth"]!;
        }).ToArray();
        Assert.All(gaps, g => Assert.InRange(g, -0.5, 10));
        Assert.Contains("Did the chains reach the truth's mode?", File.ReadAllText(Path.Combine(Folder("nested"), "sbc.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PriorStarts_ReachTheModeThatAFarRefBallMisses_AndAreRecordedAndInherited()
    {
        // The conjugate model with every walker's ref ball far out in the prior's tail (x = 4 ± 0.001, prior N(0, 1)): a
        // short SBC chain started there does not reach the posterior of a prior-drawn truth, whose mode is then far above
        // anything the chain saw (ln p_max − ln p(truth) ≈ χ²₅/2 ≈ 2.5 when it does reach it); started from prior draws
        // (with lagging walkers relocated in the first 10 % of the steps) it does.
        string far = Folder("far-ref.yaml");
        File.WriteAllText(far, File.ReadAllText(Conjugate).Replace("sigma: 1 }", "sigma: 1, ref: { mean: 4.0, sigma: 0.001 } }", StringComparison.Ordinal));
        double[] Gaps(string folder) => [.. Enumerable.Range(0, 6).Select(r =>
        {
            var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(folder), ReplicateFiles.FolderName, $"r{r:000000}.json")))!["sampler"]!;
            return (double)sampler["max_log_posterior"]! - (double)sampler["log_posterior_at_truth"]!;
        })];
        var options = Small("from-file") with { PriorFile = far, Steps = 40 };

        Assert.Equal(0, await Run(options));
        Assert.Equal(0, await Run(options with { OutputDirectory = Folder("from-prior"), Starts = "prior" }));

        Assert.All(Gaps("from-file"), g => Assert.True(g < -20, $"file starts: ln p_max - ln p(truth) = {g}"));
        Assert.All(Gaps("from-prior"), g => Assert.True(g > -3, $"prior starts: ln p_max - ln p(truth) = {g}"));
        // sbc.md counts the chains that never reached the truth's mode.
        Assert.Contains("below 0 in 6 of 6 replicates, below −10 in 6, below −100 in 6", File.ReadAllText(Path.Combine(Folder("from-file"), "sbc.md")), StringComparison.Ordinal);
        Assert.Contains("below −10 in 0, below −100 in 0", File.ReadAllText(Path.Combine(Folder("from-prior"), "sbc.md")), StringComparison.Ordinal);
        var identity = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("from-prior"), "manifest.json")))!["identity"]!;
        Assert.Equal("prior", (string?)identity["starts"]);
        Assert.Equal(4, (long)identity["relocate_lagging_until_step"]!);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("from-file"), "manifest.json")))!["identity"]!["starts"]);
        // A resume without --starts keeps the run's.
        Assert.Equal(0, await Run(options with { OutputDirectory = Folder("from-prior"), Replicates = 7, Resume = true }));
        Assert.Equal("prior", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("from-prior"), "manifest.json")))!["identity"]!["starts"]);
    }

    [Fact]
    public async Task OptimizeStarts_ReachTheMode_AndRecordTheSearch()
    {
        // The far ref ball of the test above is ignored: the walkers start around the best point of a multi-start
        // Nelder–Mead search from prior draws. For the conjugate model the search's best point is the posterior mode, so
        // its ln p is ≥ ln p(truth) (their difference is χ²₅/2 ≥ 0 up to the search's 1e-4 tolerance) and the chain's
        // best point is recorded as at least that.
        string far = Folder("far-ref.yaml");
        File.WriteAllText(far, File.ReadAllText(Conjugate).Replace("sigma: 1 }", "sigma: 1, ref: { mean: 4.0, sigma: 0.001 } }", StringComparison.Ordinal));
        var options = Small("optimize") with { PriorFile = far, Steps = 40, Starts = "optimize" };

        Assert.Equal(0, await Run(options));

        for (int r = 0; r < 6; r++)
        {
            var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("optimize"), ReplicateFiles.FolderName, $"r{r:000000}.json")))!["sampler"]!;
            double atTruth = (double)sampler["log_posterior_at_truth"]!, searched = (double)sampler["mode_search_log_posterior"]!;
            Assert.True(searched > atTruth - 1e-4, $"replicate {r}: search {searched}, truth {atTruth}");
            Assert.True((double)sampler["max_log_posterior"]! >= searched);
            // 16 starts (one per walker) of ≥ 6 calls (the first simplex) and ≤ 1000 + 7 (the budget, one shrink over it),
            // ≤ 100 prior draws each, 4 × 3 restarts, 10 curvature probes.
            Assert.InRange((double)sampler["mode_search_calls"]!, 16 * 6, 16 * (1007 + 100) + 12 * 1007 + 10);
        }
        // sbc.md states the kept chain's length in τ_max, here recomputed from the replicate files (40 steps: every chain
        // is shorter than emcee's 50 τ).
        var lengths = Enumerable.Range(0, 6).Select(r =>
        {
            var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("optimize"), ReplicateFiles.FolderName, $"r{r:000000}.json")))!["sampler"]!;
            return (40 - (double)sampler["burn_in_steps"]!) / (double)sampler["tau_max"]!;
        }).Order().ToArray();
        Assert.All(lengths, l => Assert.True(l < 50, $"kept chain {l} tau"));
        string median = (0.5 * (lengths[2] + lengths[3])).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Kept chain (after burn-in): median {median} τ_max long; shorter than 50 τ_max in 6 of 6 replicates.",
            File.ReadAllText(Path.Combine(Folder("optimize"), "sbc.md")), StringComparison.Ordinal);
        var identity = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("optimize"), "manifest.json")))!["identity"]!;
        Assert.Equal("optimize", (string?)identity["starts"]);
        Assert.Equal(16, (int)identity["mode_search"]!["starts"]!);
        Assert.Equal(1000, (int)identity["mode_search"]!["evaluations_per_start"]!);
        Assert.Contains("Walkers started around the best point of a multi-start Nelder–Mead search (16 prior draws, 1000 calls each", File.ReadAllText(Path.Combine(Folder("optimize"), "sbc.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injection_RecordsLnPAtTheTruthAndTheChainsBest_HalfAChiSquareApart()
    {
        // Conjugate normal model, D = 5, truth at the likelihood's centre: with the truth in the sampled mode,
        // ln p_max - ln p(truth) is about chi2_5 / 2 (mean 2.5, sd 1.58; of the mean of 24 fits: 0.32), less the small
        // distance from the chain's best draw to the exact mode; never below 0 for a chain that reaches the mode.
        string truth = Folder("truth.yaml");
        File.WriteAllText(truth, "x1: 0.5\nx2: 0.5\nx3: 0.5\nx4: 0.5\nx5: 0.5\n");
        var options = Small("mode-check", replicates: 24) with { Truths = [truth], Walkers = 32, Steps = 400 };

        Assert.Equal(0, await Run(options));

        var gaps = Enumerable.Range(0, 24).Select(r =>
        {
            var sampler = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("mode-check"), ReplicateFiles.FolderName, $"r{r:000000}.json")))!["sampler"]!;
            return (double)sampler["max_log_posterior"]! - (double)sampler["log_posterior_at_truth"]!;
        }).ToArray();
        Assert.All(gaps, g => Assert.True(g > 0, $"ln p_max - ln p(truth) = {g}"));
        Assert.InRange(gaps.Average(), 2.5 - 3 * 0.32 - 0.2, 2.5 + 3 * 0.32);
        Assert.Contains("## Did the chain reach the truth's mode?", File.ReadAllText(Path.Combine(Folder("mode-check"), "injection.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FitWithDataDir_RecordsTheFolderAndRefusesToResumeOnChangedData()
    {
        string prior = TestRepository.PathOf("priors/paper/phenomenological.yaml");
        string mock = Folder("mock");
        MockDataRun.Run(new SimulateRequest(prior, null, new Dictionary<string, double>(), new Dictionary<string, string>(), "fiducial", 2, mock));
        var fit = new FitOptions(prior) { OutputDirectory = Folder("fit"), DataDirectory = mock, Walkers = 16, Steps = 20, Threads = 1, Reports = [] };

        Assert.Equal(0, await RunLifecycle.ExecuteAsync(FitRunKind.Instance, fit, TextWriter.Null));

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("fit"), "manifest.json")))!;
        Assert.Equal(mock, (string)manifest["data_directory"]!);
        Assert.All((JsonArray)manifest["datasets"]!, d => Assert.StartsWith(mock, (string)d!["file"]!, StringComparison.Ordinal));
        // Same numbers (the reader trims fields), other bytes.
        File.WriteAllText(Path.Combine(mock, "ams02-p-2015.csv"), File.ReadAllText(Path.Combine(mock, "ams02-p-2015.csv")).Replace(",", ", ", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunLifecycle.ExecuteAsync(FitRunKind.Instance, fit with { Resume = true, Steps = 40 }, TextWriter.Null));

        Assert.Contains("ams02-p-2015.csv changed since the run started", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Requests a stop when the first replicate reports.</summary>
    private sealed class StopAfterFirstReplicate(CancellationTokenSource stop) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains("replicate", StringComparison.Ordinal) == true && value.Contains("done", StringComparison.Ordinal)) stop.Cancel();
        }
    }
}
