using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Network;

namespace CrInference.Physics.Tests.Network;

/// <summary>
/// Parents read by interpolation (<see cref="SpeciesPlan.Covering"/>, <see cref="SpeciesSolver.Solution.DensityAt"/>): the
/// parent's points cover the range its daughters need with gaps of at most 0.05 decade, the interpolation is exact for a
/// power law, and the boron fluxes stay within 1e-3 of a solution whose parents are solved at the exact rigidities.
/// </summary>
public sealed class ParentInterpolationTests
{
    private static readonly double Step = SpeciesPlan.LossStepDecades * Math.Log(10);

    [Fact]
    public void Covering_ExtendsToTheNeededRange_AtLeastOneStepOut_AndFillsEveryGap()
    {
        double[] points = [1, 10];
        var covered = SpeciesPlan.Covering(points, [0.5, 2, 10.0001]);

        Assert.Contains(1.0, covered);
        Assert.Contains(10.0, covered);
        Assert.Equal(0.5, covered[0]);
        // The needed top lies a hair above the last point: the new end is one full step out, not at 10.0001.
        Assert.Equal(10 * Math.Exp(Step), covered[^1], 1e-12);
        for (int i = 1; i < covered.Length; i++) Assert.InRange(Math.Log(covered[i] / covered[i - 1]), 1e-3, Step * (1 + 1e-12));
        Assert.Equal(points, SpeciesPlan.Covering(points, []));
        Assert.Equal(points, SpeciesPlan.Covering(points, [2, 3]).Where(r => r is 1 or 10));
    }

    [Fact]
    public void DensityAt_IsExactAtPoints_AndForAPowerLaw()
    {
        var r = SpeciesPlan.Covering([1], [1, 100]);
        var n = r.Select(x => 3.5 * Math.Pow(x, -2.7)).ToArray();
        var solution = new SpeciesSolver.Solution(r, n, n, []);
        Assert.Equal(n[7], solution.DensityAt(r[7]));
        foreach (double x in new[] { 1.01, 2.345, 17.0, 99.9 }) Assert.Equal(1.0, solution.DensityAt(x) / (3.5 * Math.Pow(x, -2.7)), 1e-12);
        Assert.Throws<InvalidOperationException>(() => solution.DensityAt(0.99));
        Assert.Throws<InvalidOperationException>(() => solution.DensityAt(100.1));
        // With a zero among the four nodes the density itself is interpolated (a cubic: exact for a cubic in ln R).
        var z = r.Select(x => Math.Pow(Math.Log(x), 3)).ToArray();
        Assert.Equal(Math.Pow(Math.Log(1.05), 3), new SpeciesSolver.Solution(r, z, z, []).DensityAt(1.05), 1e-12);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("continuous")]
    public void BoronFluxes_StayWithinOnePerMilleOfParentsSolvedAtTheExactRigidities(string losses)
    {
        // A phenomenological model with both sharp breaks (s = 0.1 in ln R) and the full network on a sparse grid, so that
        // parents fall between nodes 0.05 decade apart; the reference asks for ¹²C at every ¹¹B parent rigidity R/1.1 and
        // for ¹¹B at every ¹⁰B tertiary rigidity 1.1 R, which the lookups then hit exactly. The residual difference comes
        // from the kinks of the tabulated cross-sections (linear in log-log between table nodes) inside the stencils and,
        // with continuous losses, from the reference's denser loss mesh.
        var model = new PhenomenologicalModel();
        var parameters = new Dictionary<string, double>
        {
            [PhenomenologicalModel.LowBreakRigidityName] = 4.3, [PhenomenologicalModel.LowBreakSlopeName] = 1.0,
            ["kappa_break_GV"] = 220, ["kappa_break_ddelta"] = -0.21,
        };
        var (input, error) = model.Resolve(parameters, new Dictionary<string, string> { ["losses"] = losses });
        Assert.Null(error);
        double[] grid = [1.0, 1.064, 1.5, 3, 4.3, 10, 100, 220, 1000];
        double parentRatio = Nucleus.Carbon12.MassToCharge / Nucleus.Boron11.MassToCharge;
        double tertiaryRatio = Nucleus.Boron11.MassToCharge / Nucleus.Boron10.MassToCharge;
        var interpolated = model.Predict(input!, new SpeciesRequest().Add(Nucleus.Boron11, grid).Add(Nucleus.Boron10, grid).Add(Nucleus.Carbon12, grid));
        var exact = model.Predict(input!, new SpeciesRequest()
            .Add(Nucleus.Boron11, [.. grid, .. grid.Select(r => r * tertiaryRatio)])
            .Add(Nucleus.Boron10, grid)
            .Add(Nucleus.Carbon12, [.. grid, .. grid.Select(r => r * parentRatio)]));
        Assert.True(interpolated.Succeeded && exact.Succeeded);
        foreach (var species in new[] { Nucleus.Boron11, Nucleus.Boron10, Nucleus.Carbon12 })
        {
            for (int i = 0; i < grid.Length; i++)
            {
                double ratio = interpolated.Prediction!.Flux(species)[i] / exact.Prediction!.Flux(species)[i];
                Assert.True(Math.Abs(ratio - 1) < 1e-3, $"{species.Name} at {grid[i]} GV: {ratio - 1:E2}");
            }
        }
    }
}
