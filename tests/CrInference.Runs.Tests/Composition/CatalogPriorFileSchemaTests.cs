using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Data;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.TestProblems;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Tests.Composition;

/// <summary>The real catalogues as a prior-file schema, and the posterior a prior file builds.</summary>
public sealed class CatalogPriorFileSchemaTests
{
    private const string TwoPhaseHead = "model: two-phase\ndatasets: [ams02-bc-2021, ams02-p-2015, voyager1-h-2016]\n";

    public static TheoryData<string> ShippedPriorFiles()
    {
        var data = new TheoryData<string>();
        string truths = Path.Combine(TestRepository.Root, "priors", "truths") + Path.DirectorySeparatorChar;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "priors"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // priors/truths/ holds injection points for crinf sbc --truth, not prior files.
            if (file.StartsWith(truths, StringComparison.Ordinal)) continue;
            data.Add(Path.GetRelativePath(TestRepository.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPriorFiles))]
    public void Parse_EveryShippedPriorFile_ParsesAndBuildsItsPosterior(string relative)
    {
        string path = Path.Combine(TestRepository.Root, relative);

        var spec = CatalogPriorFileSchema.Parse(path);
        var build = PosteriorFactory.Create(spec, new DatasetCatalog(Path.Combine(TestRepository.Root, "data")));

        Assert.NotEmpty(spec.FreeParams);
        Assert.Equal(spec.FreeParams.Select(p => p.Name), build.Posterior.Space.Names);
        Assert.Equal(spec.Datasets.Select(d => "log_likelihood__" + d), build.Posterior.DerivedNames);
        // The centre of the prior (unit cube at 1/2) is a point every shipped prior file must be able to evaluate.
        var point = new double[build.Posterior.Space.Dimension];
        build.Posterior.Space.FromUnitCube(Enumerable.Repeat(0.5, point.Length).ToArray(), point);
        var value = build.Posterior.Evaluate(point, new double[build.Posterior.DerivedNames.Count]);
        Assert.True(double.IsFinite(value.Value), $"{relative}: log posterior {value.Value} at the prior's centre");
    }

    [Fact]
    public void Parse_ProtonOnlyModelWithBoronToCarbon_PointsAtTheDataset()
    {
        var error = Assert.Throws<ConfigException>(() => CatalogPriorFileSchema.ParseText("priors/x.yaml",
            "model: stratified\ndatasets:\n  - ams02-p-2015\n  - ams02-bc-2016-ekn\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n"));

        Assert.Equal(4, error.Line);
        Assert.Equal("datasets[1]", error.KeyPath);
        Assert.StartsWith("model 'stratified' does not predict BoronToCarbon (dataset 'ams02-bc-2016-ekn')", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CarbonFlux_IsNotPredictedByAnyModel()
    {
        var error = Assert.Throws<ConfigException>(() => CatalogPriorFileSchema.ParseText("priors/x.yaml",
            "model: phenomenological\ndatasets: [ams02-p-2015, ams02-c-2017]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n"));

        Assert.Equal("priors/x.yaml:2: datasets[1]: dataset 'ams02-c-2017' measures CarbonFlux, which no transport model predicts (use it for plots only)", error.Message);
    }

    [Fact]
    public void FindModel_PhysicsModel_AddsTheSolarPotentialFixedAtZero()
    {
        var spec = CatalogPriorFileSchema.ParseText("priors/x.yaml", TwoPhaseHead + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n");

        var phi = spec.Param(TransportPosterior.SolarPhiParameter);
        Assert.True(phi.IsDefault);
        Assert.Equal(0.0, phi.Prior.Lower);
        Assert.Equal("GV", phi.Unit);
    }

    [Fact]
    public void Parse_SolarPotentialBelowZero_IsRefused()
    {
        var error = Assert.Throws<ConfigException>(() => CatalogPriorFileSchema.ParseText("priors/x.yaml",
            TwoPhaseHead + "params:\n  solar_phi_GV: { prior: uniform, min: -0.1, max: 1 }\n"));

        Assert.Equal("params.solar_phi_GV.min", error.KeyPath);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_TestProblemSettings_AreKeptAndHashed()
    {
        const string text = "model: test/gaussian\nproblem: { dimension: 2, correlation: 0.5, sigma: 2 }\nparams:\n  x1: { prior: uniform, min: -9, max: 9 }\n  x2: { prior: uniform, min: -9, max: 9 }\n";

        var spec = CatalogPriorFileSchema.ParseText("priors/t.yaml", text);
        var other = CatalogPriorFileSchema.ParseText("priors/t.yaml", text.Replace("sigma: 2", "sigma: 3", StringComparison.Ordinal));

        Assert.Equal(new ProblemSpec(2, ProblemSpec.NoSettings.Add("correlation", 0.5).Add("sigma", 2)), spec.Problem);
        Assert.Contains("\"problem\":{\"dimension\":2,\"correlation\":0.5,\"sigma\":2}", spec.ToResolvedJson(), StringComparison.Ordinal);
        Assert.NotEqual(spec.ResolvedHash(), other.ResolvedHash());
        var problem = Assert.IsType<GaussianProblem>(PosteriorFactory.Create(spec, new DatasetCatalog(Path.Combine(TestRepository.Root, "data"))).TestProblem);
        Assert.Equal(0.5, problem.Correlation);
        Assert.Equal(2.0, problem.Sigma);
    }

    [Fact]
    public void Parse_UnknownProblemSetting_PointsAtItsKey()
    {
        var error = Assert.Throws<ConfigException>(() => CatalogPriorFileSchema.ParseText("priors/t.yaml",
            "model: test/gaussian-shell\nproblem:\n  dimension: 2\n  radious: 2\nparams:\n  x1: { prior: uniform, min: -6, max: 6 }\n  x2: { prior: uniform, min: -6, max: 6 }\n"));

        Assert.Equal("priors/t.yaml:4: problem.radious: test/gaussian-shell has no setting 'radious' (known: dimension, radius, width, centre)", error.Message);
    }

    [Fact]
    public void IdentityHash_IgnoresStepsOnly()
    {
        var spec = CatalogPriorFileSchema.ParseText("priors/x.yaml", TwoPhaseHead + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\nsampler: { walkers: 16, steps: 100, seed: 1 }\n");

        Assert.Equal(spec.IdentityHash(), (spec with { Sampler = spec.Sampler with { Steps = 5000 } }).IdentityHash());
        Assert.NotEqual(spec.IdentityHash(), (spec with { Sampler = spec.Sampler with { Seed = 2 } }).IdentityHash());
        Assert.NotEqual(spec.ResolvedHash(), (spec with { Sampler = spec.Sampler with { Steps = 5000 } }).ResolvedHash());
    }

    [Theory]
    // protons: default lower bound E_k >= 10 GeV (KQ22), replaced end by end
    [InlineData(5.0, null, 5.0, null, null, null)]
    [InlineData(null, 1000.0, null, 1000.0, 10.0, null)]
    public void CutFor_Override_ReplacesTheDefaultAtTheSameEnd(double? minGV, double? maxGV, double? expectMinGV, double? expectMaxGV, double? expectMinEkn, double? expectMaxEkn)
    {
        var cut = PosteriorFactory.CutFor(DatasetQuantity.ProtonFlux, new CutSpec(minGV, maxGV, null, null));

        Assert.Equal(new DatasetCut(expectMinGV, expectMaxGV, expectMinEkn, expectMaxEkn), cut);
    }

    [Fact]
    public void Create_CutThatKeepsNoPoint_PointsAtTheCut()
    {
        var spec = CatalogPriorFileSchema.ParseText("priors/x.yaml",
            TwoPhaseHead + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\nlikelihood:\n  cuts:\n    voyager1-h-2016: { min_GeV_per_n: 50 }\n");
        var root = CrInference.Config.Yaml.YamlReader.ParseMapping("priors/x.yaml",
            TwoPhaseHead + "params:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\nlikelihood:\n  cuts:\n    voyager1-h-2016: { min_GeV_per_n: 50 }\n");

        var error = Assert.Throws<ConfigException>(() => PosteriorFactory.Create(spec, new DatasetCatalog(Path.Combine(TestRepository.Root, "data")), root));

        Assert.Equal(7, error.Line);
        Assert.Equal("likelihood.cuts.voyager1-h-2016", error.KeyPath);
        Assert.Contains("no point survives the cut (E_k/n >= 50 GeV/n)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LowerProtonCut_KeepsMorePointsAndModulates()
    {
        var spec = CatalogPriorFileSchema.ParseText("priors/x.yaml",
            "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  solar_phi_GV: { prior: uniform, min: 0.2, max: 1.0 }\nlikelihood:\n  cuts:\n    ams02-p-2015: { min_GV: 5 }\n");

        var build = PosteriorFactory.Create(spec, new DatasetCatalog(Path.Combine(TestRepository.Root, "data")));

        var dataset = Assert.Single(build.Datasets);
        Assert.True(dataset.IsModulated);
        Assert.Equal(new DatasetCut(MinGV: 5), dataset.Cut);
        Assert.All(dataset.RigidityGV, r => Assert.True(r >= 5));
        Assert.True(dataset.Count > 49, "a 5 GV cut keeps more than the default 10 GeV cut (49 points)");
    }
}
