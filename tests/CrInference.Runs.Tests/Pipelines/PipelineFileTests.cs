using CrInference.Config;
using CrInference.Config.Pipelines;
using CrInference.Runs.Composition;
using CrInference.Runs.Pipelines;

namespace CrInference.Runs.Tests.Pipelines;

/// <summary>Pipeline files are validated as strictly as prior files: one error naming file, line and key.</summary>
public sealed class PipelineFileTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Gaussian = "priors/tests/gaussian-3d.yaml";

    private string Error(string text)
    {
        string path = _folder.Write("p.yaml", text);
        var e = Assert.Throws<ConfigException>(() => PipelineFileParser.Parse(path, TestRepository.Root, CatalogPriorFileSchema.Instance));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        return e.Message[(path.Length + 1)..];
    }

    [Fact]
    public void Parse_ValidFile_ReadsRunsOverridesAndReportSteps()
    {
        string path = _folder.Write("p.yaml", $"""
            name: study-1
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit, seed: 7, walkers: 16, steps: 300, until_converged: true {"}"}
              - name: b
                prior: {Gaussian}
                method: evidence
                live: 100
            report:
              - compare
              - corner: {"{"} overlay: [[a, b]] {"}"}
            """);

        var spec = PipelineFileParser.Parse(path, TestRepository.Root, CatalogPriorFileSchema.Instance);

        Assert.Equal("study-1", spec.Name);
        Assert.Equal(["a", "b"], spec.Runs.Select(r => r.Name));
        var a = spec.Runs[0];
        Assert.Equal((PipelineMethod.Fit, 7UL, 16, 300L, true, 3), (a.Method, a.Seed!.Value, a.Walkers!.Value, a.Steps!.Value, a.UntilConverged, a.Line));
        Assert.Equal(File.ReadAllText(Path.Combine(TestRepository.Root, Gaussian)), a.EffectivePriorText);
        Assert.Equal((PipelineMethod.Evidence, 100, 1), (spec.Runs[1].Method, spec.Runs[1].Live!.Value, spec.Runs[1].Index));
        var compare = Assert.IsType<CompareReportStep>(spec.Report[0]);
        Assert.Equal(["a", "b"], compare.Runs.ToArray());
        var corner = Assert.IsType<CornerReportStep>(spec.Report[1]);
        Assert.Empty(corner.Runs);
        Assert.Equal([("a", "b")], corner.Overlays.ToArray());
    }

    [Fact]
    public void Parse_CalibrationRunWithChunks_IsOneRunPerChunkWithArrayIndicesInOrder()
    {
        string path = _folder.Write("p.yaml", """
            name: calibration
            runs:
              - { name: first, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 100 }
              - { name: cg, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 10, chunks: 3, steps: 200 }
              - { name: last, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 4 }
            report:
              - sbc
            """);

        var spec = PipelineFileParser.Parse(path, TestRepository.Root, CatalogPriorFileSchema.Instance);

        Assert.Equal(["first", "cg-chunk-0", "cg-chunk-1", "cg-chunk-2", "last"], spec.Runs.Select(r => r.Name));
        Assert.Equal([0, 1, 2, 3, 4], spec.Runs.Select(r => r.Index));
        Assert.Equal([null, (0, 3), (1, 3), (2, 3), null], spec.Runs.Select(r => r.Chunk));
        Assert.All(spec.Runs.Skip(1), r => Assert.Equal(PipelineMethod.Sbc, r.Method));
        Assert.Equal([null, "cg", "cg", "cg", "last"], spec.Runs.Select(r => r.CalibrationName));
        Assert.Equal([null, 10, 10, 10, 4], spec.Runs.Select(r => r.Replicates));
        var step = Assert.IsType<SbcReportStep>(spec.Report[0]);
        Assert.Equal(["cg-chunk-0", "cg-chunk-1", "cg-chunk-2", "last"], step.Runs.ToArray());
    }

    [Fact]
    public void Parse_CalibrationStartsAndTruths_BecomeSbcFlagsAndInputs()
    {
        string path = _folder.Write("p.yaml", """
            name: calibration
            runs:
              - { name: inject, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 2, starts: prior, truths: [ref, priors/truths/conjugate-gaussian-5d.yaml], seed: 4 }
              - { name: plain, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 2 }
              - { name: polished, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 2, starts: optimize }
            """);

        var spec = PipelineFileParser.Parse(path, TestRepository.Root, CatalogPriorFileSchema.Instance);
        var inject = RunInputs.Of(spec.Runs[0], TestRepository.PathOf("data"));
        var plain = RunInputs.Of(spec.Runs[1], TestRepository.PathOf("data"));

        Assert.Equal("prior", spec.Runs[0].Starts);
        Assert.Equal(["ref", "priors/truths/conjugate-gaussian-5d.yaml"], spec.Runs[0].Truths!.Value.ToArray());
        Assert.Equal(["sbc", "in.yaml", "--out", "out", "--threads", "2", "--replicates", "2", "--jobs", "2", "--starts", "prior",
            "--truth", "ref", "--truth", "priors/truths/conjugate-gaussian-5d.yaml", "--seed", "4"], inject.Arguments("in.yaml", "out", 2, resume: false));
        Assert.Equal("""{"seed":4,"replicates":2,"starts":"prior","truths":["ref","priors/truths/conjugate-gaussian-5d.yaml"]}""",
            inject.Components["overrides"]!.ToJsonString());
        // The truth file's bytes are part of the inputs: editing it reruns the study.
        Assert.Equal(RunInputs.FileHash(Path.Combine(TestRepository.Root, "priors/truths/conjugate-gaussian-5d.yaml")),
            (string?)inject.Components["truth_sha256"]!["priors/truths/conjugate-gaussian-5d.yaml"]);
        Assert.Null(spec.Runs[1].Starts);
        Assert.Null(spec.Runs[1].Truths);
        Assert.Null(plain.Components["truth_sha256"]);
        Assert.DoesNotContain("--starts", plain.Arguments("in.yaml", "out", 1, resume: false));
        Assert.Equal("optimize", spec.Runs[2].Starts);
        Assert.Contains("--starts optimize", string.Join(' ', RunInputs.Of(spec.Runs[2], TestRepository.PathOf("data")).Arguments("in.yaml", "out", 1, resume: false)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("method: sbc, replicates: 2, starts: nowhere", "3: runs[0].starts: 'nowhere' is not a start (one of: file, prior, optimize)")]
    [InlineData("method: fit, starts: prior", "3: runs[0].starts: applies to method sbc only (this run's method is fit)")]
    [InlineData("method: sbc, replicates: 2, truths: []", "3: runs[0].truths: list at least one truth (ref, fiducial or a parameter file), or remove the key for SBC")]
    [InlineData("method: sbc, replicates: 2, truths: [prior]", "3: runs[0].truths[0]: 'prior' is SBC, the default of a calibration run: remove the truths key instead")]
    [InlineData("method: sbc, replicates: 2, truths: [ref, ref]", "3: runs[0].truths[1]: truth 'ref' is listed twice")]
    [InlineData("method: evidence, truths: [ref]", "3: runs[0].truths: applies to method sbc only (this run's method is evidence)")]
    public void Parse_CalibrationStartsAndTruths_AreChecked(string keys, string expected) =>
        Assert.Equal(expected, Error("name: x\nruns:\n  - { name: r, prior: priors/tests/conjugate-gaussian-5d.yaml, " + keys + " }\n"));

    [Fact]
    public void Parse_MissingTruthFile_NamesTheItem() =>
        Assert.Equal($"3: runs[0].truths[0]: no such truth file 'priors/truths/nope.yaml' (ref, fiducial, or a parameter file relative to the repository root {TestRepository.Root})",
            Error("name: x\nruns:\n  - { name: r, prior: priors/tests/conjugate-gaussian-5d.yaml, method: sbc, replicates: 2, truths: [priors/truths/nope.yaml] }\n"));

    [Theory]
    [InlineData("method: sbc, steps: 10", "3: runs[0]: a calibration run needs replicates, e.g. replicates: 200")]
    [InlineData("method: sbc, replicates: 5, live: 10", "3: runs[0].live: applies to method evidence only (this run's method is sbc)")]
    [InlineData("method: fit, replicates: 5", "3: runs[0].replicates: applies to method sbc only (this run's method is fit)")]
    [InlineData("method: evidence, steps: 5", "3: runs[0].steps: applies to method fit, sbc only (this run's method is evidence)")]
    [InlineData("method: sbc, replicates: 2, chunks: 3", "3: runs[0].chunks: 3 chunks for 2 replicates leave chunks empty")]
    public void Parse_CalibrationKeys_AreCheckedPerMethod(string keys, string expected) =>
        Assert.Equal(expected, Error("name: x\nruns:\n  - { name: r, prior: priors/tests/conjugate-gaussian-5d.yaml, " + keys + " }\n"));

    [Fact]
    public void Parse_UnknownTopLevelKey_NamesLineAndKey() =>
        Assert.Equal("2: nmae: unknown key (allowed here: name, description, runs, report)", Error("""
            name: x
            nmae: y
            runs: []
            """));

    [Fact]
    public void Parse_UnknownRunKey_NamesLineAndKey() =>
        Assert.Equal("6: runs[1].sed: unknown key (allowed here: name, prior, method, seed, walkers, steps, live, datasets, until_converged, replicates, chunks, starts, truths)", Error($"""
            name: x
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
              - name: b
                prior: {Gaussian}
                sed: 3
                method: fit
            """));

    [Fact]
    public void Parse_DuplicateRunName_PointsAtTheSecond() =>
        Assert.Equal("6: runs[1].name: duplicate run name 'a' (first used on line 3)", Error($"""
            name: x
            runs:
              - name: a
                prior: {Gaussian}
                method: fit
              - name: a
                prior: {Gaussian}
                method: fit
            """));

    [Fact]
    public void Parse_MissingPriorFile_PointsAtThePrior() =>
        Assert.Equal($"5: runs[0].prior: no such prior file 'priors/nope.yaml' (paths are relative to the repository root {TestRepository.Root})", Error("""
            name: x
            runs:
              - name: a
                method: fit
                prior: priors/nope.yaml
            """));

    [Fact]
    public void Parse_UnknownMethod_ListsTheMethods() =>
        Assert.Equal("5: runs[0].method: unknown method 'mcmc' (one of: fit, evidence, sbc)", Error($"""
            name: x
            runs:
              - name: a
                prior: {Gaussian}
                method: mcmc
            """));

    [Fact]
    public void Parse_LiveOnAFit_SaysItIsForEvidence() =>
        Assert.Equal("6: runs[0].live: applies to method evidence only (this run's method is fit)", Error($"""
            name: x
            runs:
              - name: a
                prior: {Gaussian}
                method: fit
                live: 100
            """));

    [Fact]
    public void Parse_BadRunName_SaysWhatIsAllowed() =>
        Assert.Equal("3: runs[0].name: 'Two_Phase' is not a valid run name (lower-case letters, digits and '-', not at either end; at most 64 characters)", Error($"""
            name: x
            runs:
              - {"{"} name: Two_Phase, prior: {Gaussian}, method: fit {"}"}
            """));

    [Fact]
    public void Parse_MissingName_NamesTheKey() =>
        Assert.Equal("1: name: missing (name the pipeline, e.g. name: paper (its results go to results/<name>/))", Error($"""
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
            """));

    [Fact]
    public void Parse_UnknownDatasetInOverride_PointsAtTheItem() =>
        Assert.Equal($"6: runs[0].datasets[1]: unknown dataset 'ams02-he' (known: {string.Join(", ", CrInference.Data.DatasetCatalog.Ids)})", Error("""
            name: x
            runs:
              - name: a
                prior: priors/phenomenological.yaml
                method: fit
                datasets: [ams02-p-2015, ams02-he]
            """));

    [Fact]
    public void Parse_DatasetsOnATestProblem_IsRefused() =>
        Assert.Equal($"6: runs[0].datasets: prior file '{Gaussian}' fits the test problem test/gaussian, which uses no datasets; remove this key", Error($"""
            name: x
            runs:
              - name: a
                prior: {Gaussian}
                method: fit
                datasets: [ams02-p-2015]
            """));

    [Fact]
    public void Parse_ReportStepNamingAnUnknownRun_PointsAtTheName() =>
        Assert.Equal("5: report[0].corner.runs[1]: unknown run 'b' (runs: a)", Error($"""
            name: x
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
            report:
              - corner: {"{"} runs: [a, b] {"}"}
            """));

    [Fact]
    public void Parse_UnknownReportStep_ListsTheSteps() =>
        Assert.Equal("6: report[1]: unknown report step 'plots' (one of: compare, corner, spectra, figures, sbc)", Error($"""
            name: x
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
            report:
              - compare
              - plots
            """));

    [Fact]
    public void Parse_ReservedRunName_IsRefused() =>
        Assert.Equal("3: runs[0].name: 'report' is reserved for the pipeline's own folder (reserved: report, slurm, superseded)", Error($"""
            name: x
            runs:
              - {"{"} name: report, prior: {Gaussian}, method: fit {"}"}
            """));

    [Fact]
    public void Parse_ShippedPipelines_AreValid()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(TestRepository.Root, "pipelines"), "*.yaml"))
        {
            var spec = PipelineFileParser.Parse(file, TestRepository.Root, CatalogPriorFileSchema.Instance);
            Assert.NotEmpty(spec.Runs);
        }
    }

    [Fact]
    public void ReplaceDatasets_BlockList_ReplacesOnlyTheDatasetsEntry()
    {
        const string text = "# comment\nmodel: m\ndatasets:\n  - a   # first\n  - b\nparams: { x: 1 }   # kept\n";

        string result = PriorFileRewriter.ReplaceDatasets("p.yaml", text, ["c", "d"]);

        // Comments between the list's items go with it; everything outside the entry stays.
        Assert.Equal("# comment\nmodel: m\ndatasets: [c, d]\nparams: { x: 1 }   # kept\n", result);
    }

    [Fact]
    public void ReplaceDatasets_FlowList_KeepsEverythingElse()
    {
        const string text = "model: m\ndatasets: [a, b, c]  # three\noptions: { k: v }\n";

        Assert.Equal("model: m\ndatasets: [b]  # three\noptions: { k: v }\n", PriorFileRewriter.ReplaceDatasets("p.yaml", text, ["b"]));
    }
}
