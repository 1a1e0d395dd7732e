using CrInference.Core.Random;
using CrInference.Physics.Benchmarks;
using CrInference.Physics.FastModes;

namespace CrInference.Physics.Tests.FastModes;

/// <summary>
/// The interpolated κ path (<see cref="KappaInterpolation"/>) against the exact fast path on the same grid and against the
/// converged quadrature (every resolution doubled): the error contract of docs/FAST-MODES.md (≤ 1e-3 where confined) and
/// exact agreement on which rigidities are unconfined.
/// </summary>
public sealed class KappaInterpolationTests
{
    // A likelihood-like grid: 30 points per decade from Voyager's 0.08 GV to AMS-02's 2 TV.
    private static readonly double[] Grid = FastModeTables.LogSpace(0.08, 2000, 133);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InterpolatedKappa_MatchesConvergedQuadratureAndExactConfinementAtRandomPlasmas(bool derivedPoints)
    {
        // Every point flagged derived: interpolation to KappaInterpolation.DerivedTolerance instead of Tolerance.
        double tolerance = derivedPoints ? KappaInterpolation.DerivedTolerance : KappaInterpolation.Tolerance;
        var derived = new bool[derivedPoints ? Grid.Length : 0];
        Array.Fill(derived, true);
        double worstConverged = 0, worstExact = 0;
        var solver = new FastKappaSolver();
        var doubled = new FastKappaSolver(FastKappaResolution.Default.Doubled());
        var stream = RandomKey.FromSeed(20220412).Open();
        int interpolatedPoints = 0, exactEvaluations = 0;
        for (int p = 0; p < 16; p++)
        {
            var spec = KappaBenchmark.DrawPlasma(ref stream);
            Assert.Null(FastModePlasma.TryCreate(spec, out var plasma));
            var exact = new KappaParts[Grid.Length];
            var converged = new KappaParts[Grid.Length];
            Assert.Null(solver.ComputeParts(spec, Grid, exact));
            Assert.Null(doubled.ComputeParts(spec, Grid, converged));
            var kappa = new double[Grid.Length];
            var unconfined = new bool[Grid.Length];
            var interpolated = new bool[Grid.Length];
            var counts = KappaInterpolation.Evaluate(solver, plasma!, Grid, kappa, unconfined, interpolated, derived);
            exactEvaluations += counts.ExactEvaluations;
            for (int i = 0; i < Grid.Length; i++)
            {
                Assert.Equal(exact[i].Unconfined, unconfined[i]);
                if (unconfined[i]) { Assert.Equal(exact[i].Total, kappa[i]); continue; }
                // ≤ 1e-3 from the converged quadrature, or no worse than the exact fast path (+ the tolerance) at the first
                // rigidities past a confinement edge, where κ climbs steeply to the cap and the fast path itself reaches ~1e-3.
                double exactError = Math.Abs(exact[i].Total / converged[i].Total - 1);
                if (!converged[i].Unconfined)
                {
                    double error = Math.Abs(kappa[i] / converged[i].Total - 1);
                    if (exactError < 3e-4) worstConverged = Math.Max(worstConverged, error);
                    Assert.InRange(error, 0, Math.Max(1e-3, exactError + tolerance));
                }
                if (!interpolated[i]) continue;
                interpolatedPoints++;
                // The tolerance plus the fast path's own dependence on the range its tables cover (~1e-5 here).
                worstExact = Math.Max(worstExact, Math.Abs(kappa[i] / exact[i].Total - 1));
                Assert.InRange(kappa[i] / exact[i].Total - 1, -tolerance - 1e-4, tolerance + 1e-4);
            }
        }
        // The point of the exercise: most confined points are interpolated, fewer evaluations than grid points.
        Assert.True(interpolatedPoints > 16 * Grid.Length / 3, $"only {interpolatedPoints} points interpolated");
        Assert.True(exactEvaluations < 16 * Grid.Length * 3 / 4, $"{exactEvaluations} evaluations for {16 * Grid.Length} points");
        Console.WriteLine($"derived={derivedPoints}: {exactEvaluations} evaluations, {interpolatedPoints} interpolated; worst |interpolated/exact - 1| {worstExact:E2}, "
            + $"worst |kappa/converged - 1| where the exact path is within 3e-4: {worstConverged:E2}");
    }

    [Fact]
    public void RigiditiesOneUlpApart_ShareLnR_AndBothGetTheExactValue()
    {
        // A species network asks for R and R/1.1 × 1.1 (parents, loss mesh), which can differ by one ulp and have the same
        // ln R; each grid point must still get κ (the exact value at that ln R), never the unset 0.
        var spec = FastModePresets.ByName("fig5-warm")!;
        Assert.Null(FastModePlasma.TryCreate(spec, out var plasma));
        var grid = Grid.ToList();
        double twin = Math.BitIncrement(grid[60]);
        Assert.Equal(Math.Log(grid[60]), Math.Log(twin));
        grid.Insert(61, twin);
        var sorted = grid.ToArray();
        var kappa = new double[sorted.Length];
        var unconfined = new bool[sorted.Length];
        var solver = new FastKappaSolver();
        KappaInterpolation.Evaluate(solver, plasma!, sorted, kappa, unconfined);
        Assert.All(kappa, k => Assert.True(k > 0 && double.IsFinite(k)));
        Assert.Equal(kappa[60], kappa[61]);
        var single = new double[1];
        Assert.Null(solver.Compute(spec, [sorted[60]], single));
        Assert.Equal(1.0, kappa[61] / single[0], 3e-4);
    }

    [Fact]
    public void Diffusion_GivesTheSameKappaForShuffledAndRepeatedRigidities()
    {
        var spec = FastModePresets.ByName("fig5-warm")!;
        var sorted = Grid;
        var expected = new double[sorted.Length];
        Assert.Null(FastModeDiffusion.Isotropic.Compute(spec, sorted, expected));
        var shuffled = sorted.Reverse().Concat(sorted.Take(10)).ToArray();
        var kappa = new double[shuffled.Length];
        Assert.Null(FastModeDiffusion.Isotropic.Compute(spec, shuffled, kappa));
        for (int i = 0; i < shuffled.Length; i++) Assert.Equal(expected[Array.IndexOf(sorted, shuffled[i])], kappa[i]);
    }

    [Fact]
    public void Interpolation_IsUsedOnlyWhereTheLatticeIsSparserThanTheGrid()
    {
        Assert.True(KappaInterpolation.Worthwhile(Grid));
        Assert.False(KappaInterpolation.Worthwhile(FastModeTables.LogSpace(1, 1e3, 12)));
        Assert.False(KappaInterpolation.Worthwhile([1.0, 10, 100]));
        var kappa = new double[3];
        Assert.NotNull(new FastKappaSolver().ComputeInterpolated(FastModePresets.ByName("fig5-warm")!, [10.0, 1, 100], kappa, out _));
    }
}
