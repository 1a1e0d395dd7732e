using System.Collections.Immutable;
using CrInference.Config.Yaml;

namespace CrInference.Config.PriorFiles;

/// <summary>The <c>problem</c>, <c>likelihood</c>, <c>sampler</c> and <c>nested</c> sections.</summary>
public static partial class PriorFileParser
{
    private static readonly string[] CutKeys = ["min_GV", "max_GV", "min_GeV_per_n", "max_GeV_per_n"];

    private static ProblemSpec? ParseProblem(YamlMap? section)
    {
        if (section is null) return null;
        int dimension = (int)section.Require("dimension", "the test problem's number of dimensions").AsInteger(1, 100_000);
        // Further keys are the model's numeric settings; the schema says which exist (FindModel).
        var settings = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in section.Entries)
        {
            if (key != "dimension") settings[key] = value.AsNumber();
        }
        return settings.Count == 0 ? new ProblemSpec(dimension) : new ProblemSpec(dimension, settings.ToImmutable());
    }

    private static LikelihoodSpec ParseLikelihood(YamlMap root, ModelSchema model, ImmutableArray<string> datasets)
    {
        var section = root.OptionalMapping("likelihood");
        if (section is null) return LikelihoodSpec.Default;
        if (!model.UsesDatasets)
        {
            throw new ConfigException(root.File, root.KeyLine("likelihood"), "likelihood", $"model '{model.Name}' has its own analytic likelihood; remove this section");
        }
        section.AllowedKeys("errors", "correlation_length_decades", "cuts");
        var errors = ErrorModelKind.StatPlusSys;
        if (section.Find("errors") is { } errorsValue)
        {
            errors = errorsValue.AsString() switch
            {
                "stat+sys" => ErrorModelKind.StatPlusSys,
                "correlated" => ErrorModelKind.Correlated,
                var other => throw errorsValue.Error($"unknown error model '{other}' (one of: stat+sys, correlated)"),
            };
        }
        double? length = section.OptionalNumber("correlation_length_decades");
        if (length is { } l)
        {
            if (errors != ErrorModelKind.Correlated)
            {
                throw section.ErrorAt("correlation_length_decades", "only used with errors: correlated");
            }
            if (!(l > 0))
            {
                throw section.ErrorAt("correlation_length_decades", $"must be > 0 (got {Format(l)})");
            }
        }
        var cuts = ImmutableSortedDictionary.CreateBuilder<string, CutSpec>(StringComparer.Ordinal);
        if (section.OptionalMapping("cuts") is { } cutSection)
        {
            foreach (var (dataset, value) in cutSection.Entries)
            {
                if (!datasets.Contains(dataset, StringComparer.Ordinal))
                {
                    throw new ConfigException(cutSection.File, cutSection.KeyLine(dataset), value.Path,
                        $"dataset '{dataset}' is not among this file's datasets ({string.Join(", ", datasets)})");
                }
                cuts[dataset] = ParseCut(value.AsMapping());
            }
        }
        return new LikelihoodSpec(errors, length, cuts.ToImmutable());
    }

    private static CutSpec ParseCut(YamlMap cut)
    {
        cut.AllowedKeys(CutKeys);
        if (cut.Keys.Count == 0)
        {
            throw cut.Error("give min_GV/max_GV (rigidity) or min_GeV_per_n/max_GeV_per_n (kinetic energy per nucleon)");
        }
        bool rigidity = cut.Contains("min_GV") || cut.Contains("max_GV");
        bool energy = cut.Contains("min_GeV_per_n") || cut.Contains("max_GeV_per_n");
        if (rigidity && energy)
        {
            string second = cut.Keys.First(k => k.Contains("GeV_per_n", StringComparison.Ordinal));
            throw new ConfigException(cut.File, cut.KeyLine(second), cut.PathOf(second),
                "mixes a rigidity cut (min_GV/max_GV) with an energy cut (min_GeV_per_n/max_GeV_per_n); use one kind");
        }
        string minKey = rigidity ? "min_GV" : "min_GeV_per_n";
        string maxKey = rigidity ? "max_GV" : "max_GeV_per_n";
        double? min = PositiveOrNull(cut, minKey);
        double? max = PositiveOrNull(cut, maxKey);
        if (min is { } a && max is { } b && !(a < b))
        {
            throw cut.ErrorAt(maxKey, $"{minKey} ({Format(a)}) must be < {maxKey} ({Format(b)})");
        }
        return rigidity ? new CutSpec(min, max, null, null) : new CutSpec(null, null, min, max);
    }

    private static double? PositiveOrNull(YamlMap map, string key)
    {
        double? value = map.OptionalNumber(key);
        if (value is { } v && !(v > 0)) throw map.ErrorAt(key, $"must be > 0 (got {Format(v)})");
        return value;
    }

    private static SamplerSpec ParseSampler(YamlMap? section, int free, IReadOnlyList<string> moveNames)
    {
        if (section is null) return SamplerSpec.Empty;
        section.AllowedKeys("walkers", "steps", "seed", "moves", "thin", "relocate_lagging", "starts");
        int? walkers = (int?)section.OptionalInteger("walkers", 2, 1_000_000);
        if (walkers is { } w && w < 2 * free)
        {
            throw section.ErrorAt("walkers", $"{w} walkers are too few for {free} free parameters (the ensemble needs at least 2 x {free} = {2 * free})");
        }
        long? steps = section.OptionalInteger("steps", 1, long.MaxValue);
        ulong? seed = section.OptionalUInt64("seed");
        int? thin = (int?)section.OptionalInteger("thin", 1, int.MaxValue);
        var moves = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (section.OptionalMapping("moves") is { } moveSection)
        {
            foreach (var (name, value) in moveSection.Entries)
            {
                if (!moveNames.Contains(name, StringComparer.Ordinal))
                {
                    throw new ConfigException(moveSection.File, moveSection.KeyLine(name), value.Path,
                        $"unknown move '{name}' (one of: {string.Join(", ", moveNames)})");
                }
                double weight = value.AsNumber();
                if (!(weight > 0)) throw value.Error($"a move weight must be > 0 (got {Format(weight)})");
                moves[name] = weight;
            }
            if (moves.Count == 0) throw moveSection.Error($"give at least one move weight (moves: {string.Join(", ", moveNames)})");
        }
        double? relocate = section.OptionalNumber("relocate_lagging");
        if (relocate is { } f && !(f >= 0 && f <= SamplerSpec.MaxRelocateLagging))
        {
            throw section.ErrorAt("relocate_lagging", $"must be a fraction of the steps in [0, {Format(SamplerSpec.MaxRelocateLagging)}] (got {Format(f)})");
        }
        string? starts = section.OptionalString("starts");
        if (starts is not null && !SamplerSpec.StartChoices.Contains(starts, StringComparer.Ordinal))
        {
            throw section.ErrorAt("starts", $"'{starts}' is not a start (one of: {string.Join(", ", SamplerSpec.StartChoices)})");
        }
        return new SamplerSpec(walkers, steps, seed, thin, moves.ToImmutable()) { RelocateLagging = relocate, Starts = starts };
    }

    private static NestedSpec? ParseNested(YamlMap? section, int free)
    {
        if (section is null) return null;
        section.AllowedKeys("live", "dlogz", "seed");
        int? live = (int?)section.OptionalInteger("live", 2, 10_000_000);
        if (live is { } n && n <= free)
        {
            throw section.ErrorAt("live", $"{n} live points are too few for {free} free parameters (need more than {free})");
        }
        double? dlogz = section.OptionalNumber("dlogz");
        if (dlogz is { } d && !(d > 0)) throw section.ErrorAt("dlogz", $"must be > 0 (got {Format(d)})");
        ulong? seed = section.OptionalUInt64("seed");
        return new NestedSpec(live, dlogz, seed);
    }
}
