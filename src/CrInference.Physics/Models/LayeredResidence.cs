using CrInference.Core;
using CrInference.Physics.Network;
using CrInference.Physics.Plasma;
using CrInference.Physics.SelfConfinement;
using CrInference.Physics.Sources;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>
/// The residence of the layered models (KQ22 eqs. 14, 29–33 in the closed forms of EQUATIONS.md §1.1): a diffusive
/// layer 0 &lt; z &lt; Z_d with κ_turb under an NLLD self-confined halo Z_d &lt; z &lt; r. For a species of speed
/// ratio b = β_i/β_p at rigidity R (κ_i = b κ_p, KQ22 footnote 3; s_i = 1/b, open choice B.17):
/// G_i = Z_d/κ_i + v_A⁻¹[1 − (a/(r − Z_d + a))^{s_i}], a = X²/(Q v_A) with X (eq. 11) and Q at the proton momentum of R;
/// for protons the halo term is eq. 14's (r − Z_d)/(r − Z_d + a). <c>two-phase</c> has both layers; <c>warm-only</c> drops
/// the halo (f(z_W) = 0, E.3); <c>turbulence-everywhere</c> is the layer with Z_d = H (eq. 23, E.4); <c>nlld</c> and
/// <c>halo-only</c> are the halo with Z_d = 0 (eq. 16). KQ22's proton loss factor uses G_L = 1/v_A + Z_d/κ_p (eqs. 16, 33).
/// Gas outside the disk (docs/CONVENTIONS.md E.9): the layer's phase between h and Z_d, the halo's phase between
/// max(h, Z_d) and r, with the weights of <see cref="EffectiveColumns"/>.
/// </summary>
internal sealed class LayeredResidence : IResidenceModel
{
    /// <summary>The diffusive layer: height Z_d, κ_turb of its turbulence, and the density/temperature of its gas.</summary>
    public sealed record Layer(double HeightCm, ITurbulentDiffusion Diffusion, TurbulenceSpec Turbulence, double GasDensityCm3, double GasTemperatureK);

    /// <summary>The NLLD halo: plasma (v_A, X; its density and temperature are the halo gas) and outer boundary r.</summary>
    public sealed record Halo(PlasmaState Plasma, double RadiusCm);

    /// <summary>Name of the κ component.</summary>
    public const string KappaComponent = "kappa_turb_cm2_s";

    private readonly Layer? _layer;
    private readonly Halo? _halo;
    private readonly Injection _injection;
    private readonly double _diskHalfThicknessCm;
    private readonly double _alfvenSpeed;
    private RigidityTable? _kappa;

    public LayeredResidence(Layer? layer, Halo? halo, Injection injection, double diskHalfThicknessCm, bool splitsComponents)
    {
        _layer = layer;
        _halo = halo;
        _injection = injection;
        _diskHalfThicknessCm = diskHalfThicknessCm;
        _alfvenSpeed = halo?.Plasma.AlfvenSpeed ?? double.PositiveInfinity;
        SplitsComponents = splitsComponents;
    }

    public bool PrefersExactNodes => _layer is null || _layer.Diffusion is PowerLawDiffusion;

    public double LayerTemperatureK => _layer?.GasTemperatureK ?? double.NaN;

    public double HaloTemperatureK => _halo?.Plasma.TemperatureK ?? double.NaN;

    public bool SplitsComponents { get; }

    public string? Prepare(double[] nodesGV, bool[] derivedNodes)
    {
        if (_layer is null) return null;
        var kappa = new double[nodesGV.Length];
        string? error = _layer.Diffusion.Compute(_layer.Turbulence, nodesGV, kappa, derivedNodes);
        if (error is not null) return $"kappa={_layer.Diffusion.Name}: {error}";
        string? bad = ModelSupport.CheckPositive("kappa_turb", kappa, nodesGV);
        if (bad is not null) return bad;
        _kappa = new RigidityTable(nodesGV, kappa);
        return null;
    }

    public Residence At(double rigidityGV, double speedRatio, bool withColumns)
    {
        double layerHeight = _layer?.HeightCm ?? 0.0;
        double kappaProton = _layer is null ? double.PositiveInfinity : _kappa!.At(rigidityGV);
        double kappa = kappaProton * speedRatio;
        double layer = _layer is null ? 0.0 : layerHeight / kappa;
        double halo = 0, length = double.NaN, inverseVA = 0;
        if (_halo is not null)
        {
            inverseVA = 1.0 / _alfvenSpeed;
            length = HaloLength(rigidityGV);
            double depth = _halo.RadiusCm - layerHeight;
            halo = inverseVA * (speedRatio == 1.0
                ? NonlinearLandauDamping.HaloDensityOverStreaming(length, depth, 0.0)
                : NonlinearLandauDamping.HaloBoronFactor(length, depth, 0.0, 1.0 / speedRatio));
        }
        double total = layer + halo;
        double paperLoss = inverseVA + (_layer is null ? 0.0 : layerHeight / kappaProton);
        double layerColumn = 0, haloColumn = 0;
        if (withColumns)
        {
            if (_layer is not null && _layer.GasDensityCm3 > 0)
            {
                layerColumn = EffectiveColumns.DiffusiveLayer(_layer.GasDensityCm3, _diskHalfThicknessCm, layerHeight, kappa * total);
            }
            if (_halo is not null && _halo.Plasma.DensityCm3 > 0)
            {
                haloColumn = EffectiveColumns.NlldHalo(_halo.Plasma.DensityCm3, Math.Max(layerHeight, _diskHalfThicknessCm), _halo.RadiusCm,
                    layerHeight, length, 1.0 / speedRatio, _alfvenSpeed, total);
            }
        }
        return new Residence(total, layer, halo, paperLoss, layerColumn, haloColumn);
    }

    public void AddComponents(double[] rigiditiesGV, IDictionary<string, double[]> components)
    {
        if (_layer is not null) components[KappaComponent] = rigiditiesGV.Select(_kappa!.At).ToArray();
        if (_halo is not null) components["nlld_a_kpc"] = rigiditiesGV.Select(r => HaloLength(r) / PhysicalConstants.KiloparsecCm).ToArray();
    }

    /// <summary>a = X²/(Q v_A) at the proton momentum of R (EQUATIONS.md §1.1).</summary>
    private double HaloLength(double rigidityGV) =>
        NonlinearLandauDamping.Length(NonlinearLandauDamping.CoefficientAtRigidity(_halo!.Plasma, rigidityGV), _injection.Rate(rigidityGV), _alfvenSpeed);
}
