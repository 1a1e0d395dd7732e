using CrInference.Physics.FastModes;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Network;

namespace CrInference.Physics.Tests.Network;

/// <summary>
/// The network evaluates the expensive fast-mode κ_turb at the requested rigidities plus fill nodes (RigidityTable.Nodes) and
/// interpolates it at the derived ones (parents at R/1.1, the continuous-loss mesh). Its predictions at the requested points
/// must agree with evaluating κ_turb directly everywhere to 1e-3, including a plasma whose κ reaches the free-streaming cap
/// (a kink near 20 GV) inside the range.
/// </summary>
public sealed class NetworkKappaNodesTests
{
    /// <summary>A residence that asks for every needed rigidity as a node (direct evaluation).</summary>
    private sealed class DirectNodes(IResidenceModel inner) : IResidenceModel
    {
        public bool PrefersExactNodes => true;
        public double LayerTemperatureK => inner.LayerTemperatureK;
        public double HaloTemperatureK => inner.HaloTemperatureK;
        public bool SplitsComponents => inner.SplitsComponents;
        public string? Prepare(double[] nodesGV, bool[] derivedNodes) => inner.Prepare(nodesGV, derivedNodes);
        public Residence At(double rigidityGV, double speedRatio, bool withColumns) => inner.At(rigidityGV, speedRatio, withColumns);
        public void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components) => inner.AddComponents(rigiditiesGV, components);
    }

    [Theory]
    [InlineData(0.2, 1e4, 0.6)]
    [InlineData(0.5, 8e3, 0.3)]
    [InlineData(2.0, 3e3, 1.0)]
    public void TwoPhaseFastModes_InterpolatedKappa_AgreesWithDirectToOnePerMille(double n, double t, double mach)
    {
        var model = new TwoPhaseModel();
        var (input, error) = model.Resolve(new Dictionary<string, double> { ["warm_n_cm3"] = n, ["warm_T_K"] = t, ["warm_mach_a"] = mach });
        Assert.Null(error);
        // A likelihood-like request: Voyager H, AMS-02 protons above 10 GeV, B/C from 2 GV to 3.3 TV.
        var protons = FastModeTables.LogSpace(0.1, 0.8, 15).Concat(FastModeTables.LogSpace(11, 1800, 50)).ToArray();
        var nuclei = FastModeTables.LogSpace(2, 3300, 67);
        SpeciesRequest Request()
        {
            var request = new SpeciesRequest().Add(Nucleus.Proton, protons);
            foreach (var nucleus in ObservablePrediction.BoronAndCarbon) request.Add(nucleus, nuclei);
            return request;
        }
        var (lattice, _) = model.CreateResidence(input!);
        var (direct, _) = model.CreateResidence(input!);
        var a = SpeciesNetwork.Solve(model, input!, lattice!, Request());
        var b = SpeciesNetwork.Solve(model, input!, new DirectNodes(direct!), Request());
        Assert.True(a.Succeeded, a.Failure);
        Assert.True(b.Succeeded, b.Failure);
        double worst = 0;
        for (int i = 0; i < protons.Length; i++) worst = Math.Max(worst, Math.Abs(a.Prediction!.Flux(Nucleus.Proton)[i] / b.Prediction!.Flux(Nucleus.Proton)[i] - 1));
        for (int i = 0; i < nuclei.Length; i++)
        {
            double Ratio(SpeciesPrediction p) => (p.Flux(Nucleus.Boron10)[i] + p.Flux(Nucleus.Boron11)[i]) / p.Flux(Nucleus.Carbon12)[i];
            worst = Math.Max(worst, Math.Abs(Ratio(a.Prediction!) / Ratio(b.Prediction!) - 1));
        }
        Assert.True(worst < 1e-3, $"worst relative difference {worst:E2}");
    }
}
