namespace CrInference.Config.Pipelines;

/// <summary>What a pipeline run launches: <c>crinf fit</c> (ensemble sampler, chains.parquet) or
/// <c>crinf evidence</c> (nested sampling, samples.parquet and evidence.json).</summary>
public enum PipelineMethod
{
    /// <summary><c>crinf fit</c>.</summary>
    Fit,

    /// <summary><c>crinf evidence</c>.</summary>
    Evidence,
}

/// <summary>Names of <see cref="PipelineMethod"/> as written in pipeline files and command lines.</summary>
public static class PipelineMethods
{
    /// <summary>The names a pipeline file accepts, in the order of <see cref="PipelineMethod"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fit", "evidence"];

    /// <summary>The name of <paramref name="method"/>, which is also its <c>crinf</c> command.</summary>
    public static string Name(this PipelineMethod method) => method switch
    {
        PipelineMethod.Fit => "fit",
        PipelineMethod.Evidence => "evidence",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static PipelineMethod? Find(string name) => name switch
    {
        "fit" => PipelineMethod.Fit,
        "evidence" => PipelineMethod.Evidence,
        _ => null,
    };
}
