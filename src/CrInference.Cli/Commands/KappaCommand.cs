using System.CommandLine;
using System.Globalization;
using CrInference.Physics.FastModes;
using CrInference.Runs;
using CrInference.Runs.Figures;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf kappa [--preset P] [--variant isotropic|anisotropic|shocks] [--set k=v …] --out DIR</c>: κ_turb(R) of
/// fast-mode turbulence (KQ22 Appendix A, §5) for one plasma, with its gyroresonant and TTD parts, and the
/// critical wave angle θ_c(kL) with θ_min(kL): <c>kappa.csv</c>, <c>thetac.csv</c>, <c>kappa.png</c> (Figure 3/7
/// top style, with undamped Kolmogorov R^1/3 and Kraichnan R^1/2 reference lines), <c>thetac.png</c> (Figure 7
/// bottom style) and <c>manifest.json</c>.
/// </summary>
public static class KappaCommand
{
    private static readonly string[] PlasmaKeys = ["n_cm3", "T_K", "B_uG", "mach_a", "L_pc", "shock_separation_pc"];

    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Plasma preset: fig3-warm | fig3-halo | fig5-warm", DefaultValueFactory = _ => "fig3-warm" };
        var variant = new Option<string>("--variant") { Description = "isotropic | anisotropic | shocks", DefaultValueFactory = _ => "isotropic" };
        var wandering = new Option<string>("--wandering") { Description = "Anisotropic field-line wandering: eq39 (Alfvenic) | eq40 (fast modes) | larger", DefaultValueFactory = _ => "eq39" };
        var set = new Option<string[]>("--set") { Description = $"Override a plasma value, key=value; keys: {string.Join(", ", PlasmaKeys)}" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var rmin = new Option<double>("--rmin") { Description = "Lowest rigidity, GV", DefaultValueFactory = _ => 1 };
        var rmax = new Option<double>("--rmax") { Description = "Highest rigidity, GV", DefaultValueFactory = _ => 1e5 };
        var perDecade = new Option<int>("--per-decade") { Description = "Rigidity points per decade", DefaultValueFactory = _ => 8 };
        var command = new Command("kappa", "Fast-mode diffusion coefficient kappa_turb(R) and critical wave angle theta_c(kL) for one plasma")
        {
            preset, variant, wandering, set, output, rmin, rmax, perDecade,
        };
        command.SetAction(parse => CliApp.Guard(() => Run(parse.GetValue(preset)!, parse.GetValue(variant)!, parse.GetValue(wandering)!,
            parse.GetValue(set), parse.GetValue(output)!, parse.GetValue(rmin), parse.GetValue(rmax), parse.GetValue(perDecade))));
        return command;
    }

    private static int Run(string presetName, string variantName, string wanderingName, string[]? sets, DirectoryInfo outDir,
        double rmin, double rmax, int perDecade)
    {
        var preset = FastModePresets.ByName(presetName)
            ?? throw new UserInputException($"--preset must be one of {string.Join(" | ", FastModePresets.Names)} (got '{presetName}')");
        var variant = variantName switch
        {
            "isotropic" => FastModeVariant.Isotropic,
            "anisotropic" => FastModeVariant.Anisotropic,
            "shocks" => FastModeVariant.Shocks,
            _ => throw new UserInputException($"--variant must be isotropic | anisotropic | shocks (got '{variantName}')"),
        };
        var wandering = wanderingName switch
        {
            "eq39" => AnisotropicWandering.Alfvenic,
            "eq40" => AnisotropicWandering.FastMode,
            "larger" => AnisotropicWandering.Larger,
            _ => throw new UserInputException($"--wandering must be eq39 | eq40 | larger (got '{wanderingName}')"),
        };
        if (!(rmin > 0) || !(rmax > rmin)) throw new UserInputException($"--rmin/--rmax: need 0 < rmin < rmax (got {rmin}, {rmax})");
        if (perDecade is < 1 or > 100) throw new UserInputException($"--per-decade must be in 1..100 (got {perDecade})");

        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["n_cm3"] = preset.Plasma.DensityCm3,
            ["T_K"] = preset.Plasma.TemperatureK,
            ["B_uG"] = preset.Plasma.FieldG / Core.PhysicalConstants.MicrogaussG,
            ["mach_a"] = preset.AlfvenMach,
            ["L_pc"] = preset.OuterScaleCm / Core.PhysicalConstants.ParsecCm,
            ["shock_separation_pc"] = WeakShockDiffusion.DefaultSeparationPc,
        };
        foreach (var (key, value) in KeyValueArguments.ParseNumbers(sets, "--set"))
        {
            if (!values.ContainsKey(key)) throw new UserInputException($"--set {key}: unknown key (known: {string.Join(", ", PlasmaKeys)})");
            values[key] = value;
        }
        if (!(values["mach_a"] > 0 && values["mach_a"] <= 2)) throw new UserInputException($"--set mach_a: M_A must be in (0, 2] (got {values["mach_a"]})");
        var spec = FastModePresets.Create(values["n_cm3"], values["T_K"], values["B_uG"], values["mach_a"], values["L_pc"]);

        var grid = FastModeTables.LogGrid(rmin, rmax, perDecade);
        string? bad = FastModeTables.KappaRows(spec, variant, grid, out var rows, wandering, values["shock_separation_pc"]);
        if (bad is not null) throw new UserInputException(bad);
        AngleRow[] angles = [];
        if (variant != FastModeVariant.Shocks)
        {
            bad = FastModeTables.AngleRows(spec, variant, FastModeTables.LogGrid(1, 1e10, 10), out angles, wandering);
            if (bad is not null) throw new UserInputException(bad);
        }

        KappaTables.Write(outDir.FullName, presetName, variantName, wanderingName, values, spec, rows, angles);
        Console.WriteLine($"wrote {outDir.FullName}/kappa.csv, kappa.png{(angles.Length > 0 ? ", thetac.csv, thetac.png" : "")}, manifest.json");
        foreach (var r in rows.Where((_, i) => i % perDecade == 0))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  R = {r.RigidityGV,8:G3} GV  kappa = {r.KappaCm2PerS:E3} cm^2/s{(r.Unconfined ? "  (unconfined: free streaming vL/3)" : "")}"));
        }
        return 0;
    }
}
