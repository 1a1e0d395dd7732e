using System.Runtime.CompilerServices;
using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Models;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.Modulation;

namespace CrInference.Inference.Tests.Posterior;

/// <summary>
/// The posterior reads the model through the species interface: every isotope force-field shifted with its own A/Z
/// (J_TOA = J_LIS(R′) × factor), B/C = (J_10B + J_11B)/J_12C of the modulated fluxes at each B/C point's rigidity,
/// ratios of E_k/n tables at equal E_k/n, Voyager H interstellar, each dataset with its own period's potential.
/// Checked against the same quantities computed by hand from single-species requests.
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
        // Without continuous losses every point is local (no loss mesh), so single-species requests must agree to rounding —
        // except boron, whose parents are read by interpolation from a mesh that depends on the other points requested:
        // within that interpolation's bound (1e-3, ParentInterpolationTests).
        var options = new Dictionary<string, string> { ["losses"] = "none" };
        var posterior = new TransportPosterior(new ParameterSpace([]), fixedValues, model, options, datasets);
        var predicted = posterior.PredictAtData([], out string? failure);
        Assert.Null(failure);

        var (input, _) = model.Resolve(new Dictionary<string, double>(), options);
        double Flux(Nucleus species, double rigidity) => model.Predict(input!, new SpeciesRequest().Add(species, [rigidity])).Prediction!.Flux(species)[0];

        double Toa(Nucleus species, double rigidity)
        {
            var (r, factor) = ForceFieldModulation.Shift(rigidity, Phi, species);
            return Flux(species, r) * factor;
        }
        var bc = datasets[0];
        for (int i = 0; i < bc.Count; i += 10)
        {
            double r = bc.RigidityGV[i];
            double expected = (Toa(Nucleus.Boron10, r) + Toa(Nucleus.Boron11, r)) / Toa(Nucleus.Carbon12, r);
            Assert.Equal(1.0, predicted![0][i] / expected, 1e-3);
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

    private static ObservedDataset Prepare(DatasetCatalog catalog, string id) =>
        ObservedDataset.Prepare(catalog.Load(id), DatasetCut.DefaultFor(catalog.Load(id).Quantity), ErrorModel.Default);

    [Fact]
    public void EknTable_IsARatioAtEqualKineticEnergyPerNucleon()
    {
        var catalog = new DatasetCatalog(DataDirectory());
        var bc2016 = Prepare(catalog, "ams02-bc-2016-ekn");
        var model = new PhenomenologicalModel();
        var options = new Dictionary<string, string> { ["losses"] = "none" };
        var posterior = new TransportPosterior(new ParameterSpace([]), new Dictionary<string, double>(), model, options, [bc2016]);
        var predicted = posterior.PredictAtData([], out string? failure);
        Assert.Null(failure);
        var (input, _) = model.Resolve(new Dictionary<string, double>(), options);
        // Flux per unit E_k/n of one isotope at E_k/n = e (no modulation): J(R) dR/dE_k/n at that isotope's own rigidity.
        double PerEkn(Nucleus species, double e)
        {
            double r = Kinematic.RigidityFromKineticEnergyPerNucleonGV(e, species);
            double j = model.Predict(input!, new SpeciesRequest().Add(species, [r])).Prediction!.Flux(species)[0];
            return j * Kinematic.RigidityPerKineticEnergyPerNucleon(r, species);
        }
        for (int i = 0; i < bc2016.Count; i += 7)
        {
            double e = bc2016.AxisValues[i];
            // Boron's parents are interpolated on a mesh that depends on the points requested (1e-3, ParentInterpolationTests).
            double expected = (PerEkn(Nucleus.Boron10, e) + PerEkn(Nucleus.Boron11, e)) / PerEkn(Nucleus.Carbon12, e);
            Assert.Equal(1.0, predicted![0][i] / expected, 1e-3);
        }
    }

    [Fact]
    public void PeriodPotentials_EachDatasetTakesItsOwnPeriodsPhi()
    {
        var catalog = new DatasetCatalog(DataDirectory());
        var p2015 = Prepare(catalog, "ams02-p-2015");
        var p2021 = Prepare(catalog, "ams02-p-2021");
        var model = new PhenomenologicalModel();
        var options = new Dictionary<string, string> { ["losses"] = "none" };
        string phi2013 = ModulationPeriods.ParameterName(DataTakingPeriod.Ams02From2011To2013);
        string phi2018 = ModulationPeriods.ParameterName(DataTakingPeriod.Ams02From2011To2018);
        var space = new ParameterSpace([new ParameterSpec(phi2018, "", "GV", UniformPrior.FromBounds(0, 2))]);
        var fixedValues = new Dictionary<string, double> { [phi2013] = 0.4 };
        var posterior = new TransportPosterior(space, fixedValues, model, options, [p2015, p2021]);
        double[] sampled = [0.9];
        Assert.Equal([0.4, 0.9], posterior.PotentialsGV(sampled));
        var predicted = posterior.PredictAtData(sampled, out _)!;

        // Each table against a one-dataset posterior with the global potential at the same value.
        foreach (var (dataset, phi, index) in new[] { (p2015, 0.4, 0), (p2021, 0.9, 1) })
        {
            var single = new TransportPosterior(new ParameterSpace([]), new Dictionary<string, double> { [TransportPosterior.SolarPhiParameter] = phi }, model, options, [dataset]);
            Assert.Equal(single.PredictAtData([], out _)![0], predicted[index]);
        }
        // Before modulation: phi = 0 everywhere.
        var lis = posterior.PredictAtData(sampled, modulated: false, out _)!;
        var zero = new TransportPosterior(new ParameterSpace([]), new Dictionary<string, double>(), model, options, [p2015, p2021]);
        Assert.Equal(zero.PredictAtData([], out _)![1], lis[1]);
        Assert.True(predicted[1][0] < lis[1][0]);
    }

    [Fact]
    public void Potentials_BothSchemesOrAPeriodWithoutData_AreRefused()
    {
        var catalog = new DatasetCatalog(DataDirectory());
        var p2021 = Prepare(catalog, "ams02-p-2021");
        var model = new PhenomenologicalModel();
        var options = new Dictionary<string, string>();
        string phi2018 = ModulationPeriods.ParameterName(DataTakingPeriod.Ams02From2011To2018);
        string phi2013 = ModulationPeriods.ParameterName(DataTakingPeriod.Ams02From2011To2013);
        var both = new ParameterSpace([new ParameterSpec(phi2018, "", "GV", UniformPrior.FromBounds(0, 2)), new ParameterSpec(TransportPosterior.SolarPhiParameter, "", "GV", UniformPrior.FromBounds(0, 2))]);
        var e1 = Assert.Throws<ArgumentException>(() => new TransportPosterior(both, new Dictionary<string, double>(), model, options, [p2021]));
        Assert.Contains("not both", e1.Message, StringComparison.Ordinal);
        var orphan = new ParameterSpace([new ParameterSpec(phi2013, "", "GV", UniformPrior.FromBounds(0, 2))]);
        var e2 = Assert.Throws<ArgumentException>(() => new TransportPosterior(orphan, new Dictionary<string, double>(), model, options, [p2021]));
        Assert.Contains("no dataset of the fit was taken then", e2.Message, StringComparison.Ordinal);
    }
}
