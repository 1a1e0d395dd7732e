namespace CrInference.Cli.Tests.Figures;

/// <summary><c>crinf figures</c>: the paper figures that are cheap enough for every test run (Figure 7's anisotropic
/// κ takes minutes and is left to the command).</summary>
public sealed class FiguresCommandTests
{
    [Fact]
    public void Figure3_WritesPngAndCsv_WithTheKappaSlopesOfKq22()
    {
        using var folder = new TemporaryDirectory();
        var (exit, stdout, stderr) = CliRunner.Run("figures", "--out", folder.Path, "--only", "3");

        Assert.True(exit == 0, stdout + stderr);
        Assert.True(FigureCsvTable.IsPng(folder.File("fig3.png")));
        var rows = FigureCsvTable.Read(folder.File("fig3.csv"));
        var warm = rows.Where(r => r.Series.StartsWith("warm ISM", StringComparison.Ordinal)).ToList();
        var halo = rows.Where(r => r.Series.StartsWith("halo", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warm);
        Assert.NotEmpty(halo);
        // KQ22 sec. 3: undamped isotropic cascade above ~1e3 GV, kappa ~ p^0.5 (docs/EQUATIONS.md §3).
        Assert.InRange(FigureCsvTable.LogSlope(warm, 3e3, 1e6), 0.45, 0.55);
        // KQ22 sec. 3: in the viscous regime (~1e2-1e3 GV) kappa rises slowly as R decreases.
        Assert.True(FigureCsvTable.LogSlope(warm, 1e2, 1e3) < 0, "warm kappa must fall with R in the viscous regime");
        // KQ22 sec. 3 / Fig. 3: the collisionless halo kappa is almost energy independent at low R.
        Assert.InRange(FigureCsvTable.LogSlope(halo, 3, 1e4), -0.1, 0.1);
        // KQ22 sec. 3: below a few GV kappa drops as CRs become trans-relativistic.
        Assert.True(FigureCsvTable.LogSlope(warm, 0.3, 2) > 0.2);
        Assert.True(File.Exists(folder.File("fig3.md")));
    }

    [Fact]
    public void Figures1256_WriteTheirFiles_WithTheAnalyticNumbersOfFigures1And2()
    {
        using var folder = new TemporaryDirectory();
        var (exit, stdout, stderr) = CliRunner.Run("figures", "--out", folder.Path, "--only", "1,2,5,6");

        Assert.True(exit == 0, stdout + stderr);
        foreach (int n in new[] { 1, 2, 5, 6 })
        {
            Assert.True(FigureCsvTable.IsPng(folder.File($"fig{n}.png")), $"fig{n}.png");
            Assert.NotEmpty(FigureCsvTable.Read(folder.File($"fig{n}.csv")));
        }
        // Figure 1: v_st,eff = v_A = 69 km/s (docs/EQUATIONS.md §3, n = 1e-3 cm^-3, B = 1 uG) far below p_c,
        // c above p_c = 241 GeV/c (CONVENTIONS.md B.11, E.1).
        var fig1 = FigureCsvTable.Read(folder.File("fig1.csv"));
        var vEff = fig1.Where(r => r.Series.StartsWith("v_{st,eff}", StringComparison.Ordinal)).OrderBy(r => r.X).ToList();
        Assert.Equal(69.0, vEff[0].Y, 69.0 * 0.01);
        Assert.All(vEff.Where(r => r.X > 245), r => Assert.Equal(2.99792458e5, r.Y, 1.0));
        Assert.All(vEff.Where(r => r.X < 235), r => Assert.True(r.Y < 1e4));
        // Figure 2: the fiducial stratified spectrum f ~ p^-4.7 (eq. 21), i.e. J ~ R^-2.7, between p* ~ 20 GV and the cut-off ~ 2 TV.
        var fig2 = FigureCsvTable.Read(folder.File("fig2.csv")).Where(r => r.Series.StartsWith("fiducial", StringComparison.Ordinal)).ToList();
        Assert.InRange(FigureCsvTable.LogSlope(fig2, 40, 1000), -0.05, 0.05); // J R^2.7 flat
    }

    [Fact]
    public void Figures_Figure4_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var (exit, stdout, stderr) = CliRunner.Run("figures", "--out", folder.Path, "--only", "4");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("schematic", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
