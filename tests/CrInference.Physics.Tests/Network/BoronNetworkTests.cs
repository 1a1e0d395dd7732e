using System.Globalization;
using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;

namespace CrInference.Physics.Tests.Network;

/// <summary>
/// The boron network (docs/CONVENTIONS.md E.8–E.10) on the streaming model, whose residence G = 1/v_A is the same for every
/// species and rigidity, so each ingredient can be checked against its closed form.
/// </summary>
public sealed class BoronNetworkTests
{
    private static readonly StreamingModel Model = new();

    private static SpeciesPrediction Predict(Dictionary<string, string> options, params (Nucleus Species, double[] Rigidities)[] request)
    {
        var (input, error) = Model.Resolve(new Dictionary<string, double>(), options);
        Assert.Null(error);
        var species = new SpeciesRequest();
        foreach (var (nucleus, rigidities) in request) species.Add(nucleus, rigidities);
        var result = Model.Predict(input!, species);
        Assert.True(result.Succeeded, result.Failure);
        return result.Prediction!;
    }

    private static double Ratio(SpeciesPrediction p, int i) =>
        (p.Flux(Nucleus.Boron10)[i] + p.Flux(Nucleus.Boron11)[i]) / p.Flux(Nucleus.Carbon12)[i];

    private static double AlfvenSpeed => 1e-6 / Math.Sqrt(4 * Math.PI * 3e-3 * PhysicalConstants.ProtonMassG);

    private static double DiskColumn => 1.25 * 200 * PhysicalConstants.ParsecCm;

    [Theory]
    [InlineData(2.0)]
    [InlineData(20.0)]
    [InlineData(200.0)]
    public void Destruction_SingleParentThinDisk_MultipliesBoronToCarbonByTheLeakyBoxFactor(double r)
    {
        // N_B = G S_B/(1 + G N σ_inel v_B) and (B/C)₀ = v_B G N σ_prod, so B/C = (B/C)₀/(1 + (B/C)₀ σ_inel/σ_prod); carbon's own
        // destruction cancels at equal rigidity (KQ22's kinematics: boron at the carbon rigidity).
        double[] grid = [r];
        var paper = new Dictionary<string, string> { ["physics"] = "kq22", ["losses"] = "none" };
        var withDestruction = new Dictionary<string, string>(paper) { ["boron_destruction"] = "true" };
        var nuclei = ObservablePrediction.BoronAndCarbon.Select(n => (n, grid)).ToArray();
        double bc0 = Ratio(Predict(paper, nuclei), 0);
        double bc = Ratio(Predict(withDestruction, nuclei), 0);
        double sigmaInel = InelasticCrossSections.Nucleus(Nucleus.Boron11, Kinematic.KineticEnergyPerNucleonGeV(r, Nucleus.Boron11)).HydrogenMb;
        Assert.Equal(1.0, bc / (bc0 / (1 + bc0 * sigmaInel / 61)), 1e-12);
        Assert.InRange(bc / bc0, 0.3, 0.95);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(100.0)]
    public void StraightAhead_BoronIsBornAtTheParentsEnergyPerNucleon_WithTheRigidityJacobian(double r)
    {
        // ¹¹B at R comes from ¹²C at R (A/Z)_C/(A/Z)_B = R/1.1; a carbon interval dR_C feeds dR_B = 1.1 dR_C:
        // J_B(R) = (v_B(R)/v_A) N_disk σ (2/2.2) J_C(R/1.1) with G = 1/v_A.
        var options = new Dictionary<string, string>
        {
            ["cross_sections"] = "kq22", ["boron_parents"] = "c", ["target"] = "h", ["boron_destruction"] = "false",
            ["losses"] = "none", ["gas"] = "disk", ["proton_inelastic"] = "false",
        };
        double parent = r * 2.0 / 2.2;
        var p = Predict(options, (Nucleus.Boron11, [r]), (Nucleus.Carbon12, [parent]), (Nucleus.Boron10, [r]));
        double expected = Kinematic.SpeedCmPerS(r, Nucleus.Boron11) / AlfvenSpeed * DiskColumn * 61 * PhysicalConstants.MillibarnCm2
            * (2.0 / 2.2) * p.Flux(Nucleus.Carbon12)[0];
        Assert.Equal(1.0, p.Flux(Nucleus.Boron11)[0] / expected, 1e-12);
        Assert.Equal(0.0, p.Flux(Nucleus.Boron10)[0]);
    }

    [Fact]
    public void HeliumTarget_AddsElevenPerCentOfTheHeliumCrossSection()
    {
        // At 100 GV ¹¹B has E_k/n ≈ 44 GeV/n, above the GALPROP table (held at 10 GeV/n): σ_He/σ_H = 70.64132/56.88 for
        // ¹²C → ¹¹B (data/xs_boron_production_galprop_opt12_usine.csv), applied to the DRAGON2 hydrogen value.
        var h = new Dictionary<string, string> { ["boron_parents"] = "c", ["target"] = "h", ["boron_destruction"] = "false", ["losses"] = "none", ["gas"] = "disk" };
        var he = new Dictionary<string, string>(h) { ["target"] = "h+he" };
        double[] grid = [100];
        double ratio = Predict(he, (Nucleus.Boron11, grid)).Flux(Nucleus.Boron11)[0] / Predict(h, (Nucleus.Boron11, grid)).Flux(Nucleus.Boron11)[0];
        Assert.Equal(1 + 0.11 * 70.64132 / 56.88, ratio, 1e-12);
    }

    [Fact]
    public void OxygenAndNitrogenParents_AddTheirTableCrossSectionsWeightedByTheAmsRatios()
    {
        // J_B(cno)/J_B(c) = 1 + [σ_O/(C/O) + σ_N (N/O)/(C/O)]/σ_C at the parents' rigidity R/1.1 and the common E_k/n, with the
        // DRAGON2 hydrogen cross-sections and the AMS-02 ratios read here from data/ (independently of the code's readers).
        double r = 50;
        var c = new Dictionary<string, string> { ["boron_parents"] = "c", ["target"] = "h", ["boron_destruction"] = "false", ["losses"] = "none", ["gas"] = "disk" };
        var cno = new Dictionary<string, string>(c) { ["boron_parents"] = "cno" };
        double[] grid = [r];
        double ratio = Predict(cno, (Nucleus.Boron11, grid)).Flux(Nucleus.Boron11)[0] / Predict(c, (Nucleus.Boron11, grid)).Flux(Nucleus.Boron11)[0];
        double ekn = Kinematic.KineticEnergyPerNucleonGeV(r, Nucleus.Boron11);
        double Sigma(string parent) => DataTables.Interpolate(DataTables.Dragon2(parent, "B11"), Math.Log(ekn));
        double parentR = r / 1.1;
        double co = DataTables.Interpolate(DataTables.AmsRatio("ams02_co_ratio_physrep2021.csv"), Math.Log(parentR));
        double no = DataTables.Interpolate(DataTables.AmsRatio("ams02_no_ratio_physrep2021.csv"), Math.Log(parentR));
        double expected = 1 + (Sigma("O16") / co + Sigma("N14") * no / co) / Sigma("C12");
        Assert.Equal(expected, ratio, 1e-10);
    }

    [Fact]
    public void OxygenAndNitrogenFluxes_AreCarbonOverTheAmsRatios()
    {
        // At the first AMS-02 C/O and N/O bin centre, 2.272 GV: C/O = 1.016, N/O = 0.2846 (data/README.md tables).
        double[] grid = [2.272];
        var p = Predict(new(), (Nucleus.Carbon12, grid), (Nucleus.Oxygen16, grid), (Nucleus.Nitrogen14, grid));
        Assert.Equal(1.016, p.Flux(Nucleus.Carbon12)[0] / p.Flux(Nucleus.Oxygen16)[0], 1e-12);
        Assert.Equal(0.2846, p.Flux(Nucleus.Nitrogen14)[0] / p.Flux(Nucleus.Oxygen16)[0], 1e-12);
    }

    [Fact]
    public void Request_KeepsOrderAndRepeats_AndRefusesSpeciesTheModelLacks()
    {
        var p = Predict(new(), (Nucleus.Proton, [10, 1, 10]), (Nucleus.Carbon12, [5]));
        var single = Predict(new(), (Nucleus.Proton, [1]));
        Assert.Equal(p.Flux(Nucleus.Proton)[0], p.Flux(Nucleus.Proton)[2]);
        Assert.Equal(single.Flux(Nucleus.Proton)[0], p.Flux(Nucleus.Proton)[1], 1e-12);

        var stratified = new StratifiedModel();
        var (input, _) = stratified.Resolve(new Dictionary<string, double>());
        var result = stratified.Predict(input!, new SpeciesRequest().Add(Nucleus.Boron11, [10.0]));
        Assert.False(result.Succeeded);
        Assert.Contains("does not predict 11B", result.Failure);
    }
}

/// <summary>Independent readers of the bundled tables for the tests (plain CSV parsing, linear interpolation in the log of the axis).</summary>
internal static class DataTables
{
    private static string DataFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrInference.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), "data", name);
    }

    private static IEnumerable<string[]> Rows(string file) => File.ReadAllLines(DataFile(file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static (double[] LogX, double[] Y) Dragon2(string parent, string daughter)
    {
        var rows = Rows("xs_boron_production_dragon2_evoli2019.csv").Where(f => f[0] == parent && f[1] == daughter).ToArray();
        return (rows.Select(f => Math.Log(D(f[2]))).ToArray(), rows.Select(f => D(f[3])).ToArray());
    }

    public static (double[] LogX, double[] Y) AmsRatio(string file)
    {
        var rows = Rows(file).ToArray();
        return (rows.Select(f => Math.Log(D(f[0]))).ToArray(), rows.Select(f => D(f[1])).ToArray());
    }

    public static (double[] LogX, double[] HydrogenMb, double[] HeliumMb) Tripathi(string nucleus)
    {
        var rows = Rows("xs_inelastic_tripathi99_usine.csv").Where(f => f[0] == nucleus).ToArray();
        return (rows.Select(f => Math.Log(D(f[1]))).ToArray(), rows.Select(f => D(f[2])).ToArray(), rows.Select(f => D(f[3])).ToArray());
    }

    public static double Interpolate((double[] X, double[] Y) table, double x)
    {
        if (x <= table.X[0]) return table.Y[0];
        if (x >= table.X[^1]) return table.Y[^1];
        int i = 1;
        while (table.X[i] < x) i++;
        double t = (x - table.X[i - 1]) / (table.X[i] - table.X[i - 1]);
        return table.Y[i - 1] + t * (table.Y[i] - table.Y[i - 1]);
    }
}
