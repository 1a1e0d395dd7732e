using CrInference.Physics.Kinematics;
using CrInference.Posterior.Modulation;

namespace CrInference.Inference.Tests.Likelihood;

/// <summary>
/// Force-field identities (Gleeson &amp; Axford 1968): φ = 0 is the identity, φ₁ then φ₂ equals φ₁ + φ₂, and the
/// TOA/LIS ratio of a pure power law against its closed form.
/// </summary>
public sealed class ForceFieldModulationTests
{
    private const double ProtonMassGeV = 0.93827208816; // CODATA 2018 m_p c²

    public static TheoryData<string> Species => new(Nucleus.All.Select(n => n.Name));

    private static Nucleus Get(string name) => Nucleus.All.Single(n => n.Name == name);

    [Theory]
    [MemberData(nameof(Species))]
    public void ZeroPotential_IsTheIdentity(string species)
    {
        var nucleus = Get(species);
        foreach (double r in new[] { 1.0, 11.5, 350.0 })
        {
            Assert.Equal((r, 1.0), ForceFieldModulation.Shift(r, 0, nucleus));
            Assert.Equal((r / 10, 1.0), ForceFieldModulation.ShiftKineticEnergyPerNucleon(r / 10, 0, nucleus));
        }
    }

    [Theory]
    [MemberData(nameof(Species))]
    public void TwoShifts_EqualOneShiftByTheSum(string species)
    {
        // The TOA spectrum for φ₁ is a valid "interstellar" spectrum for a second shell φ₂: shifts compose additively
        // in kinetic energy and the factors multiply.
        var nucleus = Get(species);
        foreach (double r in new[] { 0.8, 3.0, 40.0, 900.0 })
        {
            var (r1, f1) = ForceFieldModulation.Shift(r, 0.25, nucleus);
            var (r2, f2) = ForceFieldModulation.Shift(r1, 0.45, nucleus);
            var (r12, f12) = ForceFieldModulation.Shift(r, 0.70, nucleus);

            Assert.Equal(r12, r2, r12 * 1e-13);
            Assert.Equal(f12, f1 * f2, f12 * 1e-13);

            var (e1, g1) = ForceFieldModulation.ShiftKineticEnergyPerNucleon(r / 5, 0.25, nucleus);
            var (e2, g2) = ForceFieldModulation.ShiftKineticEnergyPerNucleon(e1, 0.45, nucleus);
            var (e12, g12) = ForceFieldModulation.ShiftKineticEnergyPerNucleon(r / 5, 0.70, nucleus);
            Assert.Equal(e12, e2, e12 * 1e-13);
            Assert.Equal(g12, g1 * g2, g12 * 1e-13);
        }
    }

    /// <summary>
    /// Proton flux per rigidity J_LIS(R) = R^−γ through the force field, against the closed form written with kinetic
    /// energies only: T = √(R² + m²) − m, T′ = T + φ, R′ = √(T′(T′ + 2m)), and
    /// J_TOA(R)/J_LIS(R) = [T(T + 2m)/(T′(T′ + 2m))] × (dT/dR)/(dT′/dR′) × (R′/R)^−γ with dT/dR = R/(T + m).
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(11.5)]
    [InlineData(100.0)]
    public void PowerLaw_TopOfAtmosphereOverInterstellar_MatchesClosedForm(double rigidityGV)
    {
        const double gamma = 2.8, phi = 0.6, m = ProtonMassGeV;
        double t = Math.Sqrt(rigidityGV * rigidityGV + m * m) - m;
        double tLis = t + phi;
        double rLis = Math.Sqrt(tLis * (tLis + 2 * m));
        double closed = t * (t + 2 * m) / (tLis * (tLis + 2 * m)) * (rigidityGV / (t + m)) / (rLis / (tLis + m)) * Math.Pow(rLis / rigidityGV, -gamma);

        var (r, factor) = ForceFieldModulation.Shift(rigidityGV, phi, Nucleus.Proton);

        Assert.Equal(rLis, r, rLis * 1e-12);
        Assert.Equal(closed, factor * Math.Pow(r, -gamma) / Math.Pow(rigidityGV, -gamma), closed * 1e-12);
    }

    /// <summary>The figures quoted for an R^−2.8 spectrum at φ = 0.6 GV: TOA/LIS = 0.78 at 11.5 GV, 0.87 at 20 GV,
    /// 0.94 at 50 GV; relativistically (R′ ≈ R + φ) the ratio is (1 + φ/R)^−(γ+2).</summary>
    [Theory]
    [InlineData(11.5, 0.78)]
    [InlineData(20.0, 0.87)]
    [InlineData(50.0, 0.94)]
    public void PowerLaw_AtPhi06_GivesTheQuotedSuppression(double rigidityGV, double quoted)
    {
        var (r, factor) = ForceFieldModulation.Shift(rigidityGV, 0.6, Nucleus.Proton);
        double ratio = factor * Math.Pow(r / rigidityGV, -2.8);

        Assert.Equal(quoted, ratio, 0.006);
        Assert.Equal(Math.Pow(1 + 0.6 / rigidityGV, -4.8), ratio, 0.003);
    }

    [Theory]
    [MemberData(nameof(Species))]
    public void KineticEnergyShift_DescribesTheSameParticleAsTheRigidityShift(string species)
    {
        // Seen at E_k/n = E (rigidity R), a nucleus had E + (Z/A)φ per nucleon outside: its rigidity there is R′ of the
        // rigidity shift. And j_R = j_E dE/dR, so the per-rigidity factor is the per-E_k/n factor times
        // (dE/dR at R)/(dE/dR at R′) = β/β′.
        var nucleus = Get(species);
        foreach (double e in new[] { 0.3, 2.0, 50.0 })
        {
            double r = Kinematic.RigidityFromKineticEnergyPerNucleonGV(e, nucleus);
            var (eLis, g) = ForceFieldModulation.ShiftKineticEnergyPerNucleon(e, 0.7, nucleus);
            var (rLis, f) = ForceFieldModulation.Shift(r, 0.7, nucleus);

            Assert.Equal(rLis, Kinematic.RigidityFromKineticEnergyPerNucleonGV(eLis, nucleus), rLis * 1e-12);
            double betaRatio = Kinematic.BetaAtRigidity(r, nucleus) / Kinematic.BetaAtRigidity(rLis, nucleus);
            Assert.Equal(f, g * betaRatio, f * 1e-12);
        }
    }
}
