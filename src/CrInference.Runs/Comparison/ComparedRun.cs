using System.Globalization;
using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Core;
using CrInference.Data;
using CrInference.Runs.Composition;
using CrInference.Runs.Evidence;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Diagnostics;
using CrInference.Storage.Parquet;

namespace CrInference.Runs.Comparison;

/// <summary>
/// A finished run folder of <c>crinf fit</c> or <c>crinf evidence</c>, read back for <c>crinf compare</c>: its
/// manifest, the posterior rebuilt from its prior file, its posterior samples (sampled coordinates, weights
/// respected) and ln Z: an evidence run's, or a fit's chain-based estimate from its summary.json where it reports one.
/// </summary>
/// <remarks>
/// <para><b>Prior file.</b> The copy <c>prior.yaml</c> in the run folder when present (fits and evidence runs
/// keep one), else the path the manifest records (relative to the repository root), read as plots read it
/// (<see cref="Figures.RunFolder.PriorFile"/>): with the manifest's resolved <c>sampler</c> and <c>nested</c>
/// sections put in, its canonical hash must equal the recorded <c>prior_file.resolved_hash</c>. Every data file
/// must still have the recorded SHA-256. Otherwise the run is refused, naming the first difference.</para>
/// <para><b>Samples.</b> A fit's rows after its burn-in (<c>summary.json</c>'s <c>burn_in.steps_discarded</c>;
/// 10 % of the stored steps when the summary is missing), equal weights; an evidence run's rows of
/// <c>samples.parquet</c> with their <c>weight</c>. The best sample is the row (all rows, burn-in included) with
/// the largest ln L: χ²_min and the fine-tuning shifts are taken there.</para>
/// </remarks>
public sealed class ComparedRun
{
    private ComparedRun() { }

    /// <summary>The run folder (full path).</summary>
    public string Directory { get; private init; } = "";

    /// <summary>The run's name in tables: the folder's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>What made the run.</summary>
    public IRunKind Kind { get; private init; } = null!;

    /// <summary><c>fit</c>, <c>nested</c> or <c>pt</c>.</summary>
    public string KindName => Kind.Name;

    public JsonObject Manifest { get; private init; } = [];

    /// <summary>The prior file the posterior was rebuilt from.</summary>
    public string PriorFile { get; private init; } = "";

    public PosteriorBuild Build { get; private init; } = null!;

    /// <summary>Posterior samples in sampled coordinates with their weights (a fit: after burn-in).</summary>
    public WeightedSamples Samples { get; private init; } = null!;

    /// <summary>A fit's draws thinned by about τ for the nearest-neighbour information estimate (null for evidence runs).</summary>
    public WeightedSamples? Thinned { get; private init; }

    /// <summary>The row with the largest ln L, in sampled coordinates.</summary>
    public double[] BestSampled { get; private init; } = [];

    public double BestLogLikelihood { get; private init; }

    /// <summary>ln Z and its error (null for a fit whose summary reports no trusted chain-based ln Z).</summary>
    public double? LogZ { get; private init; }

    public double? LogZError { get; private init; }

    /// <summary>evidence.json (null for fits).</summary>
    public JsonObject? Evidence { get; private init; }

    /// <summary>What the likelihood compares with: dataset ids, cuts, data hashes and error model ("" for test problems).</summary>
    public string DataSignature { get; private init; } = "";

    /// <summary>The datasets in words for messages, e.g. <c>ams02-p-2015 + ams02-bc-2021</c> or <c>no data (test problem)</c>.</summary>
    public string DataDescription { get; private init; } = "";

    /// <summary>Reads the run in <paramref name="directory"/>; user errors are thrown as <see cref="UserInputException"/>.</summary>
    public static async Task<ComparedRun> LoadAsync(string directory, DatasetCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(catalog);
        string full = Path.GetFullPath(directory);
        string shown = directory;
        var (kind, manifest, samplesPath, evidence) = Locate(full, shown);
        var (spec, priorFile) = ReadPriorFile(full, shown, manifest);
        // A run made with --data-dir is compared on the files it read.
        if (manifest.ContainsKey(DataDirectoryOption.ManifestKey)) catalog = DataDirectoryOption.OfManifest(manifest, full);
        CheckData(spec, catalog, manifest, shown);
        var build = PosteriorFactory.Create(spec, catalog);
        bool weighted = kind is EvidenceRunKind;
        var fitEvidence = weighted ? null : FitEvidence(full);
        var (sampled, logLikelihood, weights) = await ReadSampledAsync(samplesPath, build.Posterior.Space, weighted, shown, cancellationToken).ConfigureAwait(false);
        int d = build.Posterior.Space.Dimension;
        int best = 0;
        for (int r = 1; r < logLikelihood.Length; r++)
        {
            if (logLikelihood[r] > logLikelihood[best]) best = r;
        }
        var (samples, thinned) = weighted
            ? (new WeightedSamples(d, sampled, weights!, logLikelihood), null)
            : FitSamples(full, shown, manifest, d, sampled, logLikelihood);
        return new ComparedRun
        {
            Directory = full,
            Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(full)),
            Kind = kind,
            Manifest = manifest,
            PriorFile = priorFile,
            Build = build,
            Samples = samples,
            Thinned = thinned,
            BestSampled = sampled.AsSpan(best * d, d).ToArray(),
            BestLogLikelihood = logLikelihood[best],
            LogZ = evidence is not null ? Number(evidence["log_z"], shown, "log_z") : fitEvidence?.LogZ,
            LogZError = evidence is not null ? Number(evidence["log_z_err"], shown, "log_z_err") : fitEvidence?.Error,
            Evidence = evidence,
            DataSignature = Signature(manifest),
            DataDescription = spec.Datasets.IsEmpty ? "no data (analytic test problem)" : string.Join(" + ", spec.Datasets),
        };
    }

    /// <summary>A fit's chain-based ln Z ± σ from its summary.json (bridge sampling), or null when the summary reports none.</summary>
    private static (double LogZ, double Error)? FitEvidence(string full)
    {
        var summary = RunFiles.TryReadJson(Path.Combine(full, "summary.json"));
        if (summary?["log_z"] is not JsonValue z || summary["log_z_err"] is not JsonValue e) return null;
        return z.TryGetValue(out double logZ) && e.TryGetValue(out double error) && double.IsFinite(logZ) && double.IsFinite(error) ? (logZ, error) : null;
    }

    /// <summary>The kind of run in <paramref name="full"/> (from its manifest), its sample table and, for evidence runs, evidence.json.</summary>
    private static (IRunKind Kind, JsonObject Manifest, string SamplesPath, JsonObject? Evidence) Locate(string full, string shown)
    {
        if (!System.IO.Directory.Exists(full))
        {
            throw new UserInputException(File.Exists(full) ? $"{shown}: not a folder (give run folders, not files)" : $"{shown}: no such run folder");
        }
        var manifest = RunFiles.TryReadJson(Path.Combine(full, RunManifest.FileName));
        var kind = RunKinds.OfManifest(manifest)
            ?? throw new UserInputException($"{shown}: not a run folder of crinf fit or crinf evidence (no {RunManifest.FileName} of either)");
        if (kind is not EvidenceRunKind)
        {
            string chains = ChainRunFiles.FinalPath(full);
            if (!File.Exists(chains)) throw new UserInputException($"{shown}: the fit has not finished (no chains.parquet); finish it with crinf fit --resume");
            return (kind, manifest!, chains, null);
        }
        string samplesPath = Path.Combine(full, EvidenceRunKind.SamplesFileName);
        var evidence = RunFiles.TryReadJson(Path.Combine(full, EvidenceRunKind.EvidenceFileName));
        if (evidence is null || !File.Exists(samplesPath))
        {
            throw new UserInputException($"{shown}: the evidence run has not finished (no {EvidenceRunKind.EvidenceFileName} or {EvidenceRunKind.SamplesFileName}); finish it with crinf evidence --resume");
        }
        return (kind, manifest!, samplesPath, evidence);
    }

    /// <summary>Every row in sampled coordinates (row-major), its ln L, and its weight when <paramref name="weighted"/>.</summary>
    private static async Task<(double[] Sampled, double[] LogLikelihood, double[]? Weights)> ReadSampledAsync(string samplesPath, ParameterSpace space,
        bool weighted, string shown, CancellationToken cancellationToken)
    {
        var names = space.Names.ToArray();
        int d = names.Length;
        var columns = new List<string>(names) { ChainColumnNames.LogLikelihood };
        if (weighted) columns.Add(ChainColumnNames.Weight);
        var table = await ChainTableReader.ReadAsync(samplesPath, columns, cancellationToken).ConfigureAwait(false);
        long rows = table.RowCount;
        if (rows == 0) throw new UserInputException($"{shown}: {Path.GetFileName(samplesPath)} holds no rows");
        var values = names.Select(table.Values).ToArray();
        var sampled = new double[rows * d];
        var physical = new double[d];
        for (long r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++) physical[i] = values[i][r];
            space.ToSampled(physical, sampled.AsSpan((int)(r * d), d));
        }
        return (sampled, table.Values(ChainColumnNames.LogLikelihood), weighted ? table.Values(ChainColumnNames.Weight) : null);
    }

    /// <summary>A fit's draws after its burn-in (equal weights), and the same thinned by about τ for the nearest-neighbour estimate.</summary>
    private static (WeightedSamples Samples, WeightedSamples Thinned) FitSamples(string full, string shown, JsonObject manifest, int d,
        double[] sampled, double[] logLikelihood)
    {
        long rows = logLikelihood.Length;
        int walkers = (int?)manifest["sampler"]?["walkers"] ?? throw new UserInputException($"{shown}: {RunManifest.FileName} names no walkers");
        if (rows % walkers != 0) throw new UserInputException($"{shown}: chains.parquet holds {rows} rows, not whole steps of {walkers} walkers");
        int steps = (int)(rows / walkers);
        var summary = RunFiles.TryReadJson(Path.Combine(full, "summary.json"));
        int burn = summary?["burn_in"]?["steps_discarded"] is JsonValue b && b.TryGetValue(out int discarded) ? discarded : BurnIn.Steps(steps, double.NaN);
        burn = Math.Clamp(burn, 0, steps - 1);
        double tau = summary?["tau_max"] is JsonValue t && t.TryGetValue(out double tauMax) && double.IsFinite(tauMax) ? tauMax : 1;
        int start = burn * walkers;
        int kept = (int)rows - start;
        var samples = WeightedSamples.Unweighted(d, sampled.AsSpan(start * d, kept * d), logLikelihood.AsSpan(start, kept));
        int thin = Math.Max(1, (int)Math.Ceiling(tau));
        while ((steps - burn + thin - 1) / thin * (long)walkers > MaxNearestNeighbourSamples) thin++;
        var picked = new List<double>();
        var pickedLogL = new List<double>();
        for (int s = burn; s < steps; s += thin)
        {
            picked.AddRange(sampled.AsSpan(s * walkers * d, walkers * d));
            pickedLogL.AddRange(logLikelihood.AsSpan(s * walkers, walkers));
        }
        return (samples, WeightedSamples.Unweighted(d, [.. picked], [.. pickedLogL]));
    }

    /// <summary>What the likelihood compares with: per dataset its id, data hash, cut and error model, sorted.</summary>
    private static string Signature(JsonObject manifest)
    {
        var signature = new List<string>();
        foreach (var dataset in (manifest["datasets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            signature.Add($"{(string?)dataset["id"]}|{(string?)dataset["sha256"]}|{(string?)dataset["cut"]}|{(string?)dataset["errors"]}");
        }
        signature.Sort(StringComparer.Ordinal);
        return string.Join(";", signature);
    }

    /// <summary>Most draws a fit contributes to the O(N²) nearest-neighbour estimate.</summary>
    public const int MaxNearestNeighbourSamples = 4000;

    /// <summary>The prior file rebuilt and checked as plots do (<see cref="Figures.RunFolder.PriorFile"/>: the run's
    /// <c>prior.yaml</c>, else the recorded path; the manifest's resolved <c>sampler</c>/<c>nested</c> sections
    /// put in; the canonical hash must equal the manifest's <c>prior_file.resolved_hash</c>).</summary>
    private static (PriorFileSpec Spec, string Path) ReadPriorFile(string directory, string shown, JsonObject manifest)
    {
        var spec = Figures.RunFolder.Open(directory).PriorFile();
        string copy = Path.Combine(directory, Figures.RunFolder.PriorCopyFileName);
        string path = File.Exists(copy) ? copy : (string?)manifest["prior_file"]?["path"] ?? shown;
        return (spec, path);
    }

    private static void CheckData(PriorFileSpec spec, DatasetCatalog catalog, JsonObject manifest, string shown)
    {
        var recorded = manifest["identity"]?["data_sha256"] as JsonObject;
        foreach (string id in spec.Datasets)
        {
            string now = RunManifest.FileHash(catalog.PathOf(id));
            string? then = (string?)recorded?[id];
            if (then != now)
            {
                throw new UserInputException($"{shown}: data file of {id} changed since the run (sha256 {JsonDifference.Short(then)} -> {JsonDifference.Short(now)}); chi2 would not be the run's");
            }
        }
    }

    private static double Number(JsonNode? node, string shown, string key)
    {
        if (node is JsonValue v && v.TryGetValue(out double x)) return x;
        if (node is JsonValue s && s.TryGetValue(out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double y)) return y;
        throw new UserInputException($"{shown}: {EvidenceRunKind.EvidenceFileName} has no number '{key}'");
    }
}
