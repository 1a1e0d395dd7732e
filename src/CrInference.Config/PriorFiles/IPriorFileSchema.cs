namespace CrInference.Config.PriorFiles;

/// <summary>
/// What exists, injected into <see cref="PriorFileParser"/> so that Config does not hard-code
/// physics: model names, dataset ids, and per model the parameters and options a prior file may
/// use. The composition root (CLI) implements it from the model registry, the likelihood's
/// nuisance parameters and the data catalogue; tests use a fake.
/// </summary>
public interface IPriorFileSchema
{
    /// <summary>Every model name a prior file may give under <c>model</c>.</summary>
    IReadOnlyList<string> ModelNames { get; }

    /// <summary>Every dataset id a prior file may list under <c>datasets</c>.</summary>
    IReadOnlyList<string> DatasetIds { get; }

    /// <summary>
    /// The schema of <paramref name="model"/> (always one of <see cref="ModelNames"/>) given the
    /// file's <c>problem</c> section (null when absent): test problems name their parameters
    /// after their dimension. Throws <see cref="ArgumentException"/> with a one-line reason when
    /// the problem does not suit the model (e.g. a dimension it does not offer); the parser
    /// reports that reason at the <c>problem</c> key.
    /// </summary>
    ModelSchema FindModel(string model, ProblemSpec? problem);
}
