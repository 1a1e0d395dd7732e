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
    /// <paramref name="input"/> and every requested rigidity is finite and &gt; 0; else a one-line reason.</summary>
    public static string? Validate(IForwardModel model, ModelInput input, SpeciesRequest request)
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
        foreach (var (species, rigidities) in request.Rigidities)
        {
            string? bad = CheckRigidities(rigidities, species.Name);
            if (bad is not null) return bad;
        }
        return CheckRigidities(request.ComponentRigiditiesGV, "components");
    }

    private static string? CheckRigidities(double[] rigiditiesGV, string what)
    {
        for (int i = 0; i < rigiditiesGV.Length; i++)
        {
            double r = rigiditiesGV[i];
            if (!(r > 0) || double.IsInfinity(r)) return $"rigidity must be finite and > 0 GV (got {r} at index {i} of {what})";
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
    /// The κ_turb chosen by the model's <c>kappa</c> option (<see cref="TurbulentDiffusionCatalog"/>) and the turbulence of the phase
    /// <paramref name="prefix"/>: its plasma (<see cref="Plasma"/>) with fast-mode turbulence of Mach number <c>{prefix}_mach_a</c> at
    /// outer scale <c>{prefix}_L_pc</c> (KQ22 Appendix A, eqs. A1–A7); or the reason it cannot be built.
    /// </summary>
    public static (ITurbulentDiffusion? Diffusion, TurbulenceSpec? Turbulence, string? Error) Turbulence(ModelInput input, string prefix)
    {
        var (diffusion, error) = TurbulentDiffusionCatalog.Create(input);
        if (diffusion is null) return (null, null, error ?? "kappa_turb could not be built");
        var turbulence = new TurbulenceSpec(Plasma(input, prefix), input[prefix + "_mach_a"], input[prefix + "_L_pc"] * PhysicalConstants.ParsecCm);
        return (diffusion, turbulence, null);
    }
}
