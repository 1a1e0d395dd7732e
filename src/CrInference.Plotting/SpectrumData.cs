namespace CrInference.Plotting;

/// <summary>
/// Measured points of one data set in a <see cref="SpectrumPanel"/>, in the units of the panel
/// (already multiplied by R^2.7 or similar by the caller when the panel shows a weighted flux).
/// </summary>
/// <param name="Label">Legend text (LaTeX-ish syntax allowed, see <see cref="LabelText"/>).</param>
/// <param name="X">Abscissae (rigidity, energy per nucleon, …), &gt; 0 on the log x axis.</param>
/// <param name="Y">Measured values.</param>
/// <param name="Sigma">One-σ uncertainty of each value (&gt; 0); used for error bars and residuals.</param>
public sealed record SpectrumData(string Label, double[] X, double[] Y, double[] Sigma);
