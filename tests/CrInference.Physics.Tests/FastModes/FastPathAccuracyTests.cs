using CrInference.Physics.FastModes;

namespace CrInference.Physics.Tests.FastModes;

/// <summary>The accuracy contract of the issue: fast path vs the adaptive reference within 1e-3, and doubling every
/// resolution changes κ by less than 1e-3 (the full 25-point study is <c>./crinf bench kappa --convergence</c>).</summary>
public sealed class FastPathAccuracyTests
{
    [Theory]
    [InlineData("fig3-warm", 3.0)]
    [InlineData("fig3-warm", 300.0)]
    [InlineData("fig3-warm", 3e4)]
    [InlineData("fig3-halo", 10.0)]
    [InlineData("fig3-halo", 3e3)]
    [InlineData("fig5-warm", 30.0)]
    [InlineData("fig5-warm", 1e3)]
    public void FastKappa_MatchesReferenceWithin1e3(string preset, double rigidityGV)
    {
        var spec = FastModePresets.ByName(preset)!;
        var kappa = new double[1];
        Assert.Null(new FastKappaSolver().Compute(spec, [rigidityGV], kappa));
        Assert.Null(FastModePlasma.TryCreate(spec, out var plasma));
        double reference = new ReferenceKappaSolver(plasma!, FastModeVariant.Isotropic, relativeTolerance: 1e-6).Kappa(rigidityGV).Total;
        Assert.InRange(kappa[0] / reference - 1, -1e-3, 1e-3);
    }

    [Fact]
    public void FastKappa_MatchesReferenceAtRandomPointsOfTheBenchmarkBox()
    {
        // Beyond the presets: plasma points from the sampler-like box of `bench kappa` (β from 0.1 to a few).
        var stream = CrInference.Core.Random.RandomKey.FromSeed(23).Open();
        var fast = new FastKappaSolver();
        for (int i = 0; i < 3; i++)
        {
            var spec = CrInference.Physics.Benchmarks.KappaBenchmark.DrawPlasma(ref stream);
            Assert.Null(FastModePlasma.TryCreate(spec, out var plasma));
            var grid = new[] { 5.0, 200 };
            var kappa = new double[2];
            Assert.Null(fast.Compute(spec, grid, kappa));
            var reference = new ReferenceKappaSolver(plasma!, FastModeVariant.Isotropic, relativeTolerance: 1e-6);
            for (int j = 0; j < 2; j++) Assert.InRange(kappa[j] / reference.Kappa(grid[j]).Total - 1, -1e-3, 1e-3);
        }
    }

    [Fact]
    public void FastIntegrals_MatchReferenceDoubleIntegralsOfA1AndA2()
    {
        // The pitch-angle diffusion integrals themselves, where they matter for A3 (α ≳ 0.2).
        foreach (string preset in new[] { "fig3-warm", "fig3-halo" })
        {
            Assert.Null(FastModePlasma.TryCreate(FastModePresets.ByName(preset)!, out var plasma));
            var reference = new ReferenceKappaSolver(plasma!, FastModeVariant.Isotropic, relativeTolerance: 1e-7);
            var fast = new FastKappaSolver();
            foreach (double r in new[] { 1.0, 1e3 })
            {
                var setup = fast.Prepare(plasma!, [r]);
                foreach (double alpha in new[] { 0.3, 0.9, 1.5 })
                {
                    var (g, t) = fast.Integrals(setup, r, alpha);
                    Assert.InRange(g / reference.GyroIntegral(alpha, r) - 1, -3e-4, 3e-4);
                    Assert.InRange(t / reference.TtdIntegral(alpha, r) - 1, -3e-4, 3e-4);
                }
            }
        }
    }

    [Theory]
    [InlineData("fig3-warm")]
    [InlineData("fig3-halo")]
    [InlineData("fig5-warm")]
    public void DoublingEveryResolution_ChangesKappaByLessThan1e3(string preset)
    {
        var spec = FastModePresets.ByName(preset)!;
        var grid = FastModeTables.LogSpace(1, 1e5, 11);
        var k1 = new double[grid.Length];
        var k2 = new double[grid.Length];
        Assert.Null(new FastKappaSolver().Compute(spec, grid, k1));
        Assert.Null(new FastKappaSolver(FastKappaResolution.Default.Doubled()).Compute(spec, grid, k2));
        for (int i = 0; i < grid.Length; i++) Assert.InRange(k2[i] / k1[i] - 1, -1e-3, 1e-3);
    }

    [Fact]
    public void Kappa_DoesNotDependOnTheRestOfTheGrid()
    {
        // No cross-talk between rigidities: the per-plasma tables cover any requested range exactly.
        foreach (var (spec, r) in new[] { (FastModePresets.Fig5Warm, 100.0), (FastModePresets.Fig3Halo, 1e4) })
        {
            var single = new double[1];
            var many = new double[5];
            Assert.Null(new FastKappaSolver().Compute(spec, [r], single));
            Assert.Null(new FastKappaSolver().Compute(spec, [1.0, 10, r, 3e4, 1e5], many));
            Assert.Equal(1.0, many[2] / single[0], 2e-5);
        }
    }
}
