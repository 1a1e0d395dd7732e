using CrInference.Physics.FastModes;
using CrInference.Physics.Models;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Tests.FastModes;

public sealed class InputsAndContractTests
{
    public static TheoryData<string, double, double, double, double, double> BadInputs => new()
    {
        { "temperature", 0.1, 0, 6, 1, 100 },
        { "temperature", 0.1, -5, 6, 1, 100 },
        { "magnetic field", 0.1, 2e4, 0, 1, 100 },
        { "magnetic field", 0.1, 2e4, -1, 1, 100 },
        { "density", 0, 2e4, 6, 1, 100 },
        { "density", double.NaN, 2e4, 6, 1, 100 },
        { "Mach", 0.1, 2e4, 6, 0, 100 },
        { "Mach", 0.1, 2e4, 6, 2.5, 100 },
        { "Mach", 0.1, 2e4, 6, double.NaN, 100 },
        { "outer scale", 0.1, 2e4, 6, 1, 0 },
        { "outer scale", 0.1, 2e4, 6, 1, -3 },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadPlasmaInputs_GiveOneLineReason_NoExceptionNoNaN(string word, double n, double t, double b, double ma, double l)
    {
        var spec = FastModePresets.Create(n, t, b, ma, l);
        var grid = new[] { 1.0, 100, 1e4 };
        foreach (ITurbulentDiffusion d in new ITurbulentDiffusion[] { FastModeDiffusion.Isotropic, FastModeDiffusion.Anisotropic, WeakShockDiffusion.Default })
        {
            var kappa = new double[] { 7, 7, 7 };
            string? error = d.Compute(spec, grid, kappa);
            Assert.NotNull(error);
            Assert.DoesNotContain('\n', error);
            Assert.Contains(word, error, StringComparison.OrdinalIgnoreCase);
            Assert.All(kappa, k => Assert.Equal(7, k));
        }
        Assert.NotNull(FastModeTables.AngleRows(spec, FastModeVariant.Isotropic, [10.0], out _));
    }

    [Fact]
    public void BadRigidities_GiveOneLineReason()
    {
        var kappa = new double[2];
        Assert.Contains("rigidity", FastModeDiffusion.Isotropic.Compute(FastModePresets.Fig3Warm, [1.0, -2], kappa));
        Assert.Contains("length", FastModeDiffusion.Isotropic.Compute(FastModePresets.Fig3Warm, [1.0], kappa));
    }

    [Fact]
    public void ValidInputs_AlwaysGiveFinitePositiveKappa_AcrossTheBenchmarkBox()
    {
        var stream = CrInference.Core.Random.RandomKey.FromSeed(7).Open();
        var grid = FastModeTables.LogSpace(1, 1800, 12);
        var solver = new FastKappaSolver();
        var parts = new KappaParts[grid.Length];
        for (int i = 0; i < 25; i++)
        {
            var spec = CrInference.Physics.Benchmarks.KappaBenchmark.DrawPlasma(ref stream);
            Assert.Null(solver.ComputeParts(spec, grid, parts));
            foreach (var p in parts)
            {
                Assert.True(double.IsFinite(p.Total) && p.Total > 0);
                Assert.True(double.IsFinite(p.GyroOnly) && double.IsFinite(p.TtdOnly));
                Assert.True(p.Total <= p.GyroOnly * (1 + 1e-12) && p.Total <= p.TtdOnly * (1 + 1e-12));
            }
        }
    }

    [Theory]
    [InlineData(0.1, 2e4, 6, 0.05, 100)]
    [InlineData(0.1, 2e4, 6, 2.0, 100)]
    [InlineData(1.0, 3e4, 1, 0.3, 20)]
    [InlineData(1e-4, 1e7, 1, 1.0, 1000)]
    [InlineData(30, 8e3, 50, 0.5, 1)]
    [InlineData(0.05, 5e3, 10, 1.0, 5000)]
    public void ExtremeButValidInputs_GiveFinitePositiveKappa(double n, double t, double b, double ma, double l)
    {
        var spec = FastModePresets.Create(n, t, b, ma, l);
        var grid = new[] { 0.5, 1, 30, 1800, 1e5, 1e7 };
        var parts = new KappaParts[grid.Length];
        Assert.Null(new FastKappaSolver().ComputeParts(spec, grid, parts));
        foreach (var p in parts) Assert.True(double.IsFinite(p.Total) && p.Total > 0 && double.IsFinite(p.GyroOnly) && double.IsFinite(p.TtdOnly));
    }

    [Fact]
    public void Conventions_CoverC19ToC30()
    {
        for (int c = 19; c <= 30; c++) Assert.False(string.IsNullOrWhiteSpace(FastModeConventions.All[$"C.{c}"]));
        Assert.Same(FastModeConventions.All, FastModeDiffusion.Isotropic.Conventions);
    }

    [Fact]
    public void Catalog_BuildsTheFastModeKinds()
    {
        foreach (var (kind, name) in new[] { ("fast-modes", "fast-modes/isotropic"), ("fast-modes-anisotropic", "fast-modes/anisotropic-eq39"), ("fast-modes-shocks", "fast-modes/shocks") })
        {
            var entry = TurbulentDiffusionCatalog.Find(kind);
            Assert.NotNull(entry);
            var values = entry!.Parameters.ToDictionary(p => p.Name, p => p.Fiducial);
            var diffusion = entry.Create(new ModelInput(values, new Dictionary<string, string> { ["kappa"] = kind }));
            Assert.Equal(name, diffusion.Name);
        }
    }

    [Fact]
    public void Presets_AreFoundByName()
    {
        Assert.Equal(3, FastModePresets.Names.Count);
        foreach (string n in FastModePresets.Names) Assert.NotNull(FastModePresets.ByName(n));
        Assert.Null(FastModePresets.ByName("fig9"));
        Assert.Equal(0.6, FastModePresets.Fig5Warm.AlfvenMach);
    }

    [Fact]
    public void KappaRows_CarryTheDiagnosticParts()
    {
        var grid = new[] { 10.0, 1e4 };
        Assert.Null(FastModeTables.KappaRows(FastModePresets.Fig3Warm, FastModeVariant.Isotropic, grid, out var rows));
        Assert.Equal(2, rows.Length);
        foreach (var r in rows)
        {
            // 1/κ is not additive, but each scatterer alone confines less: κ ≤ κ_G, κ ≤ κ_T.
            Assert.True(r.KappaCm2PerS < r.KappaGyroOnly && r.KappaCm2PerS <= r.KappaTtdOnly);
            Assert.False(r.Unconfined);
        }
        Assert.Null(FastModeTables.KappaRows(FastModePresets.Fig3Warm, FastModeVariant.Shocks, grid, out var shocks));
        Assert.Equal(shocks[0].KappaCm2PerS, shocks[0].KappaGyroOnly);
    }
}
