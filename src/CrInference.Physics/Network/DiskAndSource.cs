using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Models;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Network;

/// <summary>
/// The source and the thin disk shared by every model (open choices A.1, A.5, B.15) and the cross-section nuisances
/// (docs/CONVENTIONS.md E.10), read from the standard parameter names. Densities of every phase are hydrogen-nucleus
/// densities; helium adds <see cref="HeliumPerHydrogen"/> of them as a target.
/// </summary>
public readonly struct DiskAndSource
{
    /// <summary>Interstellar He/H number ratio of the target gas, 0.11: the default of DRAGON2 (<c>include/constants.h</c>,
    /// <c>He_abundance</c>), whose cross-section table the network uses, and of GALPROP (<c>Galdef.cc</c>, <c>He_H_ratio</c>)
    /// (docs/CONVENTIONS.md E.9; the protosolar value of Lodders 2003 is 0.0964).</summary>
    public const double HeliumPerHydrogen = 0.11;

    /// <summary>Reference energy of the production-slope nuisance, GeV/n: σ × (E_k/n / 10 GeV/n)^slope.</summary>
    public const double SlopeReferenceGeVPerNucleon = 10.0;

    public DiskAndSource(ModelInput input)
    {
        Injection = Injection.FromSupernovae(input["sn_rate_per_yr"], input["e_cr_per_sn_erg"], input["gamma_inj"]);
        HalfThicknessCm = input["disk_h_pc"] * PhysicalConstants.ParsecCm;
        DensityCm3 = input["disk_n_cm3"];
        CrossSectionMb = input["sigma_spall_mb"];
        ProductionNorm = Value(input, StandardParameters.ProductionNormName, 1.0);
        ProductionSlope = Value(input, StandardParameters.ProductionSlopeName, 0.0);
        InelasticNorm = Value(input, StandardParameters.InelasticNormName, 1.0);
    }

    public Injection Injection { get; }
    public double HalfThicknessCm { get; }
    public double DensityCm3 { get; }
    public double CrossSectionMb { get; }
    public double ProductionNorm { get; }
    public double ProductionSlope { get; }
    public double InelasticNorm { get; }

    /// <summary>The disk column n_disk h, hydrogen nuclei cm⁻².</summary>
    public double DiskColumnCm2 => DensityCm3 * HalfThicknessCm;

    /// <summary>Per-side proton source per unit rigidity, S_p(R) = 4π p² Q(p) dp/dR (cm⁻² s⁻¹ GV⁻¹; p = R for protons).</summary>
    public double ProtonSourcePerGV(double rigidityGV)
    {
        double unit = PhysicalConstants.GramCmPerSPerGeVOverC;
        double p = rigidityGV * unit;
        return 4 * Math.PI * p * p * unit * Injection.Rate(rigidityGV);
    }

    /// <summary>h/τ_loss (cm s⁻¹) of KQ22's proton loss sink at R (eqs. 9, 16, 33; B.15), 0 for other treatments.</summary>
    public double PaperLossSpeed(LossTreatment losses, double rigidityGV)
    {
        var prescription = losses switch
        {
            LossTreatment.PaperIonisationSink => LossPrescription.Ionisation,
            LossTreatment.PaperEquationC2Sink => LossPrescription.EquationC2,
            _ => LossPrescription.None,
        };
        return HalfThicknessCm * EnergyLosses.InverseLossTimePerS(prescription, rigidityGV, Nucleus.Proton, DensityCm3);
    }

    /// <summary>The production nuisances' factor xs_prod_norm (E_k/n / 10 GeV/n)^xs_prod_slope.</summary>
    public double ProductionFactor(double eknGeV) =>
        ProductionSlope == 0 ? ProductionNorm : ProductionNorm * Math.Pow(eknGeV / SlopeReferenceGeVPerNucleon, ProductionSlope);

    private static double Value(ModelInput input, string name, double fallback) =>
        input.Values.TryGetValue(name, out double v) ? v : fallback;
}
