using CrInference.Core;
using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Plasma;
using CrInference.Physics.Sources;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Models;

/// <summary>Input validation and output checks shared by the models (no allocation on success).</summary>
internal static class ModelSupport
{
    /// <summary>Null when every parameter and option of <paramref name="model"/> has an allowed value in
    /// <paramref name="input"/> and every rigidity is finite and &gt; 0; else a one-line reason.</summary>
    public static string? Validate(IForwardModel model, ModelInput input, ReadOnlySpan<double> rigiditiesGV)
    {
        var parameters = model.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (!input.Values.TryGetValue(p.Name, out double value)) return $"model '{model.Name}': parameter {p.Name} has no value";
            string? problem = p.Validate(value);
            if (problem is not null) return problem;
        }
        var options = model.Options;
        for (int i = 0; i < options.Count; i++)
        {
            var o = options[i];
            if (!input.OptionValues.TryGetValue(o.Name, out string? value)) return $"model '{model.Name}': option {o.Name} has no value";
            bool allowed = false;
            for (int j = 0; j < o.Allowed.Count; j++) allowed |= string.Equals(o.Allowed[j], value, StringComparison.Ordinal);
            if (!allowed) return $"option {o.Name} must be one of {string.Join(" | ", o.Allowed)} (got '{value}')";
        }
        for (int i = 0; i < rigiditiesGV.Length; i++)
        {
            double r = rigiditiesGV[i];
            if (!(r > 0) || double.IsInfinity(r)) return $"rigidity must be finite and > 0 GV (got {r} at index {i})";
        }
        return null;
    }

    /// <summary>Null when every value is finite and &gt; 0; else a one-line reason naming the rigidity.</summary>
    public static string? CheckPositive(string what, double[] values, double[] rigiditiesGV)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v > 0) || double.IsInfinity(v))
            {
                return $"{what} is not a finite positive number at R = {rigiditiesGV[i]} GV (got {v}: under/overflow outside the model's numerical range)";
            }
        }
        return null;
    }

    /// <summary>Null when every value is finite; else a one-line reason.</summary>
    public static string? CheckFinite(string what, double[] values, double[] rigiditiesGV)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return $"{what} is not finite at R = {rigiditiesGV[i]} GV (got {values[i]})";
        }
        return null;
    }

    /// <summary>An array of <paramref name="n"/> copies of <paramref name="value"/> (scalar components such as a cut-off).</summary>
    public static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }

    /// <summary>A plasma phase from <c>{prefix}_n_cm3</c>, <c>{prefix}_T_K</c> (or <paramref name="fallbackTemperatureK"/>
    /// when the model has no temperature) and <c>{prefix}_B_uG</c>.</summary>
    public static PlasmaState Plasma(ModelInput input, string prefix, double fallbackTemperatureK = double.NaN)
    {
        double t = input.Values.TryGetValue(prefix + "_T_K", out double value) ? value : fallbackTemperatureK;
        return PlasmaState.FromMicrogauss(input[prefix + "_n_cm3"], t, input[prefix + "_B_uG"]);
    }

    /// <summary>
    /// κ_turb(R) in the phase <paramref name="prefix"/> by the model's <c>kappa</c> option (<see cref="TurbulentDiffusionCatalog"/>):
    /// the phase's plasma (<see cref="Plasma"/>) with fast-mode turbulence of Mach number <c>{prefix}_mach_a</c> at outer
    /// scale <c>{prefix}_L_pc</c> (KQ22 Appendix A, eqs. A1–A7), or the power law. Null with the reason when it fails or is
    /// not positive and finite at every rigidity.
    /// </summary>
    public static (double[]? Kappa, string? Error) TurbulentKappa(ModelInput input, string prefix, double[] rigiditiesGV)
    {
        var (diffusion, error) = TurbulentDiffusionCatalog.Create(input);
        if (diffusion is null) return (null, error ?? "kappa_turb could not be built");
        var turbulence = new TurbulenceSpec(Plasma(input, prefix), input[prefix + "_mach_a"], input[prefix + "_L_pc"] * PhysicalConstants.ParsecCm);
        var kappa = new double[rigiditiesGV.Length];
        string? kappaError = diffusion.Compute(turbulence, rigiditiesGV, kappa);
        if (kappaError is not null) return (null, $"kappa={diffusion.Name}: {kappaError}");
        string? bad = CheckPositive("kappa_turb", kappa, rigiditiesGV);
        return bad is null ? (kappa, null) : (null, bad);
    }
}

/// <summary>
/// The source and the thin disk shared by all models: Q(p) (open choice A.1), proton loss rate
/// (B.15) and the boron source speed h/τ_spall (A.5), read from the standard parameter names.
/// </summary>
internal readonly struct SourceAndDisk
{
    public SourceAndDisk(ModelInput input)
    {
        Injection = Injection.FromSupernovae(input["sn_rate_per_yr"], input["e_cr_per_sn_erg"], input["gamma_inj"]);
        HalfThicknessCm = input["disk_h_pc"] * PhysicalConstants.ParsecCm;
        DensityCm3 = input["disk_n_cm3"];
        CrossSectionMb = input["sigma_spall_mb"];
        Losses = input.OptionValues.TryGetValue(StandardParameters.LossesOption, out string? losses)
            ? StandardParameters.ParseLosses(losses)
            : LossPrescription.None;
    }

    public Injection Injection { get; }
    public double HalfThicknessCm { get; }
    public double DensityCm3 { get; }
    public double CrossSectionMb { get; }
    public LossPrescription Losses { get; }

    /// <summary>Q at proton rigidity R (p = R for protons), cm⁻² s⁻¹ (g cm s⁻¹)⁻³.</summary>
    public double InjectionAt(double rigidityGV) => Injection.Rate(rigidityGV);

    /// <summary>h/τ_loss of protons at R, cm s⁻¹ (0 without losses).</summary>
    public double LossSpeed(double rigidityGV) =>
        HalfThicknessCm * EnergyLosses.InverseLossTimePerS(Losses, rigidityGV, Nucleus.Proton, DensityCm3);

    /// <summary>h/τ_spall at R, cm s⁻¹ (KQ22 eq. 30's boron source per unit f_C).</summary>
    public double BoronSourceSpeed(double rigidityGV) =>
        Spallation.SourceSpeedCmPerS(rigidityGV, HalfThicknessCm, DensityCm3, CrossSectionMb);
}
