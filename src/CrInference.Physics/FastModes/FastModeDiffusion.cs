using CrInference.Physics.Models;
using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// κ_turb from weak MHD fast-mode turbulence (KQ22 §3, Appendix A; §5.2 for the anisotropic cascade) as an
/// <see cref="ITurbulentDiffusion"/>: proton κ (cm² s⁻¹) on any rigidity grid at the plasma of the
/// <see cref="TurbulenceSpec"/>. Isotropic: <see cref="FastKappaSolver"/> (a few ms for the 72-point AMS-02 grid);
/// anisotropic: <see cref="AnisotropicKappaSolver"/>. Bad inputs give a one-line reason, never an exception
/// or NaN. Thread-safe (shared solvers hold only immutable tables).
/// </summary>
public sealed class FastModeDiffusion : ITurbulentDiffusion
{
    private readonly FastKappaSolver? _isotropic;
    private readonly AnisotropicKappaSolver? _anisotropic;

    /// <summary>The diffusion for the isotropic or anisotropic cascade (for weak shocks see <see cref="WeakShockDiffusion"/>).</summary>
    public FastModeDiffusion(FastModeVariant variant = FastModeVariant.Isotropic,
        AnisotropicWandering wandering = AnisotropicWandering.Alfvenic, FastKappaResolution? resolution = null)
    {
        if (variant == FastModeVariant.Shocks) throw new ArgumentException("use WeakShockDiffusion for the weak-shock variant", nameof(variant));
        Variant = variant;
        Wandering = wandering;
        if (variant == FastModeVariant.Isotropic) _isotropic = new FastKappaSolver(resolution);
        else _anisotropic = new AnisotropicKappaSolver(wandering, resolution);
    }

    /// <summary>Shared default isotropic instance.</summary>
    public static FastModeDiffusion Isotropic { get; } = new(FastModeVariant.Isotropic);

    /// <summary>Shared default anisotropic instance (eq. 39 wandering).</summary>
    public static FastModeDiffusion Anisotropic { get; } = new(FastModeVariant.Anisotropic);

    /// <summary>Catalog entry <c>fast-modes</c> (isotropic weak cascade, Figure 3).</summary>
    public static TurbulentDiffusionEntry IsotropicEntry { get; } = new(
        "fast-modes",
        "isotropic weak fast-mode cascade, damped (KQ22 App. A, Fig. 3), from the warm n, T, B, M_A, L",
        [],
        _ => Isotropic);

    /// <summary>Catalog entry <c>fast-modes-anisotropic</c> (low-β anisotropic cascade, Figure 7).</summary>
    public static TurbulentDiffusionEntry AnisotropicEntry { get; } = new(
        "fast-modes-anisotropic",
        "anisotropic low-beta fast-mode cascade (KQ22 sec. 5.2, eqs. 36-39, Fig. 7; slow: seconds)",
        [],
        _ => Anisotropic);

    /// <summary>The cascade variant.</summary>
    public FastModeVariant Variant { get; }

    /// <summary>Wandering law of the anisotropic cascade (C.29).</summary>
    public AnisotropicWandering Wandering { get; }

    /// <inheritdoc />
    public string Name => Variant == FastModeVariant.Isotropic ? "fast-modes/isotropic" : $"fast-modes/anisotropic-{WanderingName(Wandering)}";

    /// <summary>Open-choice decisions C.19 … C.30 for manifests.</summary>
    public IReadOnlyDictionary<string, string> Conventions => FastModeConventions.All;

    /// <inheritdoc />
    /// <remarks>Rigidities that occur more than once (a likelihood asks for the union of several datasets'
    /// points, and AMS proton and B/C tables share bins) are evaluated once: κ depends on R alone. The isotropic
    /// cascade on a grid denser than its interpolation lattice uses <see cref="KappaInterpolation"/> (exact at fewer
    /// points, verified interpolation to 2e-4 between them, unconfined points exactly where the exact path has them).</remarks>
    public string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS) =>
        Compute(turbulence, rigidityGV, kappaCm2PerS, default);

    /// <inheritdoc/>
    public string? Compute(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<double> kappaCm2PerS, ReadOnlySpan<bool> derived)
    {
        if (kappaCm2PerS.Length != rigidityGV.Length)
        {
            return $"kappa output length {kappaCm2PerS.Length} differs from the rigidity grid length {rigidityGV.Length}";
        }
        if (!derived.IsEmpty && derived.Length != rigidityGV.Length)
        {
            return $"derived-point flags length {derived.Length} differs from the rigidity grid length {rigidityGV.Length}";
        }
        if (rigidityGV.IsEmpty) return null;
        foreach (double r in rigidityGV)
            if (!(r > 0) || double.IsInfinity(r)) return $"rigidity must be > 0 GV and finite (got {r})";
        var grid = rigidityGV.ToArray();
        Array.Sort(grid);
        int distinct = grid.Length == 0 ? 0 : 1;
        for (int i = 1; i < grid.Length; i++)
            if (grid[i] != grid[distinct - 1]) grid[distinct++] = grid[i];
        grid = grid[..distinct];
        // A distinct rigidity is derived only when every occurrence of it is.
        bool[]? derivedGrid = null;
        if (!derived.IsEmpty)
        {
            derivedGrid = new bool[grid.Length];
            Array.Fill(derivedGrid, true);
            for (int i = 0; i < rigidityGV.Length; i++)
                if (!derived[i]) derivedGrid[Array.BinarySearch(grid, rigidityGV[i])] = false;
        }
        var values = new double[grid.Length];
        string? bad = ComputeDistinct(turbulence, grid, values, derivedGrid);
        if (bad is not null) return bad;
        for (int i = 0; i < rigidityGV.Length; i++) kappaCm2PerS[i] = values[Array.BinarySearch(grid, rigidityGV[i])];
        return null;
    }

    // κ on an ascending grid of distinct rigidities (derived: null, or the points that may take the looser tolerance).
    private string? ComputeDistinct(TurbulenceSpec turbulence, double[] sortedGrid, double[] kappa, bool[]? derived)
    {
        if (_isotropic is null) return _anisotropic!.Compute(turbulence, sortedGrid, kappa);
        return KappaInterpolation.Worthwhile(sortedGrid)
            ? _isotropic.ComputeInterpolated(turbulence, sortedGrid, kappa, out _, derived)
            : _isotropic.Compute(turbulence, sortedGrid, kappa);
    }

    /// <summary>κ with its gyroresonance-only and TTD-only parts (see <see cref="KappaParts"/>).</summary>
    public string? ComputeParts(TurbulenceSpec turbulence, ReadOnlySpan<double> rigidityGV, Span<KappaParts> parts) =>
        _isotropic is not null
            ? _isotropic.ComputeParts(turbulence, rigidityGV, parts)
            : _anisotropic!.ComputeParts(turbulence, rigidityGV, parts);

    /// <summary>Manifest spelling of a wandering law.</summary>
    public static string WanderingName(AnisotropicWandering w) => w switch
    {
        AnisotropicWandering.Alfvenic => "eq39",
        AnisotropicWandering.FastMode => "eq40",
        _ => "larger",
    };

    /// <summary>The κ_turb for a variant name <c>isotropic | anisotropic | shocks</c>, or null with a reason.</summary>
    public static (ITurbulentDiffusion? Diffusion, string? Error) ForVariant(string variant,
        AnisotropicWandering wandering = AnisotropicWandering.Alfvenic, double shockSeparationPc = WeakShockDiffusion.DefaultSeparationPc) => variant switch
    {
        "isotropic" => (Isotropic, null),
        "anisotropic" => (wandering == AnisotropicWandering.Alfvenic ? Anisotropic : new FastModeDiffusion(FastModeVariant.Anisotropic, wandering), null),
        "shocks" => WeakShockDiffusion.TryCreate(shockSeparationPc, out var s) is { } err ? (null, err) : (s, null),
        _ => (null, $"fast-mode variant must be isotropic | anisotropic | shocks (got '{variant}')"),
    };
}
