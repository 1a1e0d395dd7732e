using System.Collections.Immutable;
using CrInference.Config.Yaml;
using CrInference.Core.Priors;

namespace CrInference.Config.PriorFiles;

/// <summary>The <c>params</c> section: one prior per parameter, a bare number fixes one.</summary>
public static partial class PriorFileParser
{
    /// <summary>Prior kinds a prior file may name.</summary>
    public static ImmutableArray<string> PriorKinds { get; } = ["uniform", "log-uniform", "normal", "fixed"];

    private static readonly string[] CommonParamKeys = ["prior", "latex", "unit", "ref"];
    private static readonly string[] AllParamKeys = ["prior", "min", "max", "mean", "sigma", "value", "latex", "unit", "ref"];

    private static ImmutableArray<ParamSpec> ParseParams(YamlMap root, ModelSchema model)
    {
        var section = root.RequireMapping("params", "give each parameter to fit a prior, e.g. x: { prior: uniform, min: 0, max: 1 }");
        var result = new List<ParamSpec>();
        foreach (var (name, value) in section.Entries)
        {
            var schema = model.Parameters.FirstOrDefault(p => p.Name == name)
                ?? throw new ConfigException(section.File, section.KeyLine(name), value.Path,
                    $"model '{model.Name}' has no parameter '{name}' (known: {string.Join(", ", model.Parameters.Select(p => p.Name))})");
            result.Add(ParseParam(section, name, value, schema));
        }
        foreach (var parameter in model.Parameters)
        {
            if (section.Contains(parameter.Name)) continue;
            if (parameter.Fiducial is not { } fiducial)
            {
                throw section.Error($"parameter '{parameter.Name}' of model '{model.Name}' has no default value; give it a prior or a number");
            }
            result.Add(new ParamSpec(parameter.Name, FixedPrior.AtValue(fiducial), parameter.Latex, parameter.Unit, null, 0));
        }
        if (!result.Any(p => !p.IsFixed))
        {
            throw section.Error("no free parameter (every parameter is fixed); give at least one a prior");
        }
        return [.. result];
    }

    private static ParamSpec ParseParam(YamlMap section, string name, YamlValue value, ParameterSchema schema)
    {
        int line = section.KeyLine(name);
        if (!value.IsMapping)
        {
            if (value.IsNull)
            {
                throw value.Error("missing value (give a prior such as { prior: uniform, min: 0, max: 1 } or a number that fixes the parameter)");
            }
            if (value.Node is not YamlDotNet.RepresentationModel.YamlScalarNode)
            {
                throw value.Error($"expected a prior such as {{ prior: uniform, min: 0, max: 1 }} or a number, got {YamlValue.Describe(value.Node)}");
            }
            double fixedValue = value.AsNumber();
            CheckAllowed(value, fixedValue, schema);
            return new ParamSpec(name, FixedPrior.AtValue(fixedValue), schema.Latex, schema.Unit, null, line);
        }

        var map = value.AsMapping();
        var kindValue = map.Require("prior", $"one of {string.Join(", ", PriorKinds)}");
        string kind = kindValue.AsString();
        string[] kindKeys = kind switch
        {
            "uniform" or "log-uniform" => ["min", "max"],
            "normal" => ["mean", "sigma", "min", "max"],
            "fixed" => ["value"],
            _ => throw kindValue.Error($"unknown prior '{kind}' (one of: {string.Join(", ", PriorKinds)})"),
        };
        string[] allowed = [.. CommonParamKeys.Where(k => kind != "fixed" || k != "ref"), .. kindKeys];
        foreach (string key in map.Keys)
        {
            if (allowed.Contains(key, StringComparer.Ordinal)) continue;
            string problem = AllParamKeys.Contains(key, StringComparer.Ordinal)
                ? $"not used by a {kind} prior (allowed here: {string.Join(", ", allowed)})"
                : $"unknown key (allowed here: {string.Join(", ", allowed)})";
            throw new ConfigException(map.File, map.KeyLine(key), map.PathOf(key), problem);
        }

        IPrior1D prior = kind switch
        {
            "uniform" => Bounded(map, schema, logarithmic: false),
            "log-uniform" => Bounded(map, schema, logarithmic: true),
            "normal" => Normal(map, schema),
            _ => Fixed(map, schema),
        };
        var reference = ParseReference(map, prior);
        string latex = map.OptionalString("latex") ?? schema.Latex;
        string unit = map.OptionalString("unit") ?? schema.Unit;
        return new ParamSpec(name, prior, latex, unit, reference, line);
    }

    private static IPrior1D Bounded(YamlMap map, ParameterSchema schema, bool logarithmic)
    {
        string kind = logarithmic ? "log-uniform" : "uniform";
        double min = map.RequireNumber("min", $"a {kind} prior needs min and max");
        double max = map.RequireNumber("max", $"a {kind} prior needs min and max");
        if (logarithmic && !(min > 0))
        {
            throw map.ErrorAt("min", $"a log-uniform prior needs min > 0 (got {Format(min)})");
        }
        if (!(min < max))
        {
            throw map.ErrorAt("max", $"min ({Format(min)}) must be < max ({Format(max)})");
        }
        CheckSupport(map, min, max, schema);
        return logarithmic ? LogUniformPrior.FromBounds(min, max) : UniformPrior.FromBounds(min, max);
    }

    private static NormalPrior Normal(YamlMap map, ParameterSchema schema)
    {
        double mean = map.RequireNumber("mean", "a normal prior needs mean and sigma");
        double sigma = map.RequireNumber("sigma", "a normal prior needs mean and sigma");
        if (!(sigma > 0))
        {
            throw map.ErrorAt("sigma", $"sigma must be > 0 (got {Format(sigma)})");
        }
        double min = map.OptionalNumber("min") ?? double.NegativeInfinity;
        double max = map.OptionalNumber("max") ?? double.PositiveInfinity;
        if (!(min < max))
        {
            throw map.ErrorAt("max", $"min ({Format(min)}) must be < max ({Format(max)})");
        }
        CheckSupport(map, min, max, schema);
        try
        {
            return double.IsInfinity(min) && double.IsInfinity(max)
                ? NormalPrior.FromMeanAndSigma(mean, sigma)
                : NormalPrior.TruncatedFromMeanSigmaAndBounds(mean, sigma, min, max);
        }
        catch (ArgumentException e)
        {
            throw map.Error(e.Message);
        }
    }

    private static FixedPrior Fixed(YamlMap map, ParameterSchema schema)
    {
        var value = map.Require("value", "a fixed prior needs value");
        double x = value.AsNumber();
        CheckAllowed(value, x, schema);
        return FixedPrior.AtValue(x);
    }

    private static ReferenceSpec? ParseReference(YamlMap map, IPrior1D prior)
    {
        var section = map.OptionalMapping("ref");
        if (section is null) return null;
        section.AllowedKeys("mean", "sigma");
        double mean = section.RequireNumber("mean", "ref needs mean and sigma");
        double sigma = section.RequireNumber("sigma", "ref needs mean and sigma");
        if (!(sigma > 0))
        {
            throw section.ErrorAt("sigma", $"sigma must be > 0 (got {Format(sigma)})");
        }
        if (!(prior.LogDensity(mean) > double.NegativeInfinity))
        {
            throw section.ErrorAt("mean", $"{Format(mean)} lies outside the prior's support [{Format(prior.Lower)}, {Format(prior.Upper)}]");
        }
        return new ReferenceSpec(mean, sigma);
    }

    private static void CheckSupport(YamlMap map, double min, double max, ParameterSchema schema)
    {
        if (!schema.Allows(min))
        {
            string key = double.IsInfinity(min) ? "" : "min";
            string problem = double.IsInfinity(min)
                ? $"the prior extends below the allowed range of {schema.Name} ({schema.RangeText()}); add min"
                : $"{Format(min)} is outside the allowed range of {schema.Name} ({schema.RangeText()})";
            throw key.Length == 0 ? map.Error(problem) : map.ErrorAt(key, problem);
        }
        if (!schema.Allows(max))
        {
            string problem = double.IsInfinity(max)
                ? $"the prior extends above the allowed range of {schema.Name} ({schema.RangeText()}); add max"
                : $"{Format(max)} is outside the allowed range of {schema.Name} ({schema.RangeText()})";
            throw double.IsInfinity(max) ? map.Error(problem) : map.ErrorAt("max", problem);
        }
    }

    private static void CheckAllowed(YamlValue value, double x, ParameterSchema schema)
    {
        if (!schema.Allows(x))
        {
            throw value.Error($"{Format(x)} is outside the allowed range of {schema.Name} ({schema.RangeText()})");
        }
    }
}
