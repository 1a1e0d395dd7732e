namespace CrInference.Config.PriorFiles;

/// <summary>The <c>problem</c> section of an analytic test model (<c>test/*</c>).</summary>
/// <param name="Dimension">Number of dimensions of the test problem (≥ 1).</param>
public sealed record ProblemSpec(int Dimension);
