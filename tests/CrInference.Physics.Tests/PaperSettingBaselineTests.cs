using System.Globalization;
using CrInference.Physics.Models;
using CrInference.Physics.Network;

namespace CrInference.Physics.Tests;

/// <summary>
/// <c>physics=kq22</c> reproduces the predictions of commit 8960914 (the code before the boron network and the species
/// interface) to 1e-12 relative, except the models with the fast-mode κ_turb, whose κ quadrature and interpolation changed
/// since (measured worst 5.8e-5, bound 2e-4: the verified κ interpolation tolerance). The reference files in <c>Data/Kq22Baseline/</c> were written by
/// <c>./crinf predict --model M [--set ...] [--option ...] --rmin 0.1 --rmax 3e4 --per-decade 6</c> built from commit
/// 8960914 (cases.txt: name | model | parameter values | options), one per case, unchanged (spectra.csv).
/// </summary>
public sealed class PaperSettingBaselineTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const double Tolerance = 1e-12;

    /// <summary>The fast-mode κ_turb is evaluated since 8960914 with the MathNet Gauss–Legendre nodes and the verified
    /// κ interpolation of <c>KappaInterpolation</c> (2e-4 in κ between exact points, docs/BENCHMARKS.md); models that use it
    /// reproduce the commit to this bound instead (measured worst 5.8e-5 on two-phase and warm-only at their fiducials).</summary>
    private const double FastModeTolerance = 2e-4;

    private static bool UsesFastModes(string model, IReadOnlyDictionary<string, string> options) =>
        model is "two-phase" or "warm-only" or "turbulence-everywhere" && options.GetValueOrDefault("kappa") != "power-law";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Kq22Baseline");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(Folder, "cases.txt")).Where(l => l.Length > 0)) data.Add(line.Split('|')[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PaperPhysics_ReproducesCommit8960914(string name)
    {
        var fields = File.ReadAllLines(Path.Combine(Folder, "cases.txt")).Single(l => l.StartsWith(name + "|", StringComparison.Ordinal)).Split('|');
        var model = ModelCatalog.Find(fields[1])!;
        var values = Pairs(fields[2]).ToDictionary(kv => kv.Key, kv => double.Parse(kv.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var options = Pairs(fields[3]).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        double tolerance = UsesFastModes(fields[1], options) ? FastModeTolerance : Tolerance;
        options[NetworkSettings.PhysicsOption] = NetworkSettings.PaperPhysicsValue;
        var (input, error) = model.Resolve(values, options);
        Assert.Null(error);

        var (header, rows) = ReadCsv(Path.Combine(Folder, name + ".csv"));
        var grid = rows.Select(r => r[0]).ToArray();
        var result = model.Predict(input!, grid);
        Assert.True(result.Succeeded, result.Failure);
        var p = result.Prediction!;
        int compared = 0;
        double worst = 0;
        for (int c = 1; c < header.Length; c++)
        {
            double[]? actual = header[c] switch
            {
                "proton_flux" => p.ProtonFlux,
                "bc_ratio" => p.BoronToCarbon,
                _ => p.Components.TryGetValue(header[c], out var v) ? v : null,
            };
            var expected = rows.Select(r => r[c]).ToArray();
            if (expected.All(double.IsNaN))
            {
                Assert.Null(actual);
                continue;
            }
            Assert.NotNull(actual);
            for (int i = 0; i < grid.Length; i++)
            {
                double relative = Math.Abs(actual![i] / expected[i] - 1);
                worst = Math.Max(worst, expected[i] == actual[i] ? 0 : relative);
                Assert.True(expected[i] == actual[i] || relative <= tolerance,
                    $"{name} {header[c]} at {grid[i]} GV: {actual[i]:R} vs {expected[i]:R} (relative {relative:E2})");
                compared++;
            }
        }
        Assert.True(compared >= 2 * grid.Length);
        log.WriteLine($"{name}: worst relative difference {worst:E2} (tolerance {tolerance:E0})");
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split('=')).Select(kv => KeyValuePair.Create(kv[0], kv[1]));

    private static (string[] Header, List<double[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => f.Length == 0 ? double.NaN : double.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        return (header, rows);
    }
}
