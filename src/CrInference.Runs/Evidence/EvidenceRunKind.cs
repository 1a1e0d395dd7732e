using System.Text.Json.Nodes;
using CrInference.Config.PriorFiles;
using CrInference.Runs.Lifecycle;
using CrInference.Runs.Manifests;

namespace CrInference.Runs.Evidence;

/// <summary>How an evidence method's samples and summary are described in words.</summary>
/// <param name="Title">The method, e.g. <c>nested sampling</c>.</param>
/// <param name="Weights">What the <c>weight</c> column holds (summary.json).</param>
/// <param name="Samples">What the rows are (summary.md).</param>
/// <param name="PosteriorNote">How the posterior table was computed (summary.md).</param>
/// <param name="CornerTitle">What the corner plot shows.</param>
public sealed record EvidenceWording(string Title, string Weights, string Samples, string PosteriorNote, string CornerTitle);

/// <summary>
/// <c>crinf evidence</c>: the Bayesian evidence ln Z of the posterior a prior file describes, by one method
/// (<see cref="NestedRunKind"/>, <see cref="TemperingRunKind"/>). Both write <c>samples.parquet</c>,
/// <c>summary.json</c>/<c>summary.md</c> and, last, <c>evidence.json</c> (its presence marks a complete run);
/// while running, the sampler's whole state goes to <c>checkpoint-&lt;method&gt;.json</c> (<see cref="EvidencePlan{TState, TResult}"/>).
/// </summary>
public abstract class EvidenceRunKind : IRunKind
{
    /// <summary>The weighted posterior samples.</summary>
    public const string SamplesFileName = "samples.parquet";

    /// <summary>ln Z and the sampler's numbers; written last.</summary>
    public const string EvidenceFileName = "evidence.json";

    private RunFolderLayout? _layout;

    /// <summary><c>nested</c> or <c>pt</c>: the <c>--method</c> and the manifest's <c>method</c>.</summary>
    public abstract string Name { get; }

    public string ManifestFormat => RunManifest.EvidenceFormat;

    public RunFolderLayout Layout => _layout ??= new RunFolderLayout(
        "evidence run",
        EvidenceFileName,
        CheckpointFileName,
        directory => File.Exists(Path.Combine(directory, EvidenceFileName)),
        directory => !File.Exists(Path.Combine(directory, EvidenceFileName)) && File.Exists(Path.Combine(directory, CheckpointFileName)),
        finished => finished ? $"a finished evidence run ({EvidenceFileName})" : $"an interrupted --method {Name} run ({CheckpointFileName})");

    /// <summary>The method's samples and summary in words.</summary>
    public abstract EvidenceWording Wording { get; }

    /// <summary>File name of the checkpoint (starts with <c>checkpoint</c>, as the pipeline expects).</summary>
    public string CheckpointFileName => $"checkpoint-{Name}.json";

    /// <summary>Suffix of the default run folder, e.g. <c>-evidence</c>.</summary>
    protected abstract string DirectorySuffix { get; }

    /// <summary>The kind of <paramref name="options"/>: its <c>--method</c>; without one, on <c>--resume</c> the method of
    /// the run in the folder, else nested sampling.</summary>
    public static EvidenceRunKind For(EvidenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Method is { } name)
        {
            return Find(name) ?? throw new UserInputException($"--method {name}: unknown method (one of: {string.Join(", ", All.Select(k => k.Name))})");
        }
        if (options.Resume)
        {
            var kind = NestedRunKind.Instance;
            string directory = Path.GetFullPath(options.OutputDirectory ?? kind.DefaultDirectory(options.PriorFile));
            if (Find((string?)RunManifest.TryRead(directory, RunManifest.EvidenceFormat)?["method"]) is { } carried) return carried;
        }
        return NestedRunKind.Instance;
    }

    /// <summary>The evidence methods, default first.</summary>
    public static IReadOnlyList<EvidenceRunKind> All => [NestedRunKind.Instance, TemperingRunKind.Instance];

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static EvidenceRunKind? Find(string? name) => All.FirstOrDefault(k => k.Name == name);

    public string DefaultDirectory(string priorFile) =>
        Path.Combine(RepositoryPaths.ResultsDirectory, Path.GetFileNameWithoutExtension(priorFile) + DirectorySuffix);

    public string ResumeCommand(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"./crinf evidence {options.PriorFile}{(this == NestedRunKind.Instance ? "" : $" --method {Name}")}{(options.OutputDirectory is null ? "" : $" --out {options.OutputDirectory}")} --resume";
    }

    public abstract IRunPlan Plan(RunOptions options, PriorFileSpec spec, JsonObject? previousManifest, int threads);

    /// <summary>The options as evidence options, and the settings the original run took from its command line.</summary>
    protected static (EvidenceOptions Options, JsonObject? Inherited) Unpack(RunOptions options, JsonObject? previousManifest) =>
        (options as EvidenceOptions ?? throw new ArgumentException($"an evidence run takes {nameof(EvidenceOptions)}", nameof(options)),
         previousManifest?["command_line_overrides"] as JsonObject);

    /// <summary>Checks <paramref name="validate"/> (a sampler's settings validation), turning its ArgumentException into a user error.</summary>
    protected static void Validate(Action validate, string what)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            string suffix = e.ParamName is null ? "" : $" (Parameter '{e.ParamName}')";
            string message = suffix.Length > 0 && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
            throw new UserInputException($"{what}: {message}");
        }
    }
}
