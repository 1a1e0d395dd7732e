using CrInference.Core.Priors;
using CrInference.Posterior.TestProblems;

namespace CrInference.Sampling.Tests.TestProblems;

public sealed class TestProblemCatalogTests
{
    [Fact]
    public void ReferenceProblems_AllHaveExactEvidenceAndCatalogNames()
    {
        var problems = TestProblemCatalog.ReferenceProblems();

        Assert.Equal(6, problems.Count);
        Assert.All(problems, p => Assert.NotNull(p.ExactLogEvidence));
        Assert.All(problems, p => Assert.Contains(p.Name, TestProblemCatalog.Names));
    }

    [Fact]
    public void Create_GaussianWithSettings_AppliesThem()
    {
        var space = TestProblemCatalog.Space(3, () => UniformPrior.FromBounds(-10, 10));

        var problem = (GaussianProblem)TestProblemCatalog.Create("test/gaussian", space,
            new Dictionary<string, double> { ["dimension"] = 3, ["correlation"] = 0.5, ["sigma"] = 2 });

        Assert.Equal(0.5, problem.Correlation);
        Assert.Equal(2.0, problem.Sigma);
    }

    [Fact]
    public void Create_UnknownModel_NamesModelKey()
    {
        var space = TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(0, 1));

        var error = Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("test/banana", space, new Dictionary<string, double>()));

        Assert.Equal("model", error.ParamName);
    }

    [Fact]
    public void Create_UnknownSetting_NamesProblemKey()
    {
        var space = TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-6, 6));

        var error = Assert.Throws<ArgumentException>(() =>
            TestProblemCatalog.Create("test/gaussian-shell", space, new Dictionary<string, double> { ["radious"] = 2 }));

        Assert.Equal("problem.radious", error.ParamName);
    }

    [Fact]
    public void Create_DimensionDisagreesWithParameters_NamesDimension()
    {
        var space = TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-6, 6));

        var error = Assert.Throws<ArgumentException>(() =>
            TestProblemCatalog.Create("test/gaussian", space, new Dictionary<string, double> { ["dimension"] = 3 }));

        Assert.Equal("problem.dimension", error.ParamName);
    }

    [Fact]
    public void Create_InvalidSettingValue_NamesThatKey()
    {
        var space = TestProblemCatalog.Space(3, () => UniformPrior.FromBounds(-10, 10));

        var error = Assert.Throws<ArgumentException>(() =>
            TestProblemCatalog.Create("test/gaussian", space, new Dictionary<string, double> { ["correlation"] = -0.7 }));

        Assert.Equal("problem.correlation", error.ParamName);
        Assert.StartsWith("test/gaussian: correlation must lie in (-0.5, 1) for 3 parameters (got -0.7) (Parameter 'problem.correlation')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ParametersNotNamedX1ToXd_NamesParams()
    {
        var space = new Core.ParameterSpace([new Core.ParameterSpec("a", "a", "", UniformPrior.FromBounds(0, 10 * Math.PI)), new Core.ParameterSpec("b", "b", "", UniformPrior.FromBounds(0, 10 * Math.PI))]);

        var error = Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("test/egg-box", space, new Dictionary<string, double>()));

        Assert.Equal("params", error.ParamName);
    }

    [Fact]
    public void Create_ConjugateGaussianWithUniformPriors_Refuses()
    {
        var space = TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-1, 1));

        Assert.Throws<ArgumentException>(() => TestProblemCatalog.Create("test/conjugate-gaussian", space, new Dictionary<string, double>()));
    }
}
