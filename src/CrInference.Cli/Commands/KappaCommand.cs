using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Runs;
using CrInference.Physics.FastModes;
using CrInference.Plotting;

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

        using var staged = new StagedOutput(outDir.FullName);
        WriteKappaCsv(staged.PathOf("kappa.csv"), rows);
        RenderKappa(staged.PathOf("kappa.png"), rows, presetName, variantName);
        if (angles.Length > 0)
        {
            WriteAngleCsv(staged.PathOf("thetac.csv"), angles);
            RenderAngles(staged.PathOf("thetac.png"), angles, presetName, variantName);
        }
        var manifest = new JsonObject
        {
            ["kind"] = "kappa",
            ["code_version"] = CodeVersion.Current,
            ["preset"] = presetName,
            ["variant"] = variantName,
            ["wandering"] = wanderingName,
            ["plasma"] = new JsonObject(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
            ["beta"] = spec.Plasma.Beta,
            ["alfven_speed_km_s"] = spec.Plasma.AlfvenSpeed / 1e5,
            ["ion_mean_free_path_cm"] = spec.Plasma.IonMeanFreePath,
            ["theta_c_below_theta_min_at_kL"] = FastModeTables.CrossingScale(angles) is { } x ? x : null,
            ["conventions"] = new JsonObject(FastModeConventions.All.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        RunJson.Write(staged.PathOf("manifest.json"), manifest);
        staged.Commit();
        Console.WriteLine($"wrote {outDir.FullName}/kappa.csv, kappa.png{(angles.Length > 0 ? ", thetac.csv, thetac.png" : "")}, manifest.json");
        foreach (var r in rows.Where((_, i) => i % perDecade == 0))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  R = {r.RigidityGV,8:G3} GV  kappa = {r.KappaCm2PerS:E3} cm^2/s{(r.Unconfined ? "  (unconfined: free streaming vL/3)" : "")}"));
        }
        return 0;
    }

    private static void WriteKappaCsv(string path, KappaRow[] rows)
    {
        var sb = new StringBuilder("rigidity_GV,kappa_cm2_s,kappa_gyro_only_cm2_s,kappa_ttd_only_cm2_s,unconfined\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.RigidityGV:R},{r.KappaCm2PerS:R},{r.KappaGyroOnly:R},{r.KappaTtdOnly:R},{(r.Unconfined ? 1 : 0)}\n");
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteAngleCsv(string path, AngleRow[] rows)
    {
        var sb = new StringBuilder("kL,theta_c,theta_min\n");
        foreach (var r in rows) sb.Append(CultureInfo.InvariantCulture, $"{r.KL:R},{r.ThetaC:R},{r.ThetaMin:R}\n");
        File.WriteAllText(path, sb.ToString());
    }

    private static void RenderKappa(string path, KappaRow[] rows, string preset, string variant)
    {
        var x = rows.Select(r => r.RigidityGV).ToArray();
        var last = rows[^1];
        var curves = new List<CurveSeries>
        {
            new($"κ_{{turb}} ({variant})", x, rows.Select(r => r.KappaCm2PerS).ToArray()) { Width = 2.5f },
        };
        if (variant != "shocks")
        {
            curves.Add(new CurveSeries("gyroresonance only", x, rows.Select(r => r.KappaGyroOnly).ToArray()) { Style = CurveStyle.Dashed, Width = 1.5f });
            curves.Add(new CurveSeries("TTD only", x, rows.Select(r => r.KappaTtdOnly).ToArray()) { Style = CurveStyle.DashDot, Width = 1.5f });
        }
        curves.Add(CurveSeries.PowerLaw("Kolmogorov R^{1/3} (undamped)", last.RigidityGV, last.KappaCm2PerS, 1.0 / 3, x[0], last.RigidityGV));
        curves.Add(CurveSeries.PowerLaw("Kraichnan R^{1/2} (undamped)", last.RigidityGV, last.KappaCm2PerS, 0.5, x[0], last.RigidityGV));
        CurvePlot.Render(curves, new CurvePlotOptions
        {
            Title = $"κ_{{turb}}, {preset}, {variant}",
            XLabel = "R [GV]",
            YLabel = "κ [cm^2 s^-1]",
            Legend = LegendPosition.UpperLeft,
        }, path);
    }

    private static void RenderAngles(string path, AngleRow[] rows, string preset, string variant)
    {
        var x = rows.Select(r => r.KL).ToArray();
        CurvePlot.Render(
        [
            new CurveSeries("θ_{c} (critical wave angle)", x, rows.Select(r => r.ThetaC).ToArray()) { Width = 2.5f },
            new CurveSeries("θ_{min} (field-line wandering)", x, rows.Select(r => r.ThetaMin).ToArray()) { Style = CurveStyle.Dotted, Width = 2 },
        ], new CurvePlotOptions
        {
            Title = $"critical wave angle, {preset}, {variant}",
            XLabel = "kL",
            YLabel = "θ [rad]",
            Legend = LegendPosition.LowerLeft,
        }, path);
    }
}
