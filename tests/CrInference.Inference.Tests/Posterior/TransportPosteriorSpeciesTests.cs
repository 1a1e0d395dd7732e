using System.Runtime.CompilerServices;
using CrInference.Core;
using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.Modulation;

namespace CrInference.Inference.Tests.Posterior;

/// <summary>
/// The posterior reads the model through the species interface: B/C = (J_10B + J_11B)/J_12C at each B/C point's rigidity,
/// protons at theirs (force-field shifted with the proton's A/Z, J_TOA = J_LIS(R′) × factor), Voyager H interstellar.
/// Checked against the same quantities computed from single-species requests.
/// </summary>
public sealed class TransportPosteriorSpeciesTests
{
    private static string DataDirectory([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrInference.sln"))) return Path.Combine(dir.FullName, "data");
        }
        throw new DirectoryNotFoundException("repository root");
    }

    [Fact]
    public void PredictAtData_IsTheSpeciesFluxesAtEachPointsRigidity()
    {
        var catalog = new DatasetCatalog(DataDirectory());
        var datasets = new[] { "ams02-bc-2021", "ams02-p-2021", "voyager1-h-2016" }
            .Select(id => ObservedDataset.Prepare(catalog.Load(id), DatasetCut.DefaultFor(catalog.Load(id).Quantity), ErrorModel.Default))
            .ToArray();
        var model = new PhenomenologicalModel();
        const double Phi = 0.6;
        var fixedValues = new Dictionary<string, double> { [TransportPosterior.SolarPhiParameter] = Phi };
        // Without continuous losses every point is local (no loss mesh), so single-species requests must agree to rounding.
        var options = new Dictionary<string, string> { ["losses"] = "none" };
        var posterior = new TransportPosterior(new ParameterSpace([]), fixedValues, model, options, datasets);
        var predicted = posterior.PredictAtData([], out string? failure);
        Assert.Null(failure);

        var (input, _) = model.Resolve(new Dictionary<string, double>(), options);
        double Flux(Nucleus species, double rigidity) => model.Predict(input!, new SpeciesRequest().Add(species, [rigidity])).Prediction!.Flux(species)[0];

        var bc = datasets[0];
        for (int i = 0; i < bc.Count; i += 10)
        {
            double r = ForceFieldModulation.Shift(bc.RigidityGV[i], Phi, Nucleus.Carbon12).InterstellarRigidityGV;
            double expected = (Flux(Nucleus.Boron10, r) + Flux(Nucleus.Boron11, r)) / Flux(Nucleus.Carbon12, r);
            Assert.Equal(1.0, predicted![0][i] / expected, 1e-9);
        }
        var protons = datasets[1];
        for (int i = 0; i < protons.Count; i += 10)
        {
            var (r, factor) = ForceFieldModulation.Shift(protons.RigidityGV[i], Phi, Nucleus.Proton);
            Assert.Equal(1.0, predicted![1][i] / (Flux(Nucleus.Proton, r) * factor), 1e-9);
        }
        var voyager = datasets[2];
        for (int i = 0; i < voyager.Count; i += 5)
        {
            double r = voyager.RigidityGV[i];
            Assert.Equal(1.0, predicted![2][i] / MeasuredFlux.ProtonIntensityPerMeV(r, Flux(Nucleus.Proton, r)), 1e-9);
        }
    }
}
