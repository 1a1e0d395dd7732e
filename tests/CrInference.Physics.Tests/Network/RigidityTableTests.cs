using CrInference.Core;
using CrInference.Physics.FastModes;
using CrInference.Physics.Network;
using CrInference.Physics.Plasma;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Tests.Network;

/// <summary>The κ_turb lattice of the network (16 nodes per decade, cubic in ln κ vs ln R) against direct evaluation.</summary>
public sealed class RigidityTableTests
{
    public static TheoryData<double, double, double, double> Plasmas() => new()
    {
        // n_W (cm⁻³), T_W (K), M_A, L (pc): KQ22 §4.2's warm ISM, then corners of the two-phase prior ranges (priors/README.md),
        // all confined over the range (where κ reaches the free-streaming cap v L/3 it has a kink: see NetworkKappaNodesTests).
        { 0.2, 1e4, 0.6, 50 },
        { 2.0, 3e3, 1.0, 50 },
        { 0.02, 3e4, 0.1, 50 },
    };

    [Theory]
    [MemberData(nameof(Plasmas))]
    public void FastModeKappa_OnTheLattice_InterpolatesToBetterThanOnePerMille(double n, double t, double mach, double lPc)
    {
        // The likelihood's range: Voyager H down to 0.1 GV, B/C up to 3.3 TV.
        var turbulence = new TurbulenceSpec(PlasmaState.FromMicrogauss(n, t, 6), mach, lPc * PhysicalConstants.ParsecCm);
        double lo = 0.1, hi = 3300;
        var nodes = RigidityTable.Nodes(FastModeTables.LogSpace(lo, hi, 400), [lo, hi]);
        Assert.Equal((int)Math.Ceiling(Math.Log10(hi / lo) * RigidityTable.LatticePerDecade) + 1, nodes.Length);
        var atNodes = new double[nodes.Length];
        Assert.Null(FastModeDiffusion.Isotropic.Compute(turbulence, nodes, atNodes));
        var table = new RigidityTable(nodes, atNodes);

        // Midpoints between nodes are the worst case of the interpolation.
        var mid = new double[nodes.Length - 1];
        for (int i = 0; i < mid.Length; i++) mid[i] = Math.Sqrt(nodes[i] * nodes[i + 1]);
        var direct = new double[mid.Length];
        Assert.Null(FastModeDiffusion.Isotropic.Compute(turbulence, mid, direct));
        double worst = 0;
        for (int i = 0; i < mid.Length; i++) worst = Math.Max(worst, Math.Abs(table.At(mid[i]) / direct[i] - 1));
        Assert.True(worst < 1e-3, $"worst interpolation error {worst:E2}");
    }

    [Fact]
    public void Table_IsExactAtNodes_AndRefusesToExtrapolate()
    {
        double[] nodes = [1, 2, 5, 10];
        double[] values = [3, 1, 4, 1.5];
        var table = new RigidityTable(nodes, values);
        for (int i = 0; i < nodes.Length; i++) Assert.Equal(values[i], table.At(nodes[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.At(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.At(11));
        // A power law is a straight line in ln-ln: reproduced to rounding between the nodes.
        var power = new RigidityTable(nodes, nodes.Select(r => 2 * Math.Pow(r, 0.37)).ToArray());
        Assert.Equal(2 * Math.Pow(3.3, 0.37), power.At(3.3), 1e-13);
    }

    [Fact]
    public void Nodes_KeepTheExactPoints_FillGapsToTwentyPerDecade_AndStayInTheNeededRange()
    {
        double[] few = [1, 3, 10];
        Assert.Same(few, RigidityTable.Nodes(few, few));
        var many = FastModeTables.LogSpace(2, 200, 300);
        var lattice = RigidityTable.Nodes(many, [2, 200]);
        Assert.Equal(41, lattice.Length);
        Assert.Equal(2, lattice[0]);
        Assert.Equal(200, lattice[^1]);
        var mixed = RigidityTable.Nodes(many, [3.3, 3.4, 150]);
        Assert.Contains(3.3, mixed);
        Assert.Contains(3.4, mixed);
        Assert.Contains(150, mixed);
        Assert.Equal(2, mixed[0]);
        Assert.Equal(200, mixed[^1]);
        for (int i = 1; i < mixed.Length; i++) Assert.True(Math.Log10(mixed[i] / mixed[i - 1]) <= 1.0 / RigidityTable.LatticePerDecade + 1e-12);
    }
}
