using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Numerics;

namespace CrInference.Physics.Network;

/// <summary>
/// One species of the network on its sorted points: the thin-disk solution with the model's residence G_i, the
/// effective columns, catastrophic sinks (destruction; inelastic p–p, p–He) and the chosen losses
/// (docs/CONVENTIONS.md E.8–E.11). With a per-side source S_i and sink speed D_i = N_eff σ_inel v_i, the residence
/// becomes G̃ = G/(1 + G D) — N = G S/(1 + G N σ v), the standard thin-disk/leaky-box destruction term (Maurin et al.
/// 2001, ApJ 555, 585; Génolini et al. 2019, PRD 99, 123028) — and N = S G̃ without losses, N = S G̃/(1 + G_L h/τ) with
/// KQ22's proton sink, or the flux-form solution of <see cref="ContinuousLossSolver"/>.
/// </summary>
internal sealed class SpeciesSolver
{
    private readonly IResidenceModel _residence;
    private readonly NetworkSettings _settings;
    private readonly DiskAndSource _disk;

    public SpeciesSolver(IResidenceModel residence, NetworkSettings settings, DiskAndSource disk)
    {
        _residence = residence;
        _settings = settings;
        _disk = disk;
    }

    /// <summary>What a species' solution holds at each of its points.</summary>
    public sealed record Solution(double[] RigidityGV, double[] Density, double[] Source, Residence[] Residences)
    {
        /// <summary>Index of <paramref name="rigidityGV"/> among the points (it must be one).</summary>
        public int IndexOf(double rigidityGV)
        {
            int i = StableMath.SearchSorted(RigidityGV, rigidityGV);
            return i >= 0 ? i : throw new InvalidOperationException($"{rigidityGV} GV is not a point of this solution");
        }

        /// <summary>The density at <paramref name="rigidityGV"/> inside the points: exact at a point, else the cubic Lagrange
        /// interpolation of ln N in ln R through the four nearest points (of N itself where one of them is not positive).</summary>
        public double DensityAt(double rigidityGV)
        {
            int index = StableMath.SearchSorted(RigidityGV, rigidityGV);
            if (index >= 0) return Density[index];
            int upper = ~index;
            if (upper == 0 || upper == RigidityGV.Length)
            {
                throw new InvalidOperationException($"{rigidityGV} GV is outside this solution's points [{RigidityGV[0]}, {RigidityGV[^1]}] GV");
            }
            int count = LocalLagrange.StencilSize(RigidityGV.Length);
            int first = LocalLagrange.StencilStart(upper, RigidityGV.Length);
            bool logarithmic = true;
            for (int i = first; i < first + count; i++) logarithmic &= Density[i] > 0;
            Span<double> x = stackalloc double[count];
            Span<double> y = stackalloc double[count];
            for (int i = 0; i < count; i++)
            {
                x[i] = Math.Log(RigidityGV[first + i]);
                y[i] = logarithmic ? Math.Log(Density[first + i]) : Density[first + i];
            }
            double value = LocalLagrange.At(x, y, Math.Log(rigidityGV));
            return logarithmic ? Math.Exp(value) : value;
        }
    }

    /// <summary>Residences of <paramref name="species"/> at <paramref name="points"/> (columns when gas fills every phase).</summary>
    public Residence[] Residences(Nucleus species, double[] points)
    {
        var result = new Residence[points.Length];
        for (int i = 0; i < points.Length; i++) result[i] = _residence.At(points[i], SpeedRatio(species, points[i]), _settings.GasInEveryPhase);
        return result;
    }

    /// <summary>β_i(R)/β_p(R); exactly 1 for protons.</summary>
    public static double SpeedRatio(Nucleus species, double rigidityGV) =>
        species == Nucleus.Proton ? 1.0 : Kinematic.BetaAtRigidity(rigidityGV, species) / Kinematic.BetaAtRigidity(rigidityGV, Nucleus.Proton);

    /// <summary>Total effective column (hydrogen nuclei cm⁻²) of a residence: disk plus the phases outside it.</summary>
    public double Column(in Residence r) => _disk.DiskColumnCm2 + r.LayerColumnCm2 + r.HaloColumnCm2;

    /// <summary>Solves <paramref name="species"/> at <paramref name="points"/> for the per-side source <paramref name="source"/> (per GV).</summary>
    public Solution Solve(Nucleus species, double[] points, double[] source, Residence[] residences)
    {
        int n = points.Length;
        var effective = new double[n];
        for (int i = 0; i < n; i++)
        {
            double g = residences[i].Total;
            double sink = SinkSpeed(species, points[i], Column(residences[i]));
            effective[i] = sink == 0 ? g : g / (1 + g * sink);
        }
        double[] density;
        if (_settings.ContinuousLosses)
        {
            var lossRate = new double[n];
            for (int i = 0; i < n; i++) lossRate[i] = LossRate(species, points[i], residences[i]);
            density = ContinuousLossSolver.Solve(points, source, effective, lossRate);
        }
        else
        {
            density = new double[n];
            bool paperSink = species == Nucleus.Proton
                && _settings.Losses is LossTreatment.PaperIonisationSink or LossTreatment.PaperEquationC2Sink;
            for (int i = 0; i < n; i++)
            {
                double loss = paperSink ? 1.0 / (1.0 + _disk.PaperLossSpeed(_settings.Losses, points[i]) * residences[i].PaperLoss) : 1.0;
                density[i] = source[i] * effective[i] * loss;
            }
        }
        return new Solution(points, density, source, residences);
    }

    /// <summary>Catastrophic sink speed D = N_eff (σ_H + y σ_He) v (cm s⁻¹): destruction of nuclei, inelastic collisions of protons.</summary>
    private double SinkSpeed(Nucleus species, double rigidityGV, double columnCm2)
    {
        double y = _settings.HeliumTarget ? DiskAndSource.HeliumPerHydrogen : 0.0;
        double sigmaMb;
        if (species == Nucleus.Proton)
        {
            if (!_settings.ProtonInelastic) return 0;
            double kinetic = Kinematic.KineticEnergyGeV(Kinematic.MomentumGeV(rigidityGV, Nucleus.Proton), Nucleus.Proton);
            sigmaMb = InelasticCrossSections.ProtonProtonMb(kinetic) + y * InelasticCrossSections.ProtonNucleusMb(kinetic, 4);
        }
        else
        {
            if (!_settings.Destruction) return 0;
            var (h, he) = InelasticCrossSections.Nucleus(species, Kinematic.KineticEnergyPerNucleonGeV(rigidityGV, species));
            sigmaMb = (h + y * he) * _disk.InelasticNorm;
        }
        return columnCm2 * sigmaMb * PhysicalConstants.MillibarnCm2 * Kinematic.SpeedCmPerS(rigidityGV, species);
    }

    /// <summary>Column-weighted rigidity loss rate B = Σ_phases N_eff,phase |dR/dt|/n (GV cm s⁻¹): ionisation of the neutral disk
    /// (Schlickeiser 2002 form) and Coulomb losses in the ionised layer and halo (n_e = n_H, T_e = the phase temperature).</summary>
    private double LossRate(Nucleus species, double rigidityGV, in Residence r)
    {
        double beta = Kinematic.BetaAtRigidity(rigidityGV, species);
        int z = species.ChargeNumber;
        double perEv = 1e-9 / (beta * z); // GV per eV of energy loss: dR = dE/(Z β) with E in GeV
        double rate = _disk.DiskColumnCm2 * EnergyLosses.IonisationRateEvPerS(beta, z, 1.0) * perEv;
        if (_settings.Losses == LossTreatment.Continuous)
        {
            if (r.LayerColumnCm2 > 0) rate += r.LayerColumnCm2 * EnergyLosses.CoulombRateEvPerS(beta, z, 1.0, _residence.LayerTemperatureK) * perEv;
            if (r.HaloColumnCm2 > 0) rate += r.HaloColumnCm2 * EnergyLosses.CoulombRateEvPerS(beta, z, 1.0, _residence.HaloTemperatureK) * perEv;
        }
        return rate;
    }
}
