using CrInference.Core;
using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Tests;

public sealed class KinematicsTests
{
    public static TheoryData<string> NucleusNames => new() { "p", "10B", "11B", "12C" };

    private static Nucleus Get(string name) => Nucleus.All.Single(n => n.Name == name);

    private static IEnumerable<double> RigidityGrid()
    {
        // 1e-3 … 1e5 GV, 10 points per decade.
        for (int k = -30; k <= 50; k++) yield return Math.Pow(10, k / 10.0);
    }

    [Theory]
    [MemberData(nameof(NucleusNames))]
    public void RigidityMomentumKineticEnergy_RoundTrip_Within1e12(string name)
    {
        var nucleus = Get(name);
        foreach (double r in RigidityGrid())
        {
            double p = Kinematic.MomentumGeV(r, nucleus);
            Assert.Equal(1.0, Kinematic.RigidityGV(p, nucleus) / r, 1e-12);

            double ekn = Kinematic.KineticEnergyPerNucleonGeV(r, nucleus);
            Assert.Equal(1.0, Kinematic.RigidityFromKineticEnergyPerNucleonGV(ekn, nucleus) / r, 1e-12);

            double t = Kinematic.KineticEnergyGeV(p, nucleus);
            Assert.Equal(1.0, Kinematic.MomentumFromKineticEnergyGeV(t, nucleus) / p, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(NucleusNames))]
    public void Speed_FromRigidityAndFromKineticEnergy_AgreeWithin1e12(string name)
    {
        // Independent route: β = √(T(T + 2m))/(T + m) from the kinetic energy (well conditioned at all T).
        var nucleus = Get(name);
        double m = nucleus.RestEnergyGeV;
        foreach (double r in RigidityGrid())
        {
            double t = Kinematic.KineticEnergyPerNucleonGeV(r, nucleus) * nucleus.MassNumber;
            double beta = Math.Sqrt(t * (t + 2 * m)) / (t + m);
            Assert.Equal(1.0, Kinematic.BetaAtRigidity(r, nucleus) / beta, 1e-12);
            Assert.Equal(1.0, Kinematic.SpeedCmPerS(r, nucleus) / (beta * PhysicalConstants.SpeedOfLightCmPerS), 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(NucleusNames))]
    public void MomentumFromBeta_RoundTrip_WithinConditionNumber(string name)
    {
        // p(β) has condition number γ²: relative error ≤ ~4 γ² ε. Below γ ≈ 50 that is < 1e-12.
        var nucleus = Get(name);
        foreach (double r in RigidityGrid())
        {
            double p = Kinematic.MomentumGeV(r, nucleus);
            double gamma = Kinematic.LorentzFactor(p, nucleus);
            double tolerance = Math.Max(1e-13, 8 * gamma * gamma * 1.1e-16);
            double back = Kinematic.MomentumFromBetaGeV(Kinematic.Beta(p, nucleus), nucleus);
            Assert.True(Math.Abs(back / p - 1) <= tolerance, $"{name} R = {r}: relative error {Math.Abs(back / p - 1)} > {tolerance}");
            if (gamma < 50) Assert.True(Math.Abs(back / p - 1) <= 1e-12, $"{name} R = {r}");
        }
    }

    [Fact]
    public void LarmorRadius_At1GVAnd1Microgauss_Is3p3e12Cm()
    {
        // EQUATIONS.md §3: r_L(1 GV) = 3.3e12 cm (1 μG), 5.6e11 cm (6 μG).
        Assert.Equal(3.3e12, Kinematic.LarmorRadiusCm(1, 1e-6), 0.05e12);
        Assert.Equal(5.6e11, Kinematic.LarmorRadiusCm(1, 6e-6), 0.05e11);
    }

    [Fact]
    public void Nuclei_MassToCharge_IsTwoForCarbon()
    {
        Assert.Equal(2.0, Nucleus.Carbon12.MassToCharge);
        Assert.Equal(2.2, Nucleus.Boron11.MassToCharge, 12);
    }
}
