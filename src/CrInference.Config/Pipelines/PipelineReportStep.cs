using System.Collections.Immutable;

namespace CrInference.Config.Pipelines;

/// <summary>
/// One step of a pipeline's <c>report</c> list, run after the runs. The kinds, each at most once:
/// <c>compare</c> (a comparison table of the runs, <c>crinf compare</c>), <c>corner</c> (a corner
/// plot per run and overlays of run pairs, <c>crinf corner</c>), <c>spectra</c> (model spectra
/// against the data per run, <c>crinf spectra</c>) and <c>figures</c> (the paper's figures,
/// <c>crinf figures</c>) and <c>sbc</c> (calibration reports, chunks gathered, <c>crinf sbc --gather</c>).
/// </summary>
/// <param name="Kind">The step's name in the file.</param>
/// <param name="Line">1-based line of the step in the pipeline file.</param>
/// <param name="Runs">The runs the step covers, in pipeline order (every applicable run when the file names none).</param>
public abstract record PipelineReportStep(string Kind, int Line, ImmutableArray<string> Runs);

/// <summary><c>compare</c>: one table over <see cref="PipelineReportStep.Runs"/> (ln Z, χ², information gain, fine-tuning);
/// <paramref name="AllowMixedData"/> (<c>allow_mixed_data: true</c>) lets it compare runs fitted to different datasets
/// (<c>crinf compare --allow-mixed-data</c>: Δ ln Z is then left out).</summary>
public sealed record CompareReportStep(int Line, ImmutableArray<string> Runs, bool AllowMixedData = false) : PipelineReportStep("compare", Line, Runs);

/// <summary><c>corner</c>: a corner plot of each of <see cref="PipelineReportStep.Runs"/>, and one overlay per pair in <paramref name="Overlays"/>.</summary>
public sealed record CornerReportStep(int Line, ImmutableArray<string> Runs, ImmutableArray<(string First, string Second)> Overlays)
    : PipelineReportStep("corner", Line, Runs);

/// <summary><c>spectra</c>: model spectra at the posterior against the data for each of <see cref="PipelineReportStep.Runs"/> (fits or evidence runs of physics models; by default every one).</summary>
public sealed record SpectraReportStep(int Line, ImmutableArray<string> Runs) : PipelineReportStep("spectra", Line, Runs);

/// <summary><c>sbc</c>: the calibration runs' reports; the chunks of a run split into array tasks gathered into one
/// (<c>crinf sbc --gather</c>).</summary>
public sealed record SbcReportStep(int Line, ImmutableArray<string> Runs) : PipelineReportStep("sbc", Line, Runs);

/// <summary><c>figures</c>: the paper's figures (no runs).</summary>
public sealed record FiguresReportStep(int Line) : PipelineReportStep("figures", Line, []);
