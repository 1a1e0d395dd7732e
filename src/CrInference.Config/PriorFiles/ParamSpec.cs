using CrInference.Core.Priors;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// One parameter of a prior file, resolved: its prior (a <see cref="FixedPrior"/> for a bare
/// number or a parameter left out), labels for plots, where walkers start, and where it was
/// written. Parameters the file leaves out take the model's fiducial value as a fixed prior and
/// have <see cref="Line"/> 0 (<see cref="IsDefault"/>).
/// </summary>
/// <param name="Name">Parameter name (unit in the name, e.g. <c>warm_n_cm3</c>).</param>
/// <param name="Prior">The prior, in physical units.</param>
/// <param name="Latex">LaTeX label (the file's <c>latex</c>, else the model's).</param>
/// <param name="Unit">Unit label (the file's <c>unit</c>, else the model's).</param>
/// <param name="Ref">Where walkers start (a normal truncated to the prior), or null for prior draws.</param>
/// <param name="Line">1-based line of the parameter's key in the file; 0 for a default.</param>
public sealed record ParamSpec(string Name, IPrior1D Prior, string Latex, string Unit, ReferenceSpec? Ref, int Line)
{
    /// <summary>Whether the parameter is held fixed (not sampled).</summary>
    public bool IsFixed => Prior is FixedPrior;

    /// <summary>Whether the parameter was left out of the file and takes the model's fiducial value.</summary>
    public bool IsDefault => Line == 0;
}
