using System.Text.RegularExpressions;
using CrInference.Physics.Models;
using CrInference.Physics.Network;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Tests;

public sealed partial class ModelContractTests
{
    public static TheoryData<string> ModelNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in ModelCatalog.Names) data.Add(name);
        return data;
    }

    private static double[] LogGrid(double lo, double hi, int n) =>
        Enumerable.Range(0, n).Select(i => lo * Math.Pow(hi / lo, i / (double)(n - 1))).ToArray();

    private static ModelInput Fiducial(IForwardModel model)
    {
        var (input, error) = model.Resolve(new Dictionary<string, double>());
        Assert.Null(error);
        return input!;
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predict_FiducialOverPointOneToHundredThousandGV_IsFinitePositive(string name)
    {
        var model = ModelCatalog.Find(name)!;
        double[] grid = LogGrid(0.1, 1e5, 61);
        var result = model.Predict(Fiducial(model), grid);
        Assert.True(result.Succeeded, result.Failure);
        var p = result.Prediction!;
        Assert.Equal(grid, p.RigidityGV);
        Assert.Equal(model.Provides.HasFlag(Observables.ProtonFlux), p.ProtonFlux is not null);
        Assert.Equal(model.Provides.HasFlag(Observables.BoronToCarbon), p.BoronToCarbon is not null);
        foreach (double v in p.ProtonFlux ?? []) Assert.True(v > 0 && double.IsFinite(v));
        foreach (double v in p.BoronToCarbon ?? []) Assert.True(v > 0 && double.IsFinite(v));
        foreach (var (key, values) in p.Components)
        {
            Assert.Equal(grid.Length, values.Length);
            Assert.All(values, v => Assert.True(double.IsFinite(v), $"{name}.{key} not finite"));
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predict_EveryOptionValue_Succeeds(string name)
    {
        // Every value with the other options at their defaults; KQ22's constant cross-section only with KQ22's parents and
        // target (the full preset's C/N/O on H+He is refused, NetworkSettings.Conflict); κ_turb kinds with the disk sink,
        // so that the slow anisotropic cascade is evaluated at the requested points only (continuous losses need a ln R mesh).
        var model = ModelCatalog.Find(name)!;
        foreach (var option in model.Options)
        {
            foreach (string value in option.Allowed)
            {
                var options = new Dictionary<string, string> { [option.Name] = value };
                if (option.Name == NetworkSettings.CrossSectionsOption && value == "kq22")
                {
                    var (_, conflict) = model.Resolve(new Dictionary<string, double>(), options);
                    Assert.Contains("needs energy-dependent cross-sections", conflict);
                    options[NetworkSettings.PhysicsOption] = NetworkSettings.PaperPhysicsValue;
                }
                if (option.Name == TurbulentDiffusionCatalog.OptionName) options[NetworkSettings.LossesOption] = "ionisation";
                var (input, error) = model.Resolve(new Dictionary<string, double>(), options);
                Assert.Null(error);
                var result = model.Predict(input!, [0.2, 20, 2e4]);
                Assert.True(result.Succeeded, $"{name} {option.Name}={value}: {result.Failure}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predict_ValueBelowPhysicalMinimum_FailsWithOneLineNamingTheParameter(string name)
    {
        // Bypasses Resolve (a sampler may build ModelInput directly): Predict itself must refuse.
        var model = ModelCatalog.Find(name)!;
        var fiducial = Fiducial(model);
        foreach (var parameter in model.Parameters.Where(p => double.IsFinite(p.Minimum)))
        {
            var values = new Dictionary<string, double>(fiducial.Values) { [parameter.Name] = parameter.Minimum - 1 };
            var result = model.Predict(new ModelInput(values, fiducial.OptionValues), [1.0, 10.0]);
            Assert.False(result.Succeeded, $"{name}: {parameter.Name} = {parameter.Minimum - 1} accepted");
            Assert.Contains(parameter.Name, result.Failure);
            Assert.DoesNotContain('\n', result.Failure!);
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predict_BadRigidityMissingParameterOrUnknownOption_FailsCleanly(string name)
    {
        var model = ModelCatalog.Find(name)!;
        var fiducial = Fiducial(model);
        Assert.False(model.Predict(fiducial, [1.0, 0.0]).Succeeded);
        Assert.False(model.Predict(fiducial, [double.NaN]).Succeeded);
        Assert.False(model.Predict(fiducial, [-3.0]).Succeeded);

        var missing = new Dictionary<string, double>(fiducial.Values);
        missing.Remove(model.Parameters[0].Name);
        Assert.False(model.Predict(new ModelInput(missing, fiducial.OptionValues), [1.0]).Succeeded);

        var nan = new Dictionary<string, double>(fiducial.Values) { ["gamma_inj"] = double.NaN };
        Assert.False(model.Predict(new ModelInput(nan, fiducial.OptionValues), [1.0]).Succeeded);

        foreach (var option in model.Options)
        {
            var options = new Dictionary<string, string>(fiducial.OptionValues) { [option.Name] = "no-such-value" };
            var result = model.Predict(new ModelInput(fiducial.Values, options), [1.0]);
            Assert.False(result.Succeeded);
            Assert.Contains(option.Name, result.Failure);
        }

        Assert.True(model.Predict(fiducial, ReadOnlySpan<double>.Empty).Succeeded);
    }

    /// <summary>The orderings between two parameters a model documents and refuses to break (a layer inside its halo):
    /// (model, parameter that must be larger, its unit in cm, the smaller one, its unit in cm).</summary>
    private static readonly (string Model, string Larger, double LargerCm, string Smaller, double SmallerCm)[] Orderings =
    [
        ("two-phase", "halo_r_kpc", Core.PhysicalConstants.KiloparsecCm, "z_w_kpc", Core.PhysicalConstants.KiloparsecCm),
        ("stratified", "z_max_kpc", Core.PhysicalConstants.KiloparsecCm, "z0_pc", Core.PhysicalConstants.ParsecCm),
        // The warm layer contains the disk and a diffusive halo is thicker than it (docs/CONVENTIONS.md E.8).
        ("two-phase", "z_w_kpc", Core.PhysicalConstants.KiloparsecCm, "disk_h_pc", Core.PhysicalConstants.ParsecCm),
        ("warm-only", "z_w_kpc", Core.PhysicalConstants.KiloparsecCm, "disk_h_pc", Core.PhysicalConstants.ParsecCm),
        ("turbulence-everywhere", "halo_H_kpc", Core.PhysicalConstants.KiloparsecCm, "disk_h_pc", Core.PhysicalConstants.ParsecCm),
    ];

    /// <summary>The one failure besides a broken ordering that an extreme input may give: the model's own statement that a
    /// flux left its numerical range (a value that under- or overflows instead of a number), never a NaN.</summary>
    private const string NumericalRange = "outside the model's numerical range";

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predict_ExtremeRigiditiesAndParameters_SucceedsUnlessAnOrderingIsBroken_AndNeverReturnsNonFinite(string name)
    {
        // Every parameter at 1e3 and 1e-3 times its fiducial value (where its own range allows), on rigidities from
        // 1e-6 GV to 1e12 GV: the models are closed-form or quadrature solutions valid at any positive rigidity, so each
        // case must succeed, except one that puts a layer above its halo (an ordering the model documents and refuses).
        var model = ModelCatalog.Find(name)!;
        var fiducial = Fiducial(model);
        double[] grid = [1e-6, 1e-3, 1e8, 1e12];
        var cases = new List<Dictionary<string, double>> { new(fiducial.Values) };
        foreach (var parameter in model.Parameters)
        {
            foreach (double v in new[] { parameter.Fiducial * 1e3, parameter.Fiducial * 1e-3 })
            {
                if (parameter.Validate(v) is null) cases.Add(new Dictionary<string, double>(fiducial.Values) { [parameter.Name] = v });
            }
        }
        int succeeded = 0, broken = 0, outOfRange = 0;
        foreach (var values in cases)
        {
            var ordering = Orderings.FirstOrDefault(o => o.Model == name && values[o.Larger] * o.LargerCm <= values[o.Smaller] * o.SmallerCm);
            var result = model.Predict(new ModelInput(values, fiducial.OptionValues), grid);
            if (ordering.Model is not null)
            {
                broken++;
                Assert.False(result.Succeeded, $"{name}: {ordering.Larger} below {ordering.Smaller} accepted");
                Assert.Contains(ordering.Larger, result.Failure);
                Assert.Contains(ordering.Smaller, result.Failure);
                continue;
            }
            string changed = string.Join(", ", values.Where(kv => kv.Value != fiducial.Values[kv.Key]).Select(kv => $"{kv.Key} = {kv.Value}"));
            if (!result.Succeeded && result.Failure!.Contains(NumericalRange, StringComparison.Ordinal) && changed.Length > 0)
            {
                outOfRange++;
                continue;
            }
            Assert.True(result.Succeeded, $"{name}: {changed}: {result.Failure}");
            succeeded++;
            var p = result.Prediction!;
            foreach (double v in (p.ProtonFlux ?? []).Concat(p.BoronToCarbon ?? [])) Assert.True(v > 0 && double.IsFinite(v));
            foreach (var values2 in p.Components.Values) Assert.All(values2, v => Assert.True(double.IsFinite(v)));
        }
        Assert.Equal(cases.Count - broken - outOfRange, succeeded);
        // At 1e±3 times the fiducials the full physics (continuous losses, boron network) leaves its numerical range in at
        // most two cases per model (measured: linear-sc hot_n_cm3 = 1, stratified sn_rate_per_yr = 1e-5).
        Assert.True(outOfRange <= 2, $"{name}: {outOfRange} of {cases.Count} cases outside the numerical range");
    }

    [Fact]
    public void Catalog_NamesAreUniqueAndParametersAreSnakeCaseWithinEachModel()
    {
        Assert.Equal(ModelCatalog.Names.Count, ModelCatalog.Names.Distinct().Count());
        Assert.Equal(
            ["streaming", "linear-sc", "nlld", "stratified", "two-phase", "halo-only", "warm-only", "turbulence-everywhere", "phenomenological"],
            ModelCatalog.Names);
        foreach (var model in ModelCatalog.All)
        {
            Assert.Equal(model.Parameters.Count, model.Parameters.Select(p => p.Name).Distinct().Count());
            foreach (var p in model.Parameters)
            {
                Assert.Matches(SnakeCase(), p.Name);
                Assert.Null(p.Validate(p.Fiducial));
            }
            Assert.NotNull(ModelCatalog.Get(model.Name).Model);
        }
        Assert.Contains("known:", ModelCatalog.Get("nope").Error);
    }

    [Fact]
    public void Conventions_EveryKeyIsDecidedAndDocumented()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "CONVENTIONS.md"));
        foreach (string key in OpenChoices.All.Keys) Assert.Contains($"**{key}**", docs);
        foreach (var model in ModelCatalog.All)
        {
            Assert.NotEmpty(model.Conventions);
            foreach (var (key, decision) in model.Conventions) Assert.Equal(OpenChoices.All[key], decision);
        }
    }

    private static string RepositoryRoot()
    {
        // Built with --artifacts-path outside the tree the binaries do not sit below the repository: try the
        // binaries, the working directory, then the compile-time location of this source file.
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), SourceDirectory() })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrInference.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new DirectoryNotFoundException("repository root (CrInference.sln) not found");
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [GeneratedRegex("^[a-z][a-z0-9]*(_[A-Za-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
