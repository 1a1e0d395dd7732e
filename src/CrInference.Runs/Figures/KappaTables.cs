using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;
using CrInference.Plotting;

namespace CrInference.Runs.Figures;

/// <summary>
/// <c>crinf kappa</c>'s files for one plasma: κ_turb(R) with its gyroresonant and TTD parts (<c>kappa.csv</c>,
/// <c>kappa.png</c>, with undamped Kolmogorov R^1/3 and Kraichnan R^1/2 reference lines as KQ22 Figure 3), the critical
/// wave angle θ_c(kL) with θ_min(kL) (<c>thetac.csv</c>, <c>thetac.png</c>, as Figure 7 bottom; not for shocks) and
/// <c>manifest.json</c>, written all or nothing (<see cref="StagedOutput"/>).
/// </summary>
public static class KappaTables
{
    /// <summary>Writes the files into <paramref name="outputDirectory"/>.</summary>
    public static void Write(string outputDirectory, string preset, string variant, string wandering, IReadOnlyDictionary<string, double> plasma,
        TurbulenceSpec spec, KappaRow[] rows, AngleRow[] angles)
    {
        ArgumentNullException.ThrowIfNull(plasma);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(angles);
        using var staged = new StagedOutput(outputDirectory);
        WriteKappaCsv(staged.PathOf("kappa.csv"), rows);
        RenderKappa(staged.PathOf("kappa.png"), rows, preset, variant);
        if (angles.Length > 0)
        {
            WriteAngleCsv(staged.PathOf("thetac.csv"), angles);
            RenderAngles(staged.PathOf("thetac.png"), angles, preset, variant);
        }
        var manifest = new JsonObject
        {
            ["kind"] = "kappa",
            ["code_version"] = CodeVersion.Current,
            ["preset"] = preset,
            ["variant"] = variant,
            ["wandering"] = wandering,
            ["plasma"] = new JsonObject(plasma.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)RunJson.Number(kv.Value)))),
            ["beta"] = spec.Plasma.Beta,
            ["alfven_speed_km_s"] = spec.Plasma.AlfvenSpeed / 1e5,
            ["ion_mean_free_path_cm"] = spec.Plasma.IonMeanFreePath,
            ["theta_c_below_theta_min_at_kL"] = FastModeTables.CrossingScale(angles) is { } x ? x : null,
            ["conventions"] = new JsonObject(FastModeConventions.All.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        RunJson.Write(staged.PathOf("manifest.json"), manifest);
        staged.Commit();
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
