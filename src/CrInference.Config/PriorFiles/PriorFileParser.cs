using System.Collections.Immutable;
using System.Globalization;
using CrInference.Config.Yaml;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// Reads a prior file (<c>priors/*.yaml</c>, Cobaya-like: one file = one launchable fit) into a
/// <see cref="PriorFileSpec"/>, validating it against an injected <see cref="IPriorFileSchema"/>.
/// Every problem is a <see cref="ConfigException"/> naming file, line and key path; the first
/// problem found stops parsing. Sections, in file order of checking: <c>model</c>,
/// <c>problem</c>, <c>datasets</c>, <c>options</c>, <c>params</c>, <c>likelihood</c>,
/// <c>sampler</c>, <c>nested</c>. Model parameters left out take the model's fiducial value;
/// one with no fiducial must be given.
/// </summary>
public static partial class PriorFileParser
{
    /// <summary>Keys allowed at the top level of a prior file.</summary>
    public static ImmutableArray<string> TopLevelKeys { get; } =
        ["model", "datasets", "options", "params", "likelihood", "problem", "sampler", "nested"];

    /// <summary>Reads and validates the prior file at <paramref name="path"/> (named in errors as given).</summary>
    public static PriorFileSpec Parse(string path, IPriorFileSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Parse(YamlReader.LoadMapping(path), schema);
    }

    /// <summary>Validates prior-file <paramref name="text"/> as if read from <paramref name="path"/>.</summary>
    public static PriorFileSpec ParseText(string path, string text, IPriorFileSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Parse(YamlReader.ParseMapping(path, text), schema);
    }

    private static PriorFileSpec Parse(YamlMap root, IPriorFileSchema schema)
    {
        root.AllowedKeys(TopLevelKeys);
        var modelValue = root.Require("model", $"name the model, one of: {string.Join(", ", schema.ModelNames)}");
        string model = modelValue.AsString();
        if (!schema.ModelNames.Contains(model, StringComparer.Ordinal))
        {
            throw modelValue.Error($"unknown model '{model}' (known: {string.Join(", ", schema.ModelNames)})");
        }

        var problem = ParseProblem(root.OptionalMapping("problem"));
        var modelSchema = ResolveModel(root, schema, model, problem);
        var datasets = ParseDatasets(root, schema, modelSchema);
        var options = ParseOptions(root.OptionalMapping("options"), modelSchema);
        var parameters = ParseParams(root, modelSchema);
        int free = parameters.Count(p => !p.IsFixed);
        var likelihood = ParseLikelihood(root, modelSchema, datasets);
        var sampler = ParseSampler(root.OptionalMapping("sampler"), free, schema.MoveNames);
        var nested = ParseNested(root.OptionalMapping("nested"), free);
        return new PriorFileSpec(root.File, model, datasets, options, parameters, likelihood, problem, sampler, nested);
    }

    private static ModelSchema ResolveModel(YamlMap root, IPriorFileSchema schema, string model, ProblemSpec? problem)
    {
        ModelSchema modelSchema;
        try
        {
            modelSchema = schema.FindModel(model, problem);
        }
        catch (ArgumentException e)
        {
            if (problem is null) throw root.ErrorAt("model", e.Message);
            // A schema names a bad setting as ParamName "problem.<key>": point at that key.
            if (e.ParamName is { } name && name.StartsWith("problem.", StringComparison.Ordinal)
                && root.OptionalMapping("problem") is { } section && section.Contains(name["problem.".Length..]))
            {
                string key = name["problem.".Length..];
                string suffix = $" (Parameter '{name}')";
                string message = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
                throw section.ErrorAt(key, message);
            }
            throw root.ErrorAt("problem", e.Message);
        }
        if (modelSchema.RequiresProblem && problem is null)
        {
            throw new ConfigException(root.File, root.KeyLine("problem"), "problem", $"missing (model '{model}' needs problem: {{ dimension: N }})");
        }
        if (!modelSchema.RequiresProblem && problem is not null)
        {
            throw new ConfigException(root.File, root.KeyLine("problem"), "problem", $"model '{model}' takes no problem section (only test problems do)");
        }
        return modelSchema;
    }

    private static ImmutableArray<string> ParseDatasets(YamlMap root, IPriorFileSchema schema, ModelSchema model)
    {
        if (!model.UsesDatasets)
        {
            if (root.Contains("datasets"))
            {
                throw new ConfigException(root.File, root.KeyLine("datasets"), "datasets", $"model '{model.Name}' fits no datasets; remove this key");
            }
            return [];
        }
        var items = root.RequireSequence("datasets", $"list the datasets to fit, e.g. [{schema.DatasetIds.FirstOrDefault() ?? "id"}]");
        if (items.Count == 0)
        {
            throw root.ErrorAt("datasets", $"list at least one dataset (known: {string.Join(", ", schema.DatasetIds)})");
        }
        var ids = new List<string>();
        foreach (var item in items)
        {
            string id = item.AsString();
            if (!schema.DatasetIds.Contains(id, StringComparer.Ordinal))
            {
                throw item.Error($"unknown dataset '{id}' (known: {string.Join(", ", schema.DatasetIds)})");
            }
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                throw item.Error($"dataset '{id}' is listed twice");
            }
            if (schema.DatasetProblem(model, id) is { } problem)
            {
                throw item.Error(problem);
            }
            ids.Add(id);
        }
        return [.. ids];
    }

    private static ImmutableSortedDictionary<string, string> ParseOptions(YamlMap? section, ModelSchema model)
    {
        var options = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (section is not null)
        {
            foreach (var (name, value) in section.Entries)
            {
                var option = model.Options.FirstOrDefault(o => o.Name == name);
                if (option is null)
                {
                    string known = model.Options.IsEmpty ? "it has none" : "known: " + string.Join(", ", model.Options.Select(o => o.Name));
                    throw new ConfigException(section.File, section.KeyLine(name), value.Path, $"model '{model.Name}' has no option '{name}' ({known})");
                }
                string chosen = value.AsString();
                if (!option.Allowed.Contains(chosen, StringComparer.Ordinal))
                {
                    throw value.Error($"'{chosen}' is not a value of option {name} (one of: {string.Join(", ", option.Allowed)})");
                }
                options[name] = chosen;
            }
        }
        // Options left out take their default given the options the file sets (a physics preset sets other defaults).
        var given = options.ToImmutable();
        foreach (var option in model.Options) options.TryAdd(option.Name, option.DefaultFor(given));
        return options.ToImmutable();
    }

    /// <summary>A double as written in messages: shortest round-trip form, invariant culture.</summary>
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
