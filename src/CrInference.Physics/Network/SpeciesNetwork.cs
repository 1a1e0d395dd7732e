using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Numerics;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Network;

/// <summary>
/// The one solution routine of every model with a residence function (docs/CONVENTIONS.md E.8): protons, the primary
/// ¹²C (injected with the protons' rigidity spectrum, S_C(R) = S_p(R), unit abundance — nuclei are normalised
/// arbitrarily, only their ratios are physical), ¹⁴N and ¹⁶O from the AMS-02 N/O and C/O ratios
/// (<see cref="ObservedParentRatios"/>), and the secondaries ¹¹B and ¹⁰B (with the tertiary ¹¹B → ¹⁰B):
/// S_b(R) = N_eff,b Σ_j (A/Z)_j/(A/Z)_b Σ_t x_t σ_{j+t→b}(E) v_j N_j(R (A/Z)_j/(A/Z)_b) at the fragment's E_k/n
/// (straight-ahead; densities per unit rigidity, the Jacobian dR_j/dR_b = (A/Z)_j/(A/Z)_b; x_H = 1, x_He = n_He/n_H).
/// In KQ22's setting (<c>physics=kq22</c>) this is eq. 30's source f_C h n σ v_C at the carbon rigidity, all boron counted
/// as ¹¹B, so (J_¹⁰B + J_¹¹B)/J_¹²C is the paper's B/C exactly. Models state only their <see cref="IResidenceModel"/>.
/// </summary>
public static class SpeciesNetwork
{
    /// <summary>Solves the species of <paramref name="request"/> for <paramref name="model"/> with <paramref name="residence"/>.</summary>
    public static SpeciesResult Solve(IForwardModel model, ModelInput input, IResidenceModel residence, SpeciesRequest request)
    {
        var (settings, settingsError) = NetworkSettings.Parse(input.OptionValues);
        if (settings is null) return SpeciesResult.Fail(settingsError!);
        foreach (var species in request.Rigidities.Keys)
        {
            if (!model.Species.Contains(species))
            {
                return SpeciesResult.Fail($"model '{model.Name}' does not predict {species.Name} (it predicts {string.Join(", ", model.Species.Select(s => s.Name))})");
            }
        }
        var grid = request.ComponentRigiditiesGV;
        double[] Requested(Nucleus n) => Concatenated(request.For(n) ?? [], grid.Length > 0 && model.Species.Contains(n) && Tracked(n) ? grid : []);
        var plan = SpeciesPlan.Build(Requested(Nucleus.Proton),
            Concatenated(Concatenated(Requested(Nucleus.Carbon12), Requested(Nucleus.Nitrogen14)), Requested(Nucleus.Oxygen16)),
            Requested(Nucleus.Boron11), Requested(Nucleus.Boron10), settings.PaperPhysics, settings.ContinuousLosses);
        var union = plan.Union();
        if (union.Length > 0)
        {
            bool exactNodes = settings.PaperPhysics || residence.PrefersExactNodes;
            var requested = exactNodes ? [] : SpeciesPlan.SortedUnique([.. request.Rigidities.Values.SelectMany(r => r), .. grid]);
            var nodes = exactNodes ? union : RigidityTable.Nodes(union, requested);
            // Nodes that are not requested rigidities (parents, loss mesh, fill) feed only derived quantities.
            var derivedNodes = new bool[exactNodes ? 0 : nodes.Length];
            for (int i = 0; i < derivedNodes.Length; i++) derivedNodes[i] = StableMath.SearchSorted(requested, nodes[i]) < 0;
            string? prepareError = residence.Prepare(nodes, derivedNodes);
            if (prepareError is not null) return SpeciesResult.Fail(prepareError);
        }

        var disk = new DiskAndSource(input);
        var solver = new SpeciesSolver(residence, settings, disk);
        var protons = Primary(solver, disk, Nucleus.Proton, plan.Protons);
        var carbon = Primary(solver, disk, Nucleus.Carbon12, plan.Carbon);
        var production = new Production(solver, settings, disk, carbon);
        var boron11 = Secondary(solver, production, Nucleus.Boron11, plan.Boron11, null);
        var boron10 = settings.PaperPhysics
            ? new SpeciesSolver.Solution(plan.Boron10, new double[plan.Boron10.Length], new double[plan.Boron10.Length], [])
            : Secondary(solver, production, Nucleus.Boron10, plan.Boron10, boron11);

        string? bad = Check(Nucleus.Proton, protons, positive: true) ?? Check(Nucleus.Carbon12, carbon, positive: true)
            ?? Check(Nucleus.Boron11, boron11, positive: false) ?? Check(Nucleus.Boron10, boron10, positive: false);
        if (bad is not null) return SpeciesResult.Fail(bad);

        var fluxes = new Dictionary<Nucleus, double[]>();
        foreach (var (species, rigidities) in request.Rigidities)
        {
            fluxes[species] = rigidities.Select(r => Flux(species, r, protons, carbon, boron11, boron10)).ToArray();
        }
        var components = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (grid.Length > 0) AddComponents(model, residence, grid, protons, carbon, boron11, boron10, components);
        return SpeciesResult.Success(new SpeciesPrediction(fluxes, grid, components));
    }

    private static double[] Concatenated(double[] a, double[] b) => b.Length == 0 ? a : a.Length == 0 ? b : [.. a, .. b];

    /// <summary>Species with their own transport solution (¹⁴N and ¹⁶O are read off ¹²C).</summary>
    private static bool Tracked(Nucleus n) => n != Nucleus.Nitrogen14 && n != Nucleus.Oxygen16;

    private static SpeciesSolver.Solution Primary(SpeciesSolver solver, DiskAndSource disk, Nucleus species, double[] points)
    {
        var source = points.Select(disk.ProtonSourcePerGV).ToArray();
        return solver.Solve(species, points, source, solver.Residences(species, points));
    }

    private static SpeciesSolver.Solution Secondary(SpeciesSolver solver, Production production, Nucleus species, double[] points,
        SpeciesSolver.Solution? boron11)
    {
        var residences = solver.Residences(species, points);
        var source = new double[points.Length];
        for (int i = 0; i < points.Length; i++) source[i] = production.Source(species, points[i], residences[i], boron11);
        return solver.Solve(species, points, source, residences);
    }

    /// <summary>J = v N/(4π) in m⁻² sr⁻¹ s⁻¹ GV⁻¹ from the density per unit rigidity N (cm⁻³ GV⁻¹).</summary>
    internal static double FluxFromDensity(double rigidityGV, Nucleus species, double density) =>
        Kinematic.SpeedCmPerS(rigidityGV, species) * density / (4 * Math.PI) * PhysicalConstants.SquareMetreCm2;

    private static double Flux(Nucleus species, double r, SpeciesSolver.Solution protons, SpeciesSolver.Solution carbon,
        SpeciesSolver.Solution boron11, SpeciesSolver.Solution boron10)
    {
        if (species == Nucleus.Proton) return FluxFromDensity(r, species, protons.Density[protons.IndexOf(r)]);
        if (species == Nucleus.Boron11) return FluxFromDensity(r, species, boron11.Density[boron11.IndexOf(r)]);
        if (species == Nucleus.Boron10) return FluxFromDensity(r, species, boron10.Density[boron10.IndexOf(r)]);
        double c = FluxFromDensity(r, Nucleus.Carbon12, carbon.Density[carbon.IndexOf(r)]);
        if (species == Nucleus.Carbon12) return c;
        double oxygen = c / ObservedParentRatios.CarbonOverOxygen(r);
        return species == Nucleus.Oxygen16 ? oxygen : oxygen * ObservedParentRatios.NitrogenOverOxygen(r);
    }

    private static string? Check(Nucleus species, SpeciesSolver.Solution solution, bool positive)
    {
        for (int i = 0; i < solution.Density.Length; i++)
        {
            double v = solution.Density[i];
            bool ok = positive ? v > 0 && !double.IsInfinity(v) : v >= 0 && !double.IsInfinity(v);
            if (!ok) return $"{species.Name} flux is not a finite {(positive ? "positive" : "non-negative")} number at R = {solution.RigidityGV[i]} GV (got {v}: under/overflow outside the model's numerical range)";
        }
        return null;
    }

    private static void AddComponents(IForwardModel model, IResidenceModel residence, double[] grid, SpeciesSolver.Solution protons,
        SpeciesSolver.Solution carbon, SpeciesSolver.Solution boron11, SpeciesSolver.Solution boron10, Dictionary<string, double[]> components)
    {
        residence.AddComponents(grid, components);
        if (!model.Species.Contains(Nucleus.Proton)) return;
        var loss = new double[grid.Length];
        var pWarm = new double[grid.Length];
        var pHalo = new double[grid.Length];
        for (int i = 0; i < grid.Length; i++)
        {
            int k = protons.IndexOf(grid[i]);
            var r = protons.Residences[k];
            loss[i] = protons.Density[k] / (protons.Source[k] * r.Total);
            double j = FluxFromDensity(grid[i], Nucleus.Proton, protons.Density[k]);
            pWarm[i] = j * r.Layer / r.Total;
            pHalo[i] = j * r.Halo / r.Total;
        }
        components["loss_factor"] = loss;
        if (!residence.SplitsComponents) return;
        components["proton_flux_warm"] = pWarm;
        components["proton_flux_halo"] = pHalo;
        if (!model.Species.Contains(Nucleus.Boron11)) return;
        var bWarm = new double[grid.Length];
        var bHalo = new double[grid.Length];
        for (int i = 0; i < grid.Length; i++)
        {
            double r = grid[i];
            int k = boron11.IndexOf(r);
            double ratio = (FluxFromDensity(r, Nucleus.Boron11, boron11.Density[k]) + FluxFromDensity(r, Nucleus.Boron10, boron10.Density[boron10.IndexOf(r)]))
                / FluxFromDensity(r, Nucleus.Carbon12, carbon.Density[carbon.IndexOf(r)]);
            var b = boron11.Residences[k];
            bWarm[i] = ratio * b.Layer / b.Total;
            bHalo[i] = ratio * b.Halo / b.Total;
        }
        components["bc_warm"] = bWarm;
        components["bc_halo"] = bHalo;
    }

    /// <summary>The secondary source of the network (see the class summary); channels are looked up once per prediction.</summary>
    private sealed class Production
    {
        private readonly SpeciesSolver _solver;
        private readonly NetworkSettings _settings;
        private readonly DiskAndSource _disk;
        private readonly SpeciesSolver.Solution _carbon;
        private readonly double _helium;
        private readonly ProductionChannel[] _to11 = [];
        private readonly ProductionChannel[] _to10 = [];
        private readonly ProductionChannel? _tertiary;

        public Production(SpeciesSolver solver, NetworkSettings settings, DiskAndSource disk, SpeciesSolver.Solution carbon)
        {
            _solver = solver;
            _settings = settings;
            _disk = disk;
            _carbon = carbon;
            _helium = settings.HeliumTarget ? DiskAndSource.HeliumPerHydrogen : 0.0;
            if (settings.CrossSections == CrossSectionSet.Paper) return;
            var parents = settings.OxygenNitrogenParents ? ProductionCrossSections.Parents : [Nucleus.Carbon12];
            _to11 = parents.Select(p => ProductionCrossSections.Channel(settings.CrossSections, p, Nucleus.Boron11)).ToArray();
            _to10 = parents.Select(p => ProductionCrossSections.Channel(settings.CrossSections, p, Nucleus.Boron10)).ToArray();
            _tertiary = ProductionCrossSections.Channel(settings.CrossSections, Nucleus.Boron11, Nucleus.Boron10);
        }

        public double Source(Nucleus daughter, double rigidityGV, in Residence residence, SpeciesSolver.Solution? boron11)
        {
            double ekn = Kinematic.KineticEnergyPerNucleonGeV(rigidityGV, daughter);
            double column = _solver.Column(residence) * PhysicalConstants.MillibarnCm2 * _disk.ProductionFactor(ekn);
            double parentRatio = SpeciesPlan.ParentRigidityRatio(Nucleus.Carbon12, daughter, _settings.PaperPhysics);
            double parentRigidity = rigidityGV * parentRatio;
            double carbon = CarbonSpeedDensity(parentRigidity);
            bool toBoron11 = ReferenceEquals(daughter, Nucleus.Boron11);
            if (_settings.CrossSections == CrossSectionSet.Paper)
            {
                return toBoron11 ? column * _disk.CrossSectionMb * parentRatio * carbon : 0.0;
            }
            double logEkn = Math.Log(ekn);
            // 12C, 14N, 16O in ProductionCrossSections.Parents order; O and N from the AMS-02 ratios at the parents' rigidity.
            double oxygen = carbon / ObservedParentRatios.CarbonOverOxygen(parentRigidity);
            var channels = toBoron11 ? _to11 : _to10;
            double sum = channels[0].PerHydrogenAtomMbAtLog(logEkn, _helium) * carbon;
            if (channels.Length > 1)
            {
                sum += channels[1].PerHydrogenAtomMbAtLog(logEkn, _helium) * oxygen * ObservedParentRatios.NitrogenOverOxygen(parentRigidity);
                sum += channels[2].PerHydrogenAtomMbAtLog(logEkn, _helium) * oxygen;
            }
            sum *= parentRatio;
            if (!toBoron11 && boron11 is not null && _tertiary is not null)
            {
                double ratio = SpeciesPlan.ParentRigidityRatio(Nucleus.Boron11, daughter, _settings.PaperPhysics);
                double r11 = rigidityGV * ratio;
                double speedDensity = Kinematic.SpeedCmPerS(r11, Nucleus.Boron11) * boron11.DensityAt(r11);
                sum += ratio * _tertiary.PerHydrogenAtomMbAtLog(logEkn, _helium) * speedDensity;
            }
            return column * sum;
        }

        /// <summary>v_C N_C inside the carbon solution (¹⁴N and ¹⁶O share A/Z = 2 and are read off it).</summary>
        private double CarbonSpeedDensity(double rigidityGV) =>
            Kinematic.SpeedCmPerS(rigidityGV, Nucleus.Carbon12) * _carbon.DensityAt(rigidityGV);
    }
}
