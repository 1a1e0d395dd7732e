namespace CrInference.Config.Pipelines;

/// <summary>What a pipeline run launches: <c>crinf fit</c> (ensemble sampler, chains.parquet),
/// <c>crinf evidence</c> (nested sampling, samples.parquet and evidence.json) or <c>crinf sbc</c> (calibration on
/// mock data, sbc.csv and sbc-summary.json; with <c>chunks</c>, one run per chunk of replicates).</summary>
public enum PipelineMethod
{
    /// <summary><c>crinf fit</c>.</summary>
    Fit,

    /// <summary><c>crinf evidence</c>.</summary>
    Evidence,

    /// <summary><c>crinf sbc</c>.</summary>
    Sbc,
}

/// <summary>Names of <see cref="PipelineMethod"/> as written in pipeline files and command lines.</summary>
public static class PipelineMethods
{
    /// <summary>The names a pipeline file accepts, in the order of <see cref="PipelineMethod"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fit", "evidence", "sbc"];

    /// <summary>The name of <paramref name="method"/>, which is also its <c>crinf</c> command.</summary>
    public static string Name(this PipelineMethod method) => method switch
    {
        PipelineMethod.Fit => "fit",
        PipelineMethod.Evidence => "evidence",
        PipelineMethod.Sbc => "sbc",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static PipelineMethod? Find(string name) => name switch
    {
        "fit" => PipelineMethod.Fit,
        "evidence" => PipelineMethod.Evidence,
        "sbc" => PipelineMethod.Sbc,
        _ => null,
    };
}
