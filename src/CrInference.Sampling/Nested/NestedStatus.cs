namespace CrInference.Sampling.Nested;

/// <summary>Where a nested-sampling run stands.</summary>
public enum NestedStatus
{
    /// <summary>Still iterating.</summary>
    Running,

    /// <summary>Stopped because ln(Z + L_max X) − ln Z fell below <see cref="NestedSettings.DLogZ"/>.</summary>
    Converged,

    /// <summary>Stopped at <see cref="NestedSettings.MaxIterations"/>; ln Z may be biased low.</summary>
    MaxIterations,

    /// <summary>Stopped at <see cref="NestedSettings.MaxLikelihoodCalls"/>; ln Z may be biased low.</summary>
    MaxLikelihoodCalls,
}
