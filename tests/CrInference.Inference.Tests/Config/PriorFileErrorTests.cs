using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Inference.Tests.Storage;

namespace CrInference.Inference.Tests.Config;

/// <summary>One test per class of prior-file error, each asserting the exact one-line message
/// <c>file:line: key path: problem</c>.</summary>
public sealed class PriorFileErrorTests
{
    private const string File = "priors/x.yaml";

    private const string Head = """
        model: two-phase
        datasets: [ams02-p-2015, ams02-bc-2021]

        """;

    private static string Error(string yaml)
    {
        var error = Assert.Throws<ConfigException>(() => PriorFileParser.ParseText(File, yaml, FakePriorFileSchema.Instance));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    [Fact]
    public void UnknownTopLevelKey_NamesKeyAndAllowedKeys() =>
        Assert.Equal(
            "priors/x.yaml:4: sampeler: unknown key (allowed here: model, datasets, options, params, likelihood, problem, sampler, nested)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampeler: { walkers: 8 }\n"));

    [Fact]
    public void UnknownNestedKey_NamesFullPath() =>
        Assert.Equal(
            "priors/x.yaml:5: sampler.stepz: unknown key (allowed here: walkers, steps, seed, moves, thin, relocate_lagging, starts)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampler:\n  stepz: 10\n"));

    [Fact]
    public void UnknownMove_ListsTheSchemasMoves() =>
        Assert.Equal(
            "priors/x.yaml:5: sampler.moves.walk: unknown move 'walk' (one of: stretch, de)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampler:\n  moves: { walk: 1 }\n"));

    [Fact]
    public void DatasetTheModelCannotFit_IsReportedAtTheDatasetsLine() =>
        Assert.Equal(
            "priors/x.yaml:4: datasets[1]: model 'toy' does not predict B/C",
            Error("model: toy\ndatasets:\n  - ams02-p-2015\n  - ams02-bc-2021\nparams:\n  a: { prior: uniform, min: 0, max: 1 }\n"));

    [Fact]
    public void RelocateLaggingOutsideZeroToHalf_NamesKeyAndRange() =>
        Assert.Equal(
            "priors/x.yaml:6: sampler.relocate_lagging: must be a fraction of the steps in [0, 0.5] (got 0.7)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampler:\n  steps: 100\n  relocate_lagging: 0.7\n"));

    [Fact]
    public void KeyOfAnotherPriorKind_SaysNotUsed() =>
        Assert.Equal(
            "priors/x.yaml:5: params.gamma_inj.sigma: not used by a uniform prior (allowed here: prior, latex, unit, ref, min, max)",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 5,\n    sigma: 1 }\n"));

    [Fact]
    public void UnknownParameter_ListsTheModelsParameters() =>
        Assert.Equal(
            "priors/x.yaml:4: params.warm_n: model 'two-phase' has no parameter 'warm_n' (known: warm_n_cm3, gamma_inj, halo_r_kpc, ion_fraction, solar_phi_GV)",
            Error(Head + "params:\n  warm_n: { prior: uniform, min: 0.1, max: 1 }\n"));

    [Fact]
    public void UnknownModel_ListsModels() =>
        Assert.Equal(
            "priors/x.yaml:1: model: unknown model 'three-phase' (known: two-phase, toy, test/gaussian)",
            Error("model: three-phase\nparams: {}\n"));

    [Fact]
    public void UnknownDataset_NamesListItem() =>
        Assert.Equal(
            "priors/x.yaml:4: datasets[1]: unknown dataset 'ams02-he-2017' (known: ams02-bc-2021, ams02-p-2015, voyager1-h-2016)",
            Error("model: two-phase\ndatasets:\n  - ams02-p-2015\n  - ams02-he-2017\nparams: {}\n"));

    [Fact]
    public void MinNotBelowMax_ReportedAtMax() =>
        Assert.Equal(
            "priors/x.yaml:7: params.warm_n_cm3.max: min (2) must be < max (0.5)",
            Error(Head + "params:\n  warm_n_cm3:\n    prior: log-uniform\n    min: 2\n    max: 0.5\n"));

    [Fact]
    public void LogUniformMinNotPositive_ReportedAtMin() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.min: a log-uniform prior needs min > 0 (got 0)",
            Error(Head + "params:\n  gamma_inj: { prior: log-uniform, min: 0, max: 5 }\n"));

    [Fact]
    public void SigmaNotPositive_ReportedAtSigma() =>
        Assert.Equal(
            "priors/x.yaml:6: params.gamma_inj.sigma: sigma must be > 0 (got -0.1)",
            Error(Head + "params:\n  gamma_inj:\n    { prior: normal, mean: 4.2,\n      sigma: -0.1 }\n"));

    [Fact]
    public void RefSigmaNotPositive_ReportedAtRefSigma() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.ref.sigma: sigma must be > 0 (got 0)",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 5, ref: { mean: 4.5, sigma: 0 } }\n"));

    [Fact]
    public void RefMeanOutsidePrior_ReportedAtRefMean() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.ref.mean: 6 lies outside the prior's support [4, 5]",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 5, ref: { mean: 6, sigma: 0.1 } }\n"));

    [Fact]
    public void WordWhereNumber_ReportedAtValue() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.max: expected a number, got 'five'",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4, max: five }\n"));

    [Fact]
    public void QuotedNumber_SaysRemoveQuotes() =>
        Assert.Equal(
            "priors/x.yaml:4: params.halo_r_kpc: expected a number, got the string '10' (remove the quotes)",
            Error(Head + "params:\n  halo_r_kpc: '10'\n  gamma_inj: { prior: uniform, min: 4, max: 5 }\n"));

    [Fact]
    public void ListWhereMapping_ReportedAtValue() =>
        Assert.Equal(
            "priors/x.yaml:4: sampler: expected a mapping of keys, got a list",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampler: [32, 4000]\n"));

    [Fact]
    public void FractionalWalkers_SaysInteger() =>
        Assert.Equal(
            "priors/x.yaml:4: sampler.walkers: expected an integer, got '32.5'",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nsampler: { walkers: 32.5 }\n"));

    [Fact]
    public void DuplicateTopLevelKey_NamesFirstLine() =>
        Assert.Equal(
            "priors/x.yaml:4: model: duplicate key (first given on line 1)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nmodel: toy\n"));

    [Fact]
    public void DuplicateNestedKey_NamesFullPath() =>
        Assert.Equal(
            "priors/x.yaml:6: params.gamma_inj.min: duplicate key (first given on line 5)",
            Error(Head + "params:\n  gamma_inj:\n    min: 4\n    min: 4.5\n    max: 5\n    prior: uniform\n"));

    [Fact]
    public void MissingModel_ReportedAtTop() =>
        Assert.Equal(
            "priors/x.yaml:1: model: missing (name the model, one of: two-phase, toy, test/gaussian)",
            Error("datasets: [ams02-p-2015]\nparams: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\n"));

    [Fact]
    public void MissingParams_ReportedAtTop() =>
        Assert.Equal(
            "priors/x.yaml:1: params: missing (give each parameter to fit a prior, e.g. x: { prior: uniform, min: 0, max: 1 })",
            Error(Head));

    [Fact]
    public void MissingPriorBound_ReportedAtParameter() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.max: missing (a uniform prior needs min and max)",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4 }\n"));

    [Fact]
    public void NoFreeParameter_ReportedAtParams() =>
        Assert.Equal(
            "priors/x.yaml:3: params: no free parameter (every parameter is fixed); give at least one a prior",
            Error(Head + "params:\n  gamma_inj: 4.2\n"));

    [Fact]
    public void ParameterWithoutDefaultLeftOut_ReportedAtParams() =>
        Assert.Equal(
            "priors/x.yaml:3: params: parameter 'a' of model 'toy' has no default value; give it a prior or a number",
            Error("model: toy\ndatasets: [ams02-p-2015]\nparams:\n  b: { prior: uniform, min: 0, max: 2 }\n"));

    [Fact]
    public void PriorOutsidePhysicalRange_ReportedAtMin() =>
        Assert.Equal(
            "priors/x.yaml:4: params.warm_n_cm3.min: -1 is outside the allowed range of warm_n_cm3 (> 0 cm^-3)",
            Error(Head + "params:\n  warm_n_cm3: { prior: uniform, min: -1, max: 1 }\n"));

    [Fact]
    public void UntruncatedNormalOnPositiveParameter_SaysAddMin() =>
        Assert.Equal(
            "priors/x.yaml:4: params.halo_r_kpc: the prior extends below the allowed range of halo_r_kpc (> 0 kpc); add min",
            Error(Head + "params:\n  halo_r_kpc: { prior: normal, mean: 8, sigma: 2 }\n"));

    [Fact]
    public void UnknownOptionValue_ListsAllowed() =>
        Assert.Equal(
            "priors/x.yaml:3: options.kappa: 'fast' is not a value of option kappa (one of: fast-modes, power-law)",
            Error(Head.TrimEnd() + "\noptions: { kappa: fast }\nparams: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\n"));

    [Fact]
    public void CutForDatasetNotListed_ReportedAtCutKey() =>
        Assert.Equal(
            "priors/x.yaml:6: likelihood.cuts.voyager1-h-2016: dataset 'voyager1-h-2016' is not among this file's datasets (ams02-p-2015, ams02-bc-2021)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nlikelihood:\n  cuts:\n    voyager1-h-2016: { min_GV: 1 }\n"));

    [Fact]
    public void CutMixingRigidityAndEnergy_ReportedAtEnergyKey() =>
        Assert.Equal(
            "priors/x.yaml:6: likelihood.cuts.ams02-p-2015.max_GeV_per_n: mixes a rigidity cut (min_GV/max_GV) with an energy cut (min_GeV_per_n/max_GeV_per_n); use one kind",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nlikelihood:\n  cuts: { ams02-p-2015: { min_GV: 10,\n    max_GeV_per_n: 100 } }\n"));

    [Fact]
    public void CorrelationLengthWithoutCorrelatedErrors_ReportedAtKey() =>
        Assert.Equal(
            "priors/x.yaml:4: likelihood.correlation_length_decades: only used with errors: correlated",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\nlikelihood: { errors: stat+sys, correlation_length_decades: 0.3 }\n"));

    [Fact]
    public void TooFewWalkers_ReportedAtWalkers() =>
        Assert.Equal(
            "priors/x.yaml:7: sampler.walkers: 4 walkers are too few for 3 free parameters (the ensemble needs at least 2 x 3 = 6)",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 5 }\n  halo_r_kpc: { prior: uniform, min: 4, max: 10 }\n  warm_n_cm3: { prior: uniform, min: 0.1, max: 1 }\nsampler: { walkers: 4 }\n"));

    [Fact]
    public void ProblemOnPhysicsModel_ReportedAtProblem() =>
        Assert.Equal(
            "priors/x.yaml:3: problem: model 'two-phase' takes no problem section (only test problems do)",
            Error(Head + "problem: { dimension: 3 }\nparams: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\n"));

    [Fact]
    public void TestProblemWithoutProblem_SaysMissing() =>
        Assert.Equal(
            "priors/x.yaml:1: problem: missing (model 'test/gaussian' needs problem: { dimension: N })",
            Error("model: test/gaussian\nparams: { x0: { prior: uniform, min: 0, max: 1 } }\n"));

    [Fact]
    public void TestProblemDimensionRefusedBySchema_ReportedAtProblem() =>
        Assert.Equal(
            "priors/x.yaml:2: problem: test/gaussian offers dimensions 1 to 10 (got 11)",
            Error("model: test/gaussian\nproblem:\n  dimension: 11\nparams: {}\n"));

    [Fact]
    public void InvalidYaml_LineFromParser() =>
        Assert.Equal(
            "priors/x.yaml:4: params.gamma_inj.min: invalid YAML: While parsing a flow mapping, did not find expected ',' or '}'.",
            Error(Head + "params:\n  gamma_inj: { prior: uniform, min: 4 max: 5 }\n"));

    [Fact]
    public void UnclosedFlowList_ReportedNearTheOpening() =>
        Assert.Equal(
            "priors/x.yaml:2: datasets: invalid YAML after this point (check for an unclosed '[', '{' or quote)",
            Error("model: two-phase\ndatasets: [ams02-p-2015, ams02-bc-2021\nparams: {}\n"));

    [Fact]
    public void TwoDocuments_ReportedAtTheSecond() =>
        Assert.Equal(
            "priors/x.yaml:5: (file): holds more than one YAML document (remove the '---' separator)",
            Error(Head + "params: { gamma_inj: { prior: uniform, min: 4, max: 5 } }\n---\nmodel: toy\n"));

    [Fact]
    public void MissingFile_ReportedAsFile()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("absent.yaml");

        var error = Assert.Throws<ConfigException>(() => PriorFileParser.Parse(path, FakePriorFileSchema.Instance));

        Assert.Equal($"{path}:1: (file): no such file", error.Message);
    }

    [Fact]
    public void EmptyFile_ReportedAsFile()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("empty.yaml");
        System.IO.File.WriteAllText(path, "# nothing but a comment\n");

        var error = Assert.Throws<ConfigException>(() => PriorFileParser.Parse(path, FakePriorFileSchema.Instance));

        Assert.Equal($"{path}:1: (file): file is empty (no YAML document)", error.Message);
    }
}
