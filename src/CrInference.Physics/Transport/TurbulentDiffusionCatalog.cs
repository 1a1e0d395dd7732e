using CrInference.Physics.Models;

namespace CrInference.Physics.Transport;

/// <summary>
/// One registered κ_turb kind: its option value (<c>kappa=NAME</c>), the numeric parameters it
/// reads from the <see cref="ModelInput"/> (merged into every model that takes a κ_turb), and a
/// factory. <paramref name="Create"/> may assume the parameters were validated against
/// <paramref name="Parameters"/>; it must be cheap or cache internally (it runs once per
/// <see cref="IForwardModel.Predict"/>).
/// </summary>
public sealed record TurbulentDiffusionEntry(
    string Name,
    string Description,
    IReadOnlyList<ModelParameter> Parameters,
    Func<ModelInput, ITurbulentDiffusion> Create);

/// <summary>
/// The registry of κ_turb implementations selectable by the model option <c>kappa</c>. A new kind
/// registers by adding its <see cref="TurbulentDiffusionEntry"/> to <see cref="Entries"/>; models
/// that take a κ_turb (two-phase, warm-only, turbulence-everywhere) pick up its option value and
/// parameters automatically.
/// </summary>
public static class TurbulentDiffusionCatalog
{
    /// <summary>The model option that selects κ_turb.</summary>
    public const string OptionName = "kappa";

    /// <summary>The default kind: the damped isotropic fast-mode cascade of KQ22 Appendix A (issue: κ_turb
    /// replaces the power-law stand-in in two-phase, warm-only and turbulence-everywhere; power-law stays selectable).</summary>
    public const string DefaultKind = "fast-modes";

    /// <summary>Every registered kind, in listing order.</summary>
    public static IReadOnlyList<TurbulentDiffusionEntry> Entries { get; } =
    [
        // One line per κ_turb kind; the first is listed first by `./crinf models`.
        PowerLawDiffusion.PlainEntry,
        PowerLawDiffusion.BetaEntry,
        FastModes.FastModeDiffusion.IsotropicEntry,
        FastModes.FastModeDiffusion.AnisotropicEntry,
        FastModes.WeakShockDiffusion.Entry,
    ];

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public static TurbulentDiffusionEntry? Find(string name)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry;
        }
        return null;
    }

    /// <summary>The <c>kappa</c> option listing every registered kind.</summary>
    public static ModelOption Option(string defaultKind = DefaultKind)
    {
        var names = new List<string>(Entries.Count);
        foreach (var entry in Entries) names.Add(entry.Name);
        return new ModelOption(OptionName, names, defaultKind, "kappa_turb model: " + string.Join("; ", Entries.Select(e => $"{e.Name} = {e.Description}")));
    }

    /// <summary>
    /// The union (by name, first registration wins) of every kind's parameters, with fiducials
    /// replaced where <paramref name="fiducialOverrides"/> names them (a model's own fiducial point).
    /// </summary>
    public static IReadOnlyList<ModelParameter> Parameters(IReadOnlyDictionary<string, double>? fiducialOverrides = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<ModelParameter>();
        foreach (var entry in Entries)
        {
            foreach (var p in entry.Parameters)
            {
                if (!seen.Add(p.Name)) continue;
                list.Add(fiducialOverrides is not null && fiducialOverrides.TryGetValue(p.Name, out double f) ? p with { Fiducial = f } : p);
            }
        }
        return list;
    }

    /// <summary>
    /// A model's parameter list: <paramref name="own"/> followed by every registered kind's parameters
    /// that <paramref name="own"/> does not already define (an entry may read model parameters such as
    /// <c>warm_mach_a</c>; the model's definition wins), with fiducials overridden as in <see cref="Parameters"/>.
    /// </summary>
    public static IReadOnlyList<ModelParameter> AppendTo(IReadOnlyList<ModelParameter> own, IReadOnlyDictionary<string, double>? fiducialOverrides = null)
    {
        var names = new HashSet<string>(own.Select(p => p.Name), StringComparer.Ordinal);
        var list = new List<ModelParameter>(own);
        foreach (var p in Parameters(fiducialOverrides))
        {
            if (names.Add(p.Name)) list.Add(p);
        }
        return list;
    }

    /// <summary>Builds the κ_turb chosen by the <c>kappa</c> option of <paramref name="input"/>;
    /// returns it or a one-line reason.</summary>
    public static (ITurbulentDiffusion? Diffusion, string? Error) Create(ModelInput input)
    {
        if (!input.OptionValues.TryGetValue(OptionName, out string? kind)) return (null, $"option {OptionName} has no value");
        var entry = Find(kind);
        if (entry is null) return (null, $"option {OptionName} must be one of {string.Join(" | ", Entries.Select(e => e.Name))} (got '{kind}')");
        try
        {
            return (entry.Create(input), null);
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"kappa={kind}: {ex.Message.Split('\n')[0]}");
        }
    }
}
