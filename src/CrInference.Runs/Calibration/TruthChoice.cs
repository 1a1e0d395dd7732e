using System.Globalization;
using CrInference.Config;
using CrInference.Config.PriorFiles;
using CrInference.Config.Yaml;
using CrInference.Core.Priors;
using CrInference.Physics.Models;
using CrInference.Posterior;

namespace CrInference.Runs.Calibration;

/// <summary>
/// Where the true parameters of mock data come from (<c>--truth</c>): <c>prior</c> (a draw from the prior file's
/// prior: simulation-based calibration), <c>ref</c> (each free parameter's <c>ref</c> mean), <c>fiducial</c> (the
/// model's fiducial values, KQ22's point; the solar potential, which is no model parameter, takes its <c>ref</c> mean
/// or else its prior median), a YAML file of <c>name: value</c> lines giving every free parameter (a chosen point:
/// injection–recovery), or the folder of a finished fit of the same prior file (its posterior medians, from
/// <c>summary.json</c>: a point near the current posterior).
/// </summary>
public sealed record TruthChoice(string Text)
{
    /// <summary>The choices that are not files.</summary>
    public static IReadOnlyList<string> Keywords { get; } = ["prior", "ref", "fiducial"];

    /// <summary>True for <c>prior</c>: a new truth per replicate.</summary>
    public bool IsPrior => Text == "prior";

    /// <summary>True when <see cref="Text"/> names a file.</summary>
    public bool IsFile => !Keywords.Contains(Text, StringComparer.Ordinal);

    /// <summary>
    /// The fixed truth for the free parameters of <paramref name="spec"/> in physical units, in the order of
    /// <see cref="PriorFileSpec.FreeParams"/>. Throws for <c>prior</c> (no fixed truth) and for bad input: a free
    /// parameter without a <c>ref</c>, a file that misses or misnames a parameter, a value outside its prior.
    /// </summary>
    public double[] Resolve(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var free = spec.FreeParams.ToArray();
        double[] values = Text switch
        {
            "prior" => throw new InvalidOperationException("a prior truth is drawn per replicate"),
            "ref" => [.. free.Select(p => p.Ref?.Mean ?? throw PriorFileLocation.Error(spec, $"params.{p.Name}", "--truth ref: this free parameter has no ref (give ref: { mean, sigma }, or use --truth fiducial or a truth file)"))],
            "fiducial" => Fiducials(spec, free),
            _ when Directory.Exists(Text) => FromFit(free),
            _ => FromFile(spec, free),
        };
        for (int i = 0; i < free.Length; i++)
        {
            if (double.IsNegativeInfinity(free[i].Prior.LogDensity(values[i])))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--truth {Text}: {free[i].Name} = {values[i]} lies outside its prior [{free[i].Prior.Lower}, {free[i].Prior.Upper}] in {spec.SourcePath}"));
            }
        }
        return values;
    }

    private static double[] Fiducials(PriorFileSpec spec, ParamSpec[] free)
    {
        var (model, _) = ModelCatalog.Get(spec.Model);
        if (model is null) throw new UserInputException($"--truth fiducial: {spec.Model} is an analytic test problem and has no fiducial point; use ref or a truth file");
        return [.. free.Select(p => TransportPosterior.IsModulationParameter(p.Name)
            ? p.Ref?.Mean ?? p.Prior.FromUnitInterval(0.5)
            : model.Parameters.First(m => m.Name == p.Name).Fiducial)];
    }

    /// <summary>The posterior medians of a fit's <c>summary.json</c> (<c>parameters[].median</c>, physical units).</summary>
    private double[] FromFit(ParamSpec[] free)
    {
        string path = Path.Combine(Text, "summary.json");
        var medians = RunFiles.TryReadJson(path)?["parameters"] is System.Text.Json.Nodes.JsonArray parameters
            ? parameters.Where(p => p?["name"] is not null && p["median"] is not null)
                .ToDictionary(p => (string)p!["name"]!, p => (double)p!["median"]!, StringComparer.Ordinal)
            : throw new UserInputException($"--truth {Text}: no summary.json with posterior medians (give a finished fit's folder)");
        var missing = free.Where(p => !medians.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0) throw new UserInputException($"--truth {Text}: the fit has no median for {string.Join(", ", missing)} (a fit of another prior file?)");
        return [.. free.Select(p => medians[p.Name])];
    }

    private double[] FromFile(PriorFileSpec spec, ParamSpec[] free)
    {
        if (!File.Exists(Text)) throw new UserInputException($"--truth {Text}: no such file (give prior, ref, fiducial, a YAML file of parameter values or a fit's folder)");
        var root = YamlReader.LoadMapping(Text);
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Entries)
        {
            var parameter = spec.Params.FirstOrDefault(p => p.Name == key)
                ?? throw value.Error($"{spec.SourcePath} has no parameter '{key}' (known: {string.Join(", ", spec.Params.Select(p => p.Name))})");
            double v = value.AsNumber();
            if (parameter.IsFixed)
            {
                double fixedValue = ((FixedPrior)parameter.Prior).Value;
                if (v != fixedValue) throw value.Error(string.Create(CultureInfo.InvariantCulture, $"{spec.SourcePath} fixes {key} at {fixedValue}; a truth may only set free parameters"));
                continue;
            }
            given[key] = v;
        }
        var missing = free.Where(p => !given.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (missing.Count > 0) throw root.Error($"no value for the free parameter{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of {spec.SourcePath}");
        return [.. free.Select(p => given[p.Name])];
    }
}
