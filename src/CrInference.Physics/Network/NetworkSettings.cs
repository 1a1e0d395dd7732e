using CrInference.Physics.Models;

namespace CrInference.Physics.Network;

/// <summary>Which production cross-sections the boron network uses (option <c>cross_sections</c>).</summary>
public enum CrossSectionSet
{
    /// <summary>KQ22 §4.1.2: one energy-independent C → B cross-section, <c>sigma_spall_mb</c> (61 mb).</summary>
    Paper,

    /// <summary>DRAGON2 default cumulative table (Evoli et al. 2019) on H; He from the GALPROP OPT12 He/H ratio.</summary>
    Dragon2,

    /// <summary>GALPROP option-12 cumulative cross-sections on H and He as tabulated in USINE v3.5.</summary>
    GalpropOpt12,
}

/// <summary>How energy losses enter (option <c>losses</c>).</summary>
public enum LossTreatment
{
    /// <summary>No continuous losses.</summary>
    None,

    /// <summary>KQ22's proton sink in the neutral disk, Schlickeiser (2002) ionisation (eqs. 9, 16, 33).</summary>
    PaperIonisationSink,

    /// <summary>KQ22's proton sink with the loss time of eq. C2.</summary>
    PaperEquationC2Sink,

    /// <summary>Flux form (KQ22 eq. C1 for every species) with ionisation and Coulomb losses in every phase with gas.</summary>
    Continuous,

    /// <summary>Flux form with ionisation in the neutral disk only (no Coulomb losses in the ionised phases).</summary>
    ContinuousDiskOnly,
}

/// <summary>
/// The physics switches of the boron network and of the losses, parsed from model options
/// (docs/CONVENTIONS.md E.8–E.12). Option <c>physics</c> is a preset: <c>full</c> (default) turns every
/// ingredient on, <c>kq22</c> is KQ22's simplified setting (one carbon parent, σ = <c>sigma_spall_mb</c>,
/// hydrogen target, no destruction, boron born at the carbon rigidity, today's proton loss sink, gas only in
/// the disk). The preset chooses the defaults of the other switches; an option given explicitly wins
/// (<see cref="ForwardModelExtensions.Resolve"/>), and combinations that have no meaning are rejected by
/// <see cref="Conflict"/>.
/// </summary>
public sealed record NetworkSettings(
    bool PaperPhysics,
    bool Destruction,
    bool OxygenNitrogenParents,
    bool HeliumTarget,
    CrossSectionSet CrossSections,
    LossTreatment Losses,
    bool ProtonInelastic,
    bool GasInEveryPhase)
{
    /// <summary>Option name of the preset.</summary>
    public const string PhysicsOption = "physics";

    /// <summary>Preset value: the full network (default).</summary>
    public const string FullPhysics = "full";

    /// <summary>Preset value: KQ22's simplified setting.</summary>
    public const string PaperPhysicsValue = "kq22";

    /// <summary>Option names of the switches.</summary>
    public const string LossesOption = "losses", DestructionOption = "boron_destruction", ParentsOption = "boron_parents",
        TargetOption = "target", CrossSectionsOption = "cross_sections", ProtonInelasticOption = "proton_inelastic", GasOption = "gas";

    /// <summary>KQ22's setting with today's ionisation sink.</summary>
    public static NetworkSettings Paper { get; } = new(true, false, false, false, CrossSectionSet.Paper, LossTreatment.PaperIonisationSink, false, false);

    /// <summary>The <c>physics</c> option.</summary>
    public static ModelOption Physics { get; } = new(PhysicsOption, [FullPhysics, PaperPhysicsValue], FullPhysics,
        "full = boron network with destruction, C/N/O parents, H+He target, energy-dependent cross-sections, continuous losses, gas in every phase; "
        + "kq22 = KQ22's setting (C parent, sigma_spall_mb, H target, no destruction, boron at the carbon rigidity, disk sink losses, gas in the disk); "
        + "the preset sets the defaults of the other switches, explicit options win");

    /// <summary>The <c>losses</c> option (open choice B.15 and E.11).</summary>
    public static ModelOption LossesSwitch { get; } = new(LossesOption, ["continuous", "continuous-disk", "ionisation", "eq-c2", "none"], "continuous",
        "continuous = flux form (KQ22 eq. C1) for every species, ionisation in neutral and Coulomb in ionised gas of every phase; continuous-disk = flux form, neutral disk only; "
        + "ionisation = KQ22's proton sink in the disk, Schlickeiser (2002) form; eq-c2 = the same with KQ22 eq. C2; none",
        PaperDefault: "ionisation");

    /// <summary>The switches of the nuclear network, in listing order.</summary>
    public static IReadOnlyList<ModelOption> NetworkSwitches { get; } =
    [
        new(DestructionOption, ["true", "false"], "true", "inelastic destruction of 10B, 11B and 12C on the gas (thin-disk sink)", PaperDefault: "false"),
        new(ParentsOption, ["cno", "c"], "cno", "boron parents: 12C, 14N and 16O (N and O from the AMS-02 N/O and C/O ratios) or 12C only", PaperDefault: "c"),
        new(TargetOption, ["h+he", "h"], "h+he", "interstellar targets: hydrogen plus helium (n_He/n_H = 0.11, DRAGON2/GALPROP default) or hydrogen only", PaperDefault: "h"),
        new(CrossSectionsOption, ["dragon2", "galprop-opt12", "kq22"], "dragon2",
            "production cross-sections: dragon2 = Evoli et al. (2019) cumulative table; galprop-opt12 = GALPROP option 12 via USINE v3.5; kq22 = sigma_spall_mb, C -> B only",
            PaperDefault: "kq22"),
    ];

    /// <summary>The switches that also apply to protons-only models.</summary>
    public static IReadOnlyList<ModelOption> ProtonSwitches { get; } =
    [
        new(ProtonInelasticOption, ["true", "false"], "true", "inelastic p-p and p-He collisions as a proton sink (Kafexhiu et al. 2014; Sihver et al. 1993)", PaperDefault: "false"),
        new(GasOption, ["all", "disk"], "all", "gas seen by the CRs: every phase with gas (effective columns) or the thin disk only (KQ22)", PaperDefault: "disk"),
    ];

    /// <summary>Every option of a model with nuclei: the preset, losses, the network and proton switches.</summary>
    public static IReadOnlyList<ModelOption> AllOptions { get; } = [Physics, LossesSwitch, .. NetworkSwitches, .. ProtonSwitches];

    /// <summary>The options of a protons-only model.</summary>
    public static IReadOnlyList<ModelOption> ProtonOptions { get; } = [Physics, LossesSwitch, .. ProtonSwitches];

    /// <summary>The settings of <paramref name="options"/> (resolved values; absent switches take the paper's value when
    /// physics=kq22, else the full network's), or a one-line reason when a combination has no meaning.</summary>
    public static (NetworkSettings? Settings, string? Error) Parse(IReadOnlyDictionary<string, string> options)
    {
        bool paper = Value(options, PhysicsOption, FullPhysics) == PaperPhysicsValue;
        string Get(string name, string full, string kq22) => Value(options, name, paper ? kq22 : full);
        var crossSections = Get(CrossSectionsOption, "dragon2", "kq22") switch
        {
            "kq22" => CrossSectionSet.Paper,
            "galprop-opt12" => CrossSectionSet.GalpropOpt12,
            _ => CrossSectionSet.Dragon2,
        };
        var losses = Get(LossesOption, "continuous", "ionisation") switch
        {
            "continuous" => LossTreatment.Continuous,
            "continuous-disk" => LossTreatment.ContinuousDiskOnly,
            "eq-c2" => LossTreatment.PaperEquationC2Sink,
            "none" => LossTreatment.None,
            _ => LossTreatment.PaperIonisationSink,
        };
        var settings = new NetworkSettings(paper, Get(DestructionOption, "true", "false") == "true", Get(ParentsOption, "cno", "c") == "cno",
            Get(TargetOption, "h+he", "h") == "h+he", crossSections, losses, Get(ProtonInelasticOption, "true", "false") == "true",
            Get(GasOption, "all", "disk") == "all");
        string? error = Conflict(settings);
        return error is null ? (settings, null) : (null, error);
    }

    /// <summary>Null when the switches make sense together, else a one-line reason.</summary>
    public static string? Conflict(NetworkSettings settings)
    {
        if (settings.CrossSections != CrossSectionSet.Paper) return null;
        if (settings.OxygenNitrogenParents)
        {
            return "boron_parents=cno needs energy-dependent cross-sections (cross_sections=dragon2 | galprop-opt12): sigma_spall_mb is KQ22's C -> B value only";
        }
        if (settings.HeliumTarget)
        {
            return "target=h+he needs cross_sections=dragon2 | galprop-opt12: sigma_spall_mb is KQ22's value on hydrogen only";
        }
        return null;
    }

    /// <summary>True when losses act in flux form (all species).</summary>
    public bool ContinuousLosses => Losses is LossTreatment.Continuous or LossTreatment.ContinuousDiskOnly;

    private static string Value(IReadOnlyDictionary<string, string> options, string name, string fallback) =>
        options.TryGetValue(name, out string? v) ? v : fallback;
}
