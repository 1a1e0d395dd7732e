using System.Collections.Immutable;

namespace CrInference.Config.Pipelines;

/// <summary>
/// A pipeline file (<c>pipelines/*.yaml</c>), validated: a study of several runs (prior files ×
/// methods × overrides) and the report steps that follow them. Results go to
/// <c>results/&lt;<see cref="Name"/>&gt;/&lt;run&gt;/</c>.
/// </summary>
/// <param name="SourcePath">The pipeline file as the user named it.</param>
/// <param name="Name">The pipeline's name, <c>[a-z0-9-]</c>.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Runs">The runs, in file order.</param>
/// <param name="Report">The report steps, in file order.</param>
public sealed record PipelineSpec(
    string SourcePath,
    string Name,
    string? Description,
    ImmutableArray<PipelineRunSpec> Runs,
    ImmutableArray<PipelineReportStep> Report)
{
    /// <summary>The run named <paramref name="name"/>, or null.</summary>
    public PipelineRunSpec? FindRun(string name) => Runs.FirstOrDefault(r => r.Name == name);
}
