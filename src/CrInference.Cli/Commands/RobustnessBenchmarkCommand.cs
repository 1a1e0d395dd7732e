using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Data;
using CrInference.Runs;
using CrInference.Runs.Composition;
using CrInference.Storage.Parquet;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf bench robustness [PRIOR …] [--draws 100000] [--seed S] [--threads N] [--json FILE]</c>: for each prior file
/// (default: every shipped one, <c>priors/*.yaml</c> and <c>priors/tests/*.yaml</c>), prior draws through the
/// likelihood (<see cref="LikelihoodRobustness"/>): NaN (must be 0), +∞ (must be 0), and every −∞ with its reason.
/// A Markdown table on stdout, the same numbers as JSON with <c>--json</c>; exit code 1 when any NaN or +∞ was found.
/// </summary>
public static class RobustnessBenchmarkCommand
{
    /// <summary>Exit code when a likelihood gave NaN or +∞ (a bug in a model or likelihood).</summary>
    public const int NotANumberFound = 1;

    public static Command Create()
    {
        var priors = new Argument<string[]>("priors") { Description = "Prior files (default: priors/*.yaml and priors/tests/*.yaml)", Arity = ArgumentArity.ZeroOrMore };
        var draws = new Option<long>("--draws") { DefaultValueFactory = _ => 100_000, Description = "Prior draws per prior file" };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 20221125, Description = "Seed of the draws (draw i: RandomKey.FromSeed(seed).Split(i))" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount), Description = "Threads (the counts do not depend on it)" };
        var json = new Option<string?>("--json") { Description = "Also write the counts as JSON to this file" };
        var command = new Command("robustness", "Prior draws through the likelihood for every prior file: NaN (must be 0), +inf, and every -inf with its reason")
        {
            priors, draws, seed, threads, json,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            long n = parse.GetValue(draws);
            int threadCount = parse.GetValue(threads);
            string? jsonPath = parse.GetValue(json);
            if (n < 1) throw new UserInputException($"--draws must be >= 1 (got {n})");
            if (threadCount < 1) throw new UserInputException($"--threads must be >= 1 (got {threadCount})");
            if (jsonPath is not null) OutputLocation.CheckFile(jsonPath, $"--json {jsonPath}");
            var files = parse.GetValue(priors) is { Length: > 0 } given ? given : ShippedPriorFiles();
            foreach (string file in files)
            {
                CatalogPriorFileSchema.Parse(file);
            }
            var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
            var results = new List<RobustnessResult>();
            foreach (string file in files)
            {
                var result = LikelihoodRobustness.Run(file, catalog, n, parse.GetValue(seed), threadCount);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file}: {result.Finite} finite, {result.NotANumber} NaN, {result.NegativeInfinity} -inf ({result.Seconds:0.0} s)"));
                results.Add(result);
            }
            Console.Write(Markdown(results, n, parse.GetValue(seed), threadCount));
            if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, RunJson.Serialize(Json(results, n, parse.GetValue(seed))) + "\n");
            return results.Any(r => r.NotANumber > 0 || r.PositiveInfinity > 0) ? NotANumberFound : 0;
        }));
        return command;
    }

    /// <summary>The shipped prior files, repository-relative, sorted.</summary>
    private static string[] ShippedPriorFiles()
    {
        string root = RepositoryPaths.Root;
        return [.. new[] { "priors", Path.Combine("priors", "tests") }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.yaml"))
            .Select(f => Path.GetRelativePath(Directory.GetCurrentDirectory(), f))
            .Order(StringComparer.Ordinal)];
    }

    private static string Markdown(IReadOnlyList<RobustnessResult> results, long draws, ulong seed, int threads)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Likelihood robustness: {draws} prior draws per prior file (seed {seed}, {threads} thread(s))\n\n");
        text.Append("| prior file | model | draws | finite | NaN | +inf | -inf | reasons of -inf (count) |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in results)
        {
            string reasons = r.Reasons.Count == 0 ? "-" : string.Join("; ", r.Reasons.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} x {kv.Key}")));
            text.Append(CultureInfo.InvariantCulture, $"| {r.PriorFile} | {r.Model} | {r.Draws} | {r.Finite} | {r.NotANumber} | {r.PositiveInfinity} | {r.NegativeInfinity} | {reasons.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return text.ToString();
    }

    private static JsonObject Json(IReadOnlyList<RobustnessResult> results, long draws, ulong seed) => new()
    {
        ["draws_per_file"] = draws,
        ["seed"] = seed,
        ["files"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["prior_file"] = r.PriorFile,
            ["model"] = r.Model,
            ["draws"] = r.Draws,
            ["finite"] = r.Finite,
            ["nan"] = r.NotANumber,
            ["positive_infinity"] = r.PositiveInfinity,
            ["negative_infinity"] = r.NegativeInfinity,
            ["negative_infinity_reasons"] = new JsonObject(r.Reasons.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["seconds"] = RunJson.Number(r.Seconds),
        })]),
    };
}
