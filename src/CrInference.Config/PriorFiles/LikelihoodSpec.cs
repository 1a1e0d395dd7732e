using System.Collections.Immutable;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// The <c>likelihood</c> section. <see cref="CorrelationLengthDecades"/> is the width of the
/// Gaussian kernel in log10 R of correlated systematics, given only with
/// <see cref="ErrorModelKind.Correlated"/> (null: the caller's default). <see cref="Cuts"/>
/// override the default ranges per dataset id.
/// </summary>
public sealed record LikelihoodSpec(
    ErrorModelKind Errors,
    double? CorrelationLengthDecades,
    ImmutableSortedDictionary<string, CutSpec> Cuts)
{
    /// <summary>Statistical ⊕ systematic errors, no cut overrides.</summary>
    public static LikelihoodSpec Default { get; } =
        new(ErrorModelKind.StatPlusSys, null, ImmutableSortedDictionary.Create<string, CutSpec>(StringComparer.Ordinal));
}
