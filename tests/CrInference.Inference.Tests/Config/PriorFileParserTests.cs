using CrInference.Config.PriorFiles;
using CrInference.Core.Priors;
using CrInference.Inference.Tests.Storage;

namespace CrInference.Inference.Tests.Config;

/// <summary>Prior files: the happy path and the resolved form.</summary>
public sealed class PriorFileParserTests
{
    internal const string Example = """
        model: two-phase                    # or test/gaussian etc.
        datasets: [ams02-bc-2021, ams02-p-2015, voyager1-h-2016]
        options: { kappa: power-law }
        params:
          warm_n_cm3:   { prior: log-uniform, min: 0.02, max: 2.0, latex: 'n_W', unit: 'cm^-3', ref: { mean: 0.2, sigma: 0.02 } }
          gamma_inj:    { prior: normal, mean: 4.2, sigma: 0.1, min: 3.8, max: 4.6 }   # min/max make it truncated
          solar_phi_GV: { prior: uniform, min: 0.2, max: 1.0 }
          halo_r_kpc: 10            # a bare number fixes a parameter
        likelihood:
          errors: correlated
          correlation_length_decades: 0.3
          cuts: { ams02-p-2015: { min_GV: 10 }, ams02-bc-2021: { min_GeV_per_n: 1 } }
        sampler: { walkers: 32, steps: 4000, seed: 1, moves: { stretch: 0.8, de: 0.2 }, thin: 1, relocate_lagging: 0.2 }
        nested: { live: 500, dlogz: 0.1, seed: 1 }
        """;

    [Fact]
    public void Parse_ExampleFile_GivesTheSpec()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("two-phase.yaml");
        File.WriteAllText(path, Example);

        var spec = PriorFileParser.Parse(path, FakePriorFileSchema.Instance);

        Assert.Equal(path, spec.SourcePath);
        Assert.Equal("two-phase", spec.Model);
        Assert.Equal(["ams02-bc-2021", "ams02-p-2015", "voyager1-h-2016"], spec.Datasets.ToArray());
        Assert.Equal("power-law", spec.Options["kappa"]);
        Assert.Equal(["warm_n_cm3", "gamma_inj", "solar_phi_GV", "halo_r_kpc", "ion_fraction"], spec.Params.Select(p => p.Name));
        Assert.Equal(["warm_n_cm3", "gamma_inj", "solar_phi_GV"], spec.FreeParams.Select(p => p.Name));

        var warm = spec.Param("warm_n_cm3");
        var logUniform = Assert.IsType<LogUniformPrior>(warm.Prior);
        Assert.Equal((0.02, 2.0), (logUniform.Lower, logUniform.Upper));
        Assert.Equal(("n_W", "cm^-3", 5), (warm.Latex, warm.Unit, warm.Line));
        Assert.Equal(new ReferenceSpec(0.2, 0.02), warm.Ref);

        var gamma = Assert.IsType<NormalPrior>(spec.Param("gamma_inj").Prior);
        Assert.Equal(("truncated-normal", 4.2, 0.1, 3.8, 4.6), (gamma.Kind, gamma.Mean, gamma.Sigma, gamma.Lower, gamma.Upper));
        Assert.Equal("\\gamma", spec.Param("gamma_inj").Latex); // from the model when the file gives none
        Assert.IsType<UniformPrior>(spec.Param("solar_phi_GV").Prior);

        var halo = spec.Param("halo_r_kpc");
        Assert.Equal((10.0, 8, false), (Assert.IsType<FixedPrior>(halo.Prior).Value, halo.Line, halo.IsDefault));
        var ion = spec.Param("ion_fraction");
        Assert.Equal((0.01, 0, true), (Assert.IsType<FixedPrior>(ion.Prior).Value, ion.Line, ion.IsDefault));

        Assert.Equal(ErrorModelKind.Correlated, spec.Likelihood.Errors);
        Assert.Equal(0.3, spec.Likelihood.CorrelationLengthDecades);
        Assert.Equal(new CutSpec(10, null, null, null), spec.Likelihood.Cuts["ams02-p-2015"]);
        Assert.Equal(new CutSpec(null, null, 1, null), spec.Likelihood.Cuts["ams02-bc-2021"]);
        Assert.Null(spec.Problem);
        Assert.Equal((32, 4000L, 1UL, 1, 0.2), (spec.Sampler.Walkers, spec.Sampler.Steps, spec.Sampler.Seed, spec.Sampler.Thin, spec.Sampler.RelocateLagging));
        Assert.Equal([("de", 0.2), ("stretch", 0.8)], spec.Sampler.Moves.Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(new NestedSpec(500, 0.1, 1), spec.Nested);
        Assert.Equal(["warm_n_cm3", "gamma_inj", "solar_phi_GV"], spec.ToParameterSpace().Names);
    }

    [Fact]
    public void ToResolvedJson_Example_IsCanonical()
    {
        var spec = PriorFileParser.ParseText("priors/x.yaml", Example, FakePriorFileSchema.Instance);

        // One JSON text; split over lines here for reading only.
        string expected = """
            {"model":"two-phase","datasets":["ams02-bc-2021","ams02-p-2015","voyager1-h-2016"],"options":{"kappa":"power-law"},"params":{
            "warm_n_cm3":{"prior":"log-uniform","min":0.02,"max":2,"latex":"n_W","unit":"cm^-3","ref":{"mean":0.2,"sigma":0.02},"default":false},
            "gamma_inj":{"prior":"truncated-normal","mean":4.2,"sigma":0.1,"min":3.8,"max":4.6,"latex":"\\gamma","unit":"","ref":null,"default":false},
            "solar_phi_GV":{"prior":"uniform","min":0.2,"max":1,"latex":"\\phi","unit":"GV","ref":null,"default":false},
            "halo_r_kpc":{"prior":"fixed","value":10,"latex":"R_h","unit":"kpc","ref":null,"default":false},
            "ion_fraction":{"prior":"fixed","value":0.01,"latex":"x_i","unit":"","ref":null,"default":true}},
            "likelihood":{"errors":"correlated","correlation_length_decades":0.3,"cuts":{
            "ams02-bc-2021":{"min_GV":null,"max_GV":null,"min_GeV_per_n":1,"max_GeV_per_n":null},
            "ams02-p-2015":{"min_GV":10,"max_GV":null,"min_GeV_per_n":null,"max_GeV_per_n":null}}},
            "problem":null,"sampler":{"walkers":32,"steps":4000,"seed":1,"thin":1,"relocate_lagging":0.2,"moves":{"de":0.2,"stretch":0.8}},
            "nested":{"live":500,"dlogz":0.1,"seed":1}}
            """.ReplaceLineEndings("");
        Assert.Equal(expected, spec.ToResolvedJson());
    }

    [Fact]
    public void ResolvedHash_ReformattedFileElsewhere_IsUnchanged_ChangedValue_Differs()
    {
        var spec = PriorFileParser.ParseText("priors/x.yaml", Example, FakePriorFileSchema.Instance);
        string reformatted = Example.Replace("{ stretch: 0.8, de: 0.2 }", "{ de: 2.0e-1, stretch: 0.80 }", StringComparison.Ordinal).Replace("# or test/gaussian etc.", "", StringComparison.Ordinal);
        string changed = Example.Replace("steps: 4000", "steps: 4001", StringComparison.Ordinal);

        string hash = spec.ResolvedHash();

        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.Equal(hash, PriorFileParser.ParseText("elsewhere/y.yaml", reformatted, FakePriorFileSchema.Instance).ResolvedHash());
        Assert.NotEqual(hash, PriorFileParser.ParseText("priors/x.yaml", changed, FakePriorFileSchema.Instance).ResolvedHash());
        Assert.NotEqual(hash, (spec with { Sampler = spec.Sampler with { Walkers = 64 } }).ResolvedHash());
    }

    [Fact]
    public void Parse_MinimalFile_DefaultsFilledAndUnsetSettingsNull()
    {
        var spec = PriorFileParser.ParseText("priors/min.yaml", """
            model: two-phase
            datasets: [ams02-p-2015]
            params:
              gamma_inj: { prior: normal, mean: 4.2, sigma: 0.1 }
            """, FakePriorFileSchema.Instance);

        Assert.Equal("fast-modes", spec.Options["kappa"]);
        Assert.Equal(["gamma_inj", "warm_n_cm3", "halo_r_kpc", "ion_fraction", "solar_phi_GV"], spec.Params.Select(p => p.Name));
        Assert.Equal("normal", spec.Param("gamma_inj").Prior.Kind);
        Assert.Equal(LikelihoodSpec.Default, spec.Likelihood);
        Assert.Equal(SamplerSpec.Empty, spec.Sampler);
        Assert.Null(spec.Nested);
    }

    [Fact]
    public void Parse_TestProblem_ParametersFollowTheDimension()
    {
        var spec = PriorFileParser.ParseText("priors/gauss.yaml", """
            model: test/gaussian
            problem: { dimension: 3 }
            params:
              x0: { prior: uniform, min: -10, max: 10 }
              x1: { prior: uniform, min: -10, max: 10 }
              x2: { prior: fixed, value: 0.5, latex: 'x_2' }
            """, FakePriorFileSchema.Instance);

        Assert.Equal(new ProblemSpec(3), spec.Problem);
        Assert.Empty(spec.Datasets);
        Assert.Equal(["x0", "x1"], spec.FreeParams.Select(p => p.Name));
        Assert.Equal(0.5, Assert.IsType<FixedPrior>(spec.Param("x2").Prior).Value);
    }
}
