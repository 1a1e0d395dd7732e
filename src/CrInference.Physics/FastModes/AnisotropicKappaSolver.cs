using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>
/// κ for the anisotropic low-β cascade (KQ22 §5.2, eqs. 36–40): cascade rate ∝ sin θ (eq. 36), spectrum
/// P ∝ k^{−3/2}/sin(max(θ, θ_min(k))) (eqs. 37–38), averaging window from eq. 39/40 at max(θ, θ_min), and the
/// cascade fully damped beyond the first k where θ_c &lt; θ_min. Evaluated with the adaptive quadrature of
/// <see cref="ReferenceKappaSolver"/> at relative tolerance 1e-5 (the anisotropic spectrum is not separable
/// in the way the fast isotropic kernels need), rigidities in parallel; seconds per rigidity, so meant for
/// figures and checks, not for sampling. Rigidities where scattering is fully suppressed come back as the free-streaming cap
/// (<see cref="KappaParts.Unconfined"/>).
/// </summary>
public sealed class AnisotropicKappaSolver
{
    private readonly AnisotropicWandering _wandering;
    private readonly double _tolerance;

    /// <summary>Solver for one wandering law (C.29); <paramref name="resolution"/> is accepted for symmetry with
    /// the isotropic solver (its doubling halves the quadrature tolerance).</summary>
    public AnisotropicKappaSolver(AnisotropicWandering wandering = AnisotropicWandering.Alfvenic, FastKappaResolution? resolution = null)
    {
        _wandering = wandering;
        int scale = (resolution ?? FastKappaResolution.Default).KernelRefinement;
        _tolerance = 1e-5 / (scale * scale);
    }

    /// <summary>κ_p on <paramref name="rigidityGV"/>; null on success, else a one-line reason.</summary>
    public string? Compute(TurbulenceSpec spec, ReadOnlySpan<double> rigidityGV, Span<double> kappa)
    {
        var parts = new KappaParts[rigidityGV.Length];
        string? bad = ComputeParts(spec, rigidityGV, parts);
        if (bad is not null) return bad;
        for (int i = 0; i < parts.Length; i++) kappa[i] = parts[i].Total;
        return null;
    }

    /// <summary>κ and its parts on <paramref name="rigidityGV"/>.</summary>
    public string? ComputeParts(TurbulenceSpec spec, ReadOnlySpan<double> rigidityGV, Span<KappaParts> parts)
    {
        string? bad = FastKappaSolver.Validate(spec, rigidityGV, parts.Length, out var plasma);
        if (bad is not null) return bad;
        var solver = new ReferenceKappaSolver(plasma!, FastModeVariant.Anisotropic, _wandering, _tolerance);
        var grid = rigidityGV.ToArray();
        var result = new KappaParts[grid.Length];
        Parallel.For(0, grid.Length, i => result[i] = solver.Kappa(grid[i]));
        result.CopyTo(parts);
        return null;
    }
}
