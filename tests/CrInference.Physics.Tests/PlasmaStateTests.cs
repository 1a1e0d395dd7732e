using CrInference.Physics.Kinematics;
using CrInference.Physics.Plasma;

namespace CrInference.Physics.Tests;

public sealed class PlasmaStateTests
{
    [Theory]
    // EQUATIONS.md §3 (ρ = n m_p): Fig. 1, Fig. 2 base, Fig. 3 warm, Fig. 3 halo, Fig. 5 hot, Fig. 5 warm.
    [InlineData(1e-3, 1, 69)]
    [InlineData(5e-3, 1, 31)]
    [InlineData(0.1, 6, 41)]
    [InlineData(1e-3, 6, 414)]
    [InlineData(3e-3, 1, 40)]
    [InlineData(0.2, 6, 29)]
    public void AlfvenSpeed_KqPlasmas_MatchEquationsTable(double n, double bMicrogauss, double expectedKmPerS)
    {
        var plasma = PlasmaState.FromMicrogauss(n, 1e4, bMicrogauss);
        Assert.Equal(expectedKmPerS, plasma.AlfvenSpeed / 1e5, 0.5 + 0.005 * expectedKmPerS);
    }

    [Theory]
    // EQUATIONS.md §3 (β = 8π n kT/B²): Fig. 3 warm, Fig. 3 halo, Fig. 5 warm → 0.19; Fig. 5 hot → 31.
    [InlineData(0.1, 2e4, 6, 0.19)]
    [InlineData(1e-3, 2e6, 6, 0.19)]
    [InlineData(0.2, 1e4, 6, 0.19)]
    [InlineData(3e-3, 3e6, 1, 31)]
    public void Beta_KqPlasmas_MatchEquationsTable(double n, double t, double bMicrogauss, double expected)
    {
        var plasma = PlasmaState.FromMicrogauss(n, t, bMicrogauss);
        Assert.Equal(expected, plasma.Beta, 0.01 * expected + 0.005);
    }

    [Theory]
    // KQ22 §3: l_mfp ∼ 1e13 cm in the warm ISM (order of magnitude), ≈ r_L of ∼10 GeV CRs in 6 μG.
    [InlineData(0.1, 2e4)]
    [InlineData(0.2, 1e4)]
    public void IonMeanFreePath_WarmIsm_IsOrder1e13Cm(double n, double t)
    {
        var plasma = PlasmaState.FromMicrogauss(n, t, 6);
        double l = plasma.IonMeanFreePath;
        Assert.InRange(Math.Log10(l), 12, 14);
        Assert.InRange(l / Kinematic.LarmorRadiusCm(10, plasma.FieldG), 0.1, 10);
    }

    [Fact]
    public void Validate_NegativeDensity_ReturnsReason()
    {
        Assert.NotNull(PlasmaState.FromMicrogauss(-1, 1e4, 1).Validate("warm"));
        Assert.Null(PlasmaState.FromMicrogauss(1, 1e4, 1).Validate("warm"));
    }
}
