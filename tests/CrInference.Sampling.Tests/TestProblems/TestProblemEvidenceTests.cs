using CrInference.Core.Priors;
using CrInference.Posterior.TestProblems;

namespace CrInference.Sampling.Tests.TestProblems;

/// <summary>The exact evidences of the test problems: the analytic values of the problems' own
/// doc comments and of Feroz et al. (2009), each also checked against an independent brute-force quadrature on a grid.</summary>
public sealed class TestProblemEvidenceTests
{
    [Fact]
    public void Gaussian_3dUnitBox20_IsMinusThreeLn20()
    {
        var problem = new GaussianProblem(TestProblemCatalog.Space(3, () => UniformPrior.FromBounds(-10, 10)), correlation: 0.5);

        Assert.Equal(-3 * Math.Log(20), problem.ExactLogEvidence!.Value, 12);
        Assert.Equal(-8.98720, problem.ExactLogEvidence!.Value, 5);
    }

    [Fact]
    public void Gaussian_Correlated2d_LikelihoodIntegratesToOneOnGrid()
    {
        var problem = new GaussianProblem(TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-10, 10)), mean: 0.3, sigma: 0.7, correlation: -0.6);

        double integral = GridIntegral(problem.LogLikelihood, -10, 10, -10, 10, 2000, 0);

        Assert.Equal(1.0, integral, 8);
    }

    [Fact]
    public void Gaussian_UncorrelatedInNarrowBox_UsesTruncatedMass()
    {
        var problem = new GaussianProblem(TestProblemCatalog.Space(1, () => UniformPrior.FromBounds(-1, 2)));

        // ∫_{−1}^{2} N(x; 0, 1) dx / 3 = [Φ(2) − Φ(−1)] / 3 = 0.8185946 / 3.
        Assert.Equal(Math.Log(0.81859461 / 3), problem.ExactLogEvidence!.Value, 7);
    }

    [Theory]
    [InlineData(2, -1.7456)]
    [InlineData(5, -5.6736)]
    public void GaussianShell_IssueValues(int dimension, double expected)
    {
        var problem = new GaussianShellProblem(TestProblemCatalog.Space(dimension, () => UniformPrior.FromBounds(-6, 6)));

        Assert.Equal(expected, problem.ExactLogEvidence!.Value, 4);
    }

    [Fact]
    public void GaussianShell_2d_ClosedFormMatchesGrid()
    {
        var problem = new GaussianShellProblem(TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-6, 6)));

        double integral = GridIntegral(problem.LogLikelihood, -6, 6, -6, 6, 3000, 0);

        Assert.Equal(problem.ExactLogEvidence!.Value, Math.Log(integral / 144), 6);
    }

    [Fact]
    public void EggBox_TenPiBox_Is235856AndMatchesDirectGrid()
    {
        var problem = new EggBoxProblem(TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(0, 10 * Math.PI)));

        double integral = GridIntegral(problem.LogLikelihood, 0, 10 * Math.PI, 0, 10 * Math.PI, 6000, 243);

        Assert.Equal(235.856, problem.ExactLogEvidence!.Value, 3);
        Assert.Equal(problem.ExactLogEvidence!.Value, 243 + Math.Log(integral) - 2 * Math.Log(10 * Math.PI), 6);
    }

    [Fact]
    public void EggBox_BoxNotWholeCells_HasNoExactEvidence()
    {
        var problem = new EggBoxProblem(TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(0, 30)));

        Assert.Null(problem.ExactLogEvidence);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(1.0)]
    public void Rosenbrock_2d_QuadratureMatchesDirectGrid(double temperature)
    {
        var problem = new RosenbrockProblem(TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-5, 5)), temperature);

        double integral = GridIntegral(problem.LogLikelihood, -5, 5, -5, 5, 8000, 0);

        Assert.Equal(problem.ExactLogEvidence!.Value, Math.Log(integral / 100), 5);
    }

    [Fact]
    public void ConjugateGaussian_EvidenceIsProductOfPredictiveDensities()
    {
        var problem = Conjugate(5);

        // ln Z = Σ ln N(μ; m, σ² + s²) = 5 ln N(0.5; 0, 1.04) = −5.2937060.
        double expected = 5 * (-0.5 * Math.Log(2 * Math.PI * 1.04) - 0.25 / (2 * 1.04));
        Assert.Equal(expected, problem.ExactLogEvidence!.Value, 12);
        Assert.Equal(-5.2937060, problem.ExactLogEvidence!.Value, 6);
        Assert.Equal(0.0, problem.LogTemperedEvidence(0.0), 14);
    }

    [Fact]
    public void ConjugateGaussian_ThermodynamicIntegralOfMeanLogLikelihoodIsLogEvidence()
    {
        var problem = Conjugate(3);

        // ln Z = ∫₀¹ ⟨ln L⟩_β dβ (Ogata 1989; Gelman & Meng 1998), composite Simpson in β.
        const int intervals = 4000;
        double h = 1.0 / intervals, sum = 0;
        for (int i = 0; i <= intervals; i++)
        {
            double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * problem.MeanLogLikelihood(i * h);
        }

        Assert.Equal(problem.ExactLogEvidence!.Value, sum * h / 3, 6);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void ConjugateGaussian_MeanLogLikelihoodIsDerivativeOfTemperedLogEvidence(double beta)
    {
        var problem = Conjugate(4);
        const double h = 1e-5;

        double derivative = (problem.LogTemperedEvidence(beta + h) - problem.LogTemperedEvidence(beta - h)) / (2 * h);

        Assert.Equal(problem.MeanLogLikelihood(beta), derivative, 5);
    }

    private static ConjugateGaussianProblem Conjugate(int dimension) =>
        new(TestProblemCatalog.Space(dimension, () => NormalPrior.FromMeanAndSigma(0, 1)), mean: 0.5, sigma: 0.2);

    /// <summary>Composite trapezoid of exp(f − shift) over a rectangle with n × n intervals.</summary>
    private static double GridIntegral(LogLikelihoodFunction f, double x0, double x1, double y0, double y1, int n, double shift)
    {
        double hx = (x1 - x0) / n, hy = (y1 - y0) / n;
        Span<double> point = stackalloc double[2];
        double sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double wx = i == 0 || i == n ? 0.5 : 1.0;
            point[0] = x0 + i * hx;
            for (int j = 0; j <= n; j++)
            {
                double wy = j == 0 || j == n ? 0.5 : 1.0;
                point[1] = y0 + j * hy;
                sum += wx * wy * Math.Exp(f(point, []) - shift);
            }
        }
        return sum * hx * hy;
    }

    private delegate double LogLikelihoodFunction(ReadOnlySpan<double> sampled, Span<double> derived);
}
