namespace CrInference.Config.PriorFiles;

/// <summary>
/// What exists, injected into <see cref="PriorFileParser"/> so that Config names no model, dataset
/// or move itself: model names, dataset ids, move names, per model the parameters and options a
/// prior file may use, and which datasets a model can fit. The composition layer
/// (<c>CrInference.Runs.Composition.CatalogPriorFileSchema</c>) implements it from the model
/// registry, the likelihood's nuisance parameters, the data catalogue and the move catalogue;
/// tests use a fake.
/// </summary>
public interface IPriorFileSchema
{
    /// <summary>Every model name a prior file may give under <c>model</c>.</summary>
    IReadOnlyList<string> ModelNames { get; }

    /// <summary>Every dataset id a prior file may list under <c>datasets</c>.</summary>
    IReadOnlyList<string> DatasetIds { get; }

    /// <summary>Every move name a prior file may weight under <c>sampler.moves</c>.</summary>
    IReadOnlyList<string> MoveNames { get; }

    /// <summary>
    /// The schema of <paramref name="model"/> (always one of <see cref="ModelNames"/>) given the
    /// file's <c>problem</c> section (null when absent): test problems name their parameters
    /// after their dimension. Throws <see cref="ArgumentException"/> with a one-line reason when
    /// the problem does not suit the model (e.g. a dimension it does not offer); the parser
    /// reports that reason at the <c>problem</c> key.
    /// </summary>
    ModelSchema FindModel(string model, ProblemSpec? problem);

    /// <summary>
    /// Null when <paramref name="model"/> can be fitted to dataset <paramref name="datasetId"/>
    /// (one of <see cref="DatasetIds"/>); else a one-line reason, which the parser reports at the
    /// dataset's line (e.g. a proton-only model cannot fit B/C).
    /// </summary>
    string? DatasetProblem(ModelSchema model, string datasetId);
}
