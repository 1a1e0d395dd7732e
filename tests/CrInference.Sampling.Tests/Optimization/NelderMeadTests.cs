using CrInference.Sampling.Optimization;

namespace CrInference.Sampling.Tests.Optimization;

/// <summary>
/// The minimiser on functions whose minima are known in closed form: Rosenbrock's valley (minimum 0 at (1, 1); Nelder
/// &amp; Mead 1965 used it), an ill-conditioned 12-D quadratic (the dimension where the standard coefficients stall and
/// Gao &amp; Han's adaptive ones do not), and a minimum on the edge of a region where f = +∞.
/// </summary>
public class NelderMeadTests
{
    [Fact]
    public void Rosenbrock_FromTheClassicStart_ReachesTheMinimumAtOneOne()
    {
        static double Rosenbrock(double[] x) => (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);

        var result = NelderMead.Minimize(Rosenbrock, [-1.2, 1.0], [0.1, 0.1], 5000, 1e-14);

        Assert.True(result.Converged);
        Assert.Equal(1.0, result.Point[0], 3e-3);
        Assert.Equal(1.0, result.Point[1], 6e-3);
        Assert.InRange(result.Value, 0, 1e-8);
        Assert.InRange(result.Evaluations, 3, 5000 + 2);
    }

    [Fact]
    public void IllConditionedQuadratic_In12Dimensions_ReachesItsCentre()
    {
        // f = Σ_i 10^(i/4) (x_i − c_i)²: curvatures spanning a factor 10^2.75, minimum 0 at c.
        const int n = 12;
        var centre = Enumerable.Range(0, n).Select(i => 0.1 * (i - 5)).ToArray();
        double F(double[] x) => Enumerable.Range(0, n).Sum(i => Math.Pow(10, i / 4.0) * (x[i] - centre[i]) * (x[i] - centre[i]));

        var result = NelderMead.Minimize(F, new double[n], Enumerable.Repeat(0.5, n).ToArray(), 60_000, 1e-16);

        Assert.True(result.Converged, $"not converged after {result.Evaluations} evaluations, f = {result.Value}");
        Assert.InRange(result.Value, 0, 1e-10);
        for (int i = 0; i < n; i++) Assert.Equal(centre[i], result.Point[i], 1e-4);
    }

    [Fact]
    public void MinimumOnTheEdgeOfAnInfiniteRegion_IsApproachedFromInside()
    {
        // (x − 2)² + y² with f = +∞ for x > 1: the constrained minimum is (1, 0), f = 1.
        static double F(double[] x) => x[0] > 1 ? double.PositiveInfinity : (x[0] - 2) * (x[0] - 2) + x[1] * x[1];

        var result = NelderMead.Minimize(F, [0.0, 0.5], [0.2, 0.2], 5000, 1e-12);

        // The simplex flattens against the edge, so y converges only as f does (y² ≤ 1e-6).
        Assert.Equal(1.0, result.Point[0], 1e-6);
        Assert.Equal(0.0, result.Point[1], 1e-3);
        Assert.InRange(result.Value, 1.0, 1.0 + 1e-6);
    }

    [Fact]
    public void Budget_StopsTheSearch_AndSaysItDidNotConverge()
    {
        static double F(double[] x) => x.Sum(v => v * v);

        var result = NelderMead.Minimize(F, Enumerable.Repeat(3.0, 8).ToArray(), Enumerable.Repeat(0.1, 8).ToArray(), 40, 1e-12);

        Assert.False(result.Converged);
        // The budget is checked once per iteration; one iteration costs at most n + 2 calls (a shrink).
        Assert.InRange(result.Evaluations, 40, 40 + 8 + 2);
        Assert.True(result.Value < F(Enumerable.Repeat(3.0, 8).ToArray()));
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        static double F(double[] x) => x[0] * x[0];
        Assert.Throws<ArgumentException>(() => NelderMead.Minimize(F, [1.0], [0.1, 0.1], 100, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => NelderMead.Minimize(F, [1.0], [0.1], 1, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => NelderMead.Minimize(F, [1.0], [0.1], 100, 0));
    }
}
