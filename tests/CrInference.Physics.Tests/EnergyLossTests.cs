using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Tests;

public sealed class EnergyLossTests
{
    private static double LogSlope(Func<double, double> f, double x1, double x2) => Math.Log(f(x2) / f(x1)) / Math.Log(x2 / x1);

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1e4)]
    public void EquationC2_RelativisticProtons_AgreesWithSchlickeiserWithin10Percent(double rigidityGV)
    {
        // KQ22 eq. C2 uses 2e-16 where Schlickeiser's coefficient is 1.82e-16 (EQUATIONS.md B.15):
        // τ_C2/τ_Schlickeiser → 1.82/2 = 0.91 for β → 1.
        double schlickeiser = EnergyLosses.IonisationTimeS(rigidityGV, Nucleus.Proton, 1.0);
        double c2 = EnergyLosses.EquationC2TimeS(rigidityGV, Nucleus.Proton, 1.0);
        Assert.InRange(c2 / schlickeiser, 0.9, 1.0);
        if (rigidityGV >= 1e4) Assert.Equal(0.91, c2 / schlickeiser, 0.002);
    }

    [Fact]
    public void IonisationTime_ScalesAsP3SubRelativisticAndPRelativistic()
    {
        // KQ22 §2: τ_loss ∝ p³ for sub-relativistic and ∝ p for ultra-relativistic CRs. At 0.05–0.1 GV
        // (β ≈ 0.05–0.1) the Schlickeiser form deviates from 3 by the log term (−0.02), β₀³/(2β³) (+0.01) and
        // the relativistic p(β) (−2β² ≈ −0.01): slope ≈ 2.98.
        double Tau(double r) => EnergyLosses.IonisationTimeS(r, Nucleus.Proton, 1.25);
        Assert.Equal(3.0, LogSlope(Tau, 0.05, 0.1), 0.05);
        Assert.Equal(1.0, LogSlope(Tau, 1e3, 1e4), 1e-3);
        double TauC2(double r) => EnergyLosses.EquationC2TimeS(r, Nucleus.Proton, 1.25);
        Assert.Equal(3.0, LogSlope(TauC2, 1e-3, 2e-3), 1e-3);
        Assert.Equal(1.0, LogSlope(TauC2, 1e3, 1e4), 1e-3);
    }

    [Fact]
    public void IonisationRate_AtBetaHalf_MatchesHandEvaluation()
    {
        // 1.82e-7 × [1 + 0.0185 ln 0.5] × 2 × 0.25 / (1e-6 + 0.25) eV/s for Z = 1, n_H = 1 cm⁻³.
        double expected = 1.82e-7 * (1 + 0.0185 * Math.Log(0.5)) * 0.5 / (1e-6 + 0.25);
        Assert.Equal(expected, EnergyLosses.IonisationRateEvPerS(0.5, 1, 1.0), 1e-20);
        // Below β₀ the logarithmic term is switched off (Heaviside H(β − β₀)).
        Assert.Equal(1.82e-7 * 2 * 1e-6 / (1e-6 + 2e-9), EnergyLosses.IonisationRateEvPerS(1e-3, 1, 1.0), 1e-20);
    }

    [Fact]
    public void CoulombOverIonisation_Relativistic_IsCoefficientRatio()
    {
        // β → 1 and T_e small: |dE/dt|_Coul/|dE/dt|_ion → 3.08/1.82 (x_m³ and β₀³ negligible).
        double ratio = EnergyLosses.CoulombRateEvPerS(1, 1, 1, 1e4) / EnergyLosses.IonisationRateEvPerS(1, 1, 1);
        Assert.Equal(3.08 / 1.82, ratio, 1e-4);
    }

    [Fact]
    public void LossTime_IsPTimesVOverRate()
    {
        // τ = p v/|dE/dt|: for β = 1 and p = 1 GeV/c, τ = 1e9 eV / |dE/dt|.
        double tau = EnergyLosses.LossTimeS(1e6, Nucleus.Proton, 1.0);
        Assert.Equal(1e15, tau, 1e6);
        Assert.Equal(0.0, EnergyLosses.InverseLossTimePerS(LossPrescription.None, 1, Nucleus.Proton, 1.25));
    }

    [Fact]
    public void Spallation_RelativisticCarbon_MatchesEquationsTable()
    {
        // EQUATIONS.md §3: τ_spall = 13.9 Myr and h/τ_spall = 14.1 km/s for n = 1.25 cm⁻³, σ = 61 mb, v = c, h = 200 pc.
        double tau = Spallation.TimeS(1e5, 1.25, 61);
        Assert.Equal(13.9, tau / PhysicalConstants.MegayearS, 0.05);
        double speed = Spallation.SourceSpeedCmPerS(1e5, 200 * PhysicalConstants.ParsecCm, 1.25, 61);
        Assert.Equal(14.1, speed / 1e5, 0.05);
    }
}
