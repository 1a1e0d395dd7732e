namespace CrInference.Plotting.Tests;

public sealed class LabelTextTests
{
    [Theory]
    [InlineData(@"$\log_{10} D_0$", "log₁₀ D₀")]
    [InlineData("cm^2 s^-1", "cm² s⁻¹")]
    [InlineData("cm^{-3}", "cm⁻³")]
    [InlineData(@"\kappa_\parallel", "κ∥")]
    [InlineData(@"\theta_c", "θ_c")]
    [InlineData("n_W", "n_W")]
    [InlineData(@"v_{\rm A}", "v_A")]
    [InlineData(@"\gamma_{\rm inj}", "γᵢₙⱼ")]
    [InlineData(@"R^{2.7} J", "R²·⁷ J")]
    [InlineData("R^2.7", "R²·⁷")]
    [InlineData("R^{1/3}", "R^(1/3)")]
    [InlineData(@"T_{\rm warm}\,[\mathrm{K}]", "T_warm [K]")]
    [InlineData("AMS-02", "AMS-02")]
    [InlineData(@"\delta", "δ")]
    public void FromLatex_CommonLabels_ReadablePlainText(string latex, string expected) =>
        Assert.Equal(expected, LabelText.FromLatex(latex));
}
