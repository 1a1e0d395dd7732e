using CrInference.Physics.Transport;

namespace CrInference.Physics.FastModes;

/// <summary>One row of <c>kappa.csv</c>: κ with both scatterers (A1 + A2 in A3), with gyroresonance only
/// (D^T = 0) and with TTD only (D^G = 0), cm² s⁻¹, each capped at v L/3; <paramref name="Unconfined"/> flags a
/// capped total. For weak shocks the three κ coincide.</summary>
public sealed record KappaRow(double RigidityGV, double KappaCm2PerS, double KappaGyroOnly, double KappaTtdOnly, bool Unconfined);

/// <summary>One row of <c>thetac.csv</c>: wavenumber kL, the critical wave pitch angle θ_c(k) (largest undamped
/// angle; 0 if none) and the minimum well-defined angle θ_min(k) (eq. 27 isotropic, eq. 39/40 anisotropic), rad.</summary>
public sealed record AngleRow(double KL, double ThetaC, double ThetaMin);

/// <summary>
/// Tables behind <c>./crinf kappa</c> (Figures 3 and 7): κ rows on a rigidity grid and θ_c/θ_min rows on a kL
/// grid for any variant, plus grid helpers. Failures come back as one-line reasons.
/// </summary>
public static class FastModeTables
{
    /// <summary>κ rows for <paramref name="variant"/> at <paramref name="spec"/>.</summary>
    public static string? KappaRows(TurbulenceSpec spec, FastModeVariant variant, ReadOnlySpan<double> rigidityGV, out KappaRow[] rows,
        AnisotropicWandering wandering = AnisotropicWandering.Alfvenic, double shockSeparationPc = WeakShockDiffusion.DefaultSeparationPc)
    {
        rows = [];
        var parts = new KappaParts[rigidityGV.Length];
        string? bad;
        if (variant == FastModeVariant.Shocks)
        {
            bad = WeakShockDiffusion.TryCreate(shockSeparationPc, out var shocks);
            if (bad is not null) return bad;
            var k = new double[rigidityGV.Length];
            bad = shocks!.Compute(spec, rigidityGV, k);
            if (bad is not null) return bad;
            for (int i = 0; i < k.Length; i++) parts[i] = new KappaParts(k[i], k[i], k[i], false);
        }
        else
        {
            var diffusion = variant == FastModeVariant.Isotropic ? FastModeDiffusion.Isotropic : new FastModeDiffusion(variant, wandering);
            bad = diffusion.ComputeParts(spec, rigidityGV, parts);
            if (bad is not null) return bad;
        }
        rows = new KappaRow[rigidityGV.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new KappaRow(rigidityGV[i], parts[i].Total, parts[i].GyroOnly, parts[i].TtdOnly, parts[i].Unconfined);
        return null;
    }

    /// <summary>θ_c(k) and θ_min(k) rows (Figure 7 bottom) for the isotropic or anisotropic cascade.</summary>
    public static string? AngleRows(TurbulenceSpec spec, FastModeVariant variant, ReadOnlySpan<double> kL, out AngleRow[] rows,
        AnisotropicWandering wandering = AnisotropicWandering.Alfvenic)
    {
        rows = [];
        if (variant == FastModeVariant.Shocks) return "the weak-shock variant has no critical wave angle (no cascade)";
        string? bad = FastModePlasma.TryCreate(spec, out var plasma);
        if (bad is not null) return bad;
        foreach (double x in kL)
            if (!(x >= 1) || double.IsInfinity(x)) return $"kL must be >= 1 and finite (got {x})";
        var cutoff = new CascadeCutoff(plasma!, variant, wandering);
        rows = new AngleRow[kL.Length];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new AngleRow(kL[i], cutoff.CriticalAngle(kL[i]), cutoff.MinimumAngle(kL[i]));
        return null;
    }

    /// <summary>The first kL of <paramref name="rows"/> (ascending) where θ_c &lt; θ_min, or null (Figure 7: near 1e6 for
    /// the anisotropic cascade).</summary>
    public static double? CrossingScale(IReadOnlyList<AngleRow> rows)
    {
        foreach (var r in rows)
            if (r.ThetaC < r.ThetaMin) return r.KL;
        return null;
    }

    /// <summary>The full-damping scale x_full (first kL with θ_c &lt; θ_min, solved exactly), or null if none up to 1e40.</summary>
    public static string? FullDampingScale(TurbulenceSpec spec, FastModeVariant variant, out double? kL, AnisotropicWandering wandering = AnisotropicWandering.Alfvenic)
    {
        kL = null;
        if (variant == FastModeVariant.Shocks) return "the weak-shock variant has no cascade";
        string? bad = FastModePlasma.TryCreate(spec, out var plasma);
        if (bad is not null) return bad;
        double x = new CascadeCutoff(plasma!, variant, wandering).FullDampingScale;
        kL = x < CascadeCutoff.Infinite ? x : null;
        return null;
    }

    /// <summary><paramref name="perDecade"/> log-spaced points per decade from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static double[] LogGrid(double from, double to, int perDecade)
    {
        int n = Math.Max(1, (int)Math.Round(Math.Log10(to / from) * perDecade));
        var g = new double[n + 1];
        for (int i = 0; i <= n; i++) g[i] = from * Math.Pow(to / from, (double)i / n);
        return g;
    }

    /// <summary><paramref name="count"/> log-spaced points from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static double[] LogSpace(double from, double to, int count)
    {
        var g = new double[count];
        for (int i = 0; i < count; i++) g[i] = count == 1 ? from : from * Math.Pow(to / from, (double)i / (count - 1));
        return g;
    }
}
