using CrInference.Core;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Measurement;
using CrInference.Physics.Plasma;
using CrInference.Physics.SelfConfinement;

namespace CrInference.Physics.Models;

/// <summary>
/// The z = 0 observables of a diffusive warm layer 0 &lt; z &lt; z_W under an NLLD self-confined
/// halo z_W &lt; z &lt; r (KQ22 eqs. 14, 29–33 in the closed forms of EQUATIONS.md §1.1), shared by
/// <c>two-phase</c> (both layers), <c>halo-only</c> and <c>nlld</c> (z_W = 0, eq. 16) and
/// <c>warm-only</c> (no halo term, open choice E.3):
/// f_p(0) = [Q z_W/κ + (Q/v_A)(r − z_W)/(r − z_W + a)] / [1 + (h/τ_loss)(1/v_A + z_W/κ)] (eq. 33),
/// f_B/f_C = (h/τ_spall){z_W/κ_B + v_A⁻¹[1 − (a/(r − z_W + a))^s]} (eqs. 30, 31),
/// a = X²/(Q v_A), κ_B = κ v_B/v_p, s = v_p/v_B. All arrays have the grid's length.
/// </summary>
internal sealed class LayeredSolution
{
    private LayeredSolution(int n)
    {
        Flux = new double[n];
        FluxWarm = new double[n];
        FluxHalo = new double[n];
        BoronToCarbon = new double[n];
        BoronToCarbonWarm = new double[n];
        BoronToCarbonHalo = new double[n];
        LengthKpc = new double[n];
        LossFactor = new double[n];
    }

    public double[] Flux { get; }
    public double[] FluxWarm { get; }
    public double[] FluxHalo { get; }
    public double[] BoronToCarbon { get; }
    public double[] BoronToCarbonWarm { get; }
    public double[] BoronToCarbonHalo { get; }
    public double[] LengthKpc { get; }
    public double[] LossFactor { get; }

    /// <summary>
    /// Evaluates the layered solution. <paramref name="halo"/> null drops the halo term (warm-only,
    /// f(z_W) = 0); an empty <paramref name="kappaCm2PerS"/> drops the warm term (z_W must then be 0).
    /// </summary>
    public static LayeredSolution Evaluate(in SourceAndDisk source, PlasmaState? halo, double haloRadiusCm, double warmHeightCm,
        ReadOnlySpan<double> kappaCm2PerS, double[] rigiditiesGV)
    {
        int n = rigiditiesGV.Length;
        var s = new LayeredSolution(n);
        bool warm = kappaCm2PerS.Length > 0;
        double vA = halo?.AlfvenSpeed ?? double.PositiveInfinity;
        double inverseVA = halo is null ? 0.0 : 1.0 / vA;
        double depth = haloRadiusCm - warmHeightCm;
        for (int i = 0; i < n; i++)
        {
            double rig = rigiditiesGV[i];
            double q = source.InjectionAt(rig);
            double betaP = Kinematic.BetaAtRigidity(rig, Nucleus.Proton);
            double betaB = Kinematic.BetaAtRigidity(rig, MeasuredFlux.Boron);
            double betaC = Kinematic.BetaAtRigidity(rig, MeasuredFlux.Carbon);
            double boronSource = source.BoronSourceSpeed(rig);

            // Residence per unit flux (s cm⁻¹): G_warm = z_W/κ, G_halo = v_A⁻¹ (r − z_W)/(r − z_W + a).
            double warmResidence = warm ? warmHeightCm / kappaCm2PerS[i] : 0.0;
            double haloResidence = 0.0;
            double boronHalo = 0.0;
            if (halo is not null)
            {
                double x = NonlinearLandauDamping.CoefficientAtRigidity(halo, rig);
                double a = NonlinearLandauDamping.Length(x, q, vA);
                s.LengthKpc[i] = a / PhysicalConstants.KiloparsecCm;
                haloResidence = inverseVA * NonlinearLandauDamping.HaloDensityOverStreaming(a, depth, 0.0);
                boronHalo = boronSource * inverseVA * NonlinearLandauDamping.HaloBoronFactor(a, depth, 0.0, betaP / betaB);
            }
            double loss = 1.0 / (1.0 + source.LossSpeed(rig) * (inverseVA + warmResidence));
            s.LossFactor[i] = loss;
            s.FluxWarm[i] = MeasuredFlux.ProtonFluxPerRigidity(rig, q * warmResidence * loss);
            s.FluxHalo[i] = MeasuredFlux.ProtonFluxPerRigidity(rig, q * haloResidence * loss);
            s.Flux[i] = s.FluxWarm[i] + s.FluxHalo[i];

            // Boron in the warm layer diffuses with κ_B = κ v_B/v_p (fn. 3): z_W/κ_B = (z_W/κ)(v_p/v_B).
            double speedRatioBC = betaB / betaC;
            s.BoronToCarbonWarm[i] = speedRatioBC * boronSource * warmResidence * betaP / betaB;
            s.BoronToCarbonHalo[i] = speedRatioBC * boronHalo;
            s.BoronToCarbon[i] = s.BoronToCarbonWarm[i] + s.BoronToCarbonHalo[i];
        }
        return s;
    }
}
