using System.Diagnostics;
using System.Globalization;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Benchmarks;

/// <summary>Timing of fast-mode κ evaluations at distinct random plasma points (ms per evaluation on the grid).</summary>
/// <param name="Variant">What is timed: the exact fast path on every grid point, or the κ provider the models call
/// (<see cref="FastModeDiffusion"/>: distinct rigidities, verified interpolation between fewer exact evaluations).</param>
/// <param name="Evaluations">Timed evaluations (each at a new plasma point; warm-up excluded).</param>
/// <param name="GridPoints">Rigidities per evaluation.</param>
/// <param name="MedianMs">Median wall time per evaluation, ms.</param>
/// <param name="MinMs">Fastest evaluation, ms.</param>
/// <param name="P10Ms">10th percentile, ms.</param>
/// <param name="P90Ms">90th percentile, ms.</param>
/// <param name="MaxMs">Slowest evaluation, ms.</param>
/// <param name="UnconfinedFraction">Fraction of (plasma, rigidity) values returned as the free-streaming cap.</param>
/// <param name="ExactPerGrid">Mean rigidities evaluated exactly per grid (= grid points for the exact path).</param>
public sealed record KappaBenchmarkResult(string Variant, int Evaluations, int GridPoints, double MedianMs, double MinMs,
    double P10Ms, double P90Ms, double MaxMs, double UnconfinedFraction, double ExactPerGrid)
{
    /// <summary>The result as a Markdown table.</summary>
    public string ToMarkdown() => ToMarkdown([this]);

    /// <summary>Several results (same plasma points) as one Markdown table.</summary>
    public static string ToMarkdown(IEnumerable<KappaBenchmarkResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder("| variant | evaluations | grid points | exact evaluations per grid | median ms | min ms | p10 ms | p90 ms | max ms | unconfined |\n" +
                                               "|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
            sb.Append(string.Create(c, $"| {r.Variant} | {r.Evaluations} | {r.GridPoints} | {r.ExactPerGrid:F1} | {r.MedianMs:F2} | {r.MinMs:F2} | {r.P10Ms:F2} | {r.P90Ms:F2} | {r.MaxMs:F2} | {r.UnconfinedFraction:P1} |\n"));
        return sb.ToString();
    }
}

/// <summary>
/// <c>./crinf bench kappa</c>: one κ_turb evaluation = validate + per-plasma setup + κ on the whole grid, single
/// thread, each at a new plasma point drawn from a prior-like box around the §4.2 warm ISM (n ∈ [0.05, 1] cm⁻³
/// log-uniform, T ∈ [5e3, 3e4] K, B ∈ [2, 10] μG, ℳ_A ∈ [0.3, 1], L ∈ [20, 200] pc, uniform) with the Philox
/// stream of <see cref="RandomKey"/> (same seed ⇒ same points). Nothing is cached across plasma points other
/// than the plasma-independent static kernel tables (built before timing).
/// </summary>
public static class KappaBenchmark
{
    /// <summary>Times <paramref name="evaluations"/> isotropic evaluations on <paramref name="rigidityGV"/>.</summary>
    public static KappaBenchmarkResult Run(ReadOnlySpan<double> rigidityGV, int evaluations = 60, ulong seed = 20220412, int warmup = 5) =>
        RunBoth(rigidityGV, evaluations, seed, warmup)[0];

    /// <summary>
    /// Times the exact fast path (<see cref="FastKappaSolver.Compute"/>, every grid point) and the models' provider
    /// (<see cref="FastModeDiffusion.Compute(Transport.TurbulenceSpec, ReadOnlySpan{double}, Span{double})"/>: distinct rigidities, <see cref="KappaInterpolation"/> where the grid is
    /// denser than its lattice) at the same plasma points, alternating, so that load from other processes hits both alike.
    /// </summary>
    public static KappaBenchmarkResult[] RunBoth(ReadOnlySpan<double> rigidityGV, int evaluations = 60, ulong seed = 20220412, int warmup = 5)
    {
        var solver = new FastKappaSolver();
        var provider = FastModeDiffusion.Isotropic;
        var grid = rigidityGV.ToArray();
        var kappa = new double[grid.Length];
        var sorted = rigidityGV.ToArray();
        Array.Sort(sorted);
        bool interpolates = KappaInterpolation.Worthwhile(sorted) && sorted.Distinct().Count() == sorted.Length;
        var stream = RandomKey.FromSeed(seed).Open();
        for (int i = 0; i < warmup; i++)
        {
            var spec = DrawPlasma(ref stream);
            solver.Compute(spec, rigidityGV, kappa);
            provider.Compute(spec, rigidityGV, kappa);
        }
        var exactTimes = new double[evaluations];
        var providerTimes = new double[evaluations];
        long unconfined = 0, total = 0, providerExact = 0;
        var parts = new KappaParts[rigidityGV.Length];
        for (int i = 0; i < evaluations; i++)
        {
            var spec = DrawPlasma(ref stream);
            exactTimes[i] = Time(() => solver.Compute(spec, grid, kappa));
            providerTimes[i] = Time(() => provider.Compute(spec, grid, kappa));
            solver.ComputeParts(spec, rigidityGV, parts);
            foreach (var p in parts) { total++; if (p.Unconfined) unconfined++; }
            if (!interpolates) { providerExact += sorted.Distinct().Count(); continue; }
            solver.ComputeInterpolated(spec, sorted, kappa, out var counts);
            providerExact += counts.ExactEvaluations;
        }
        double fraction = total > 0 ? (double)unconfined / total : 0;
        return
        [
            Summarise("fast-modes/isotropic exact path", exactTimes, rigidityGV.Length, fraction, rigidityGV.Length),
            Summarise("fast-modes/isotropic provider (interpolated)", providerTimes, rigidityGV.Length, fraction, (double)providerExact / evaluations),
        ];
    }

    private static double Time(Func<string?> evaluation)
    {
        long t0 = Stopwatch.GetTimestamp();
        string? err = evaluation();
        long t1 = Stopwatch.GetTimestamp();
        if (err is not null) throw new InvalidOperationException($"benchmark plasma rejected: {err}");
        return (t1 - t0) * 1e3 / Stopwatch.Frequency;
    }

    private static KappaBenchmarkResult Summarise(string variant, double[] times, int gridPoints, double unconfinedFraction, double exactPerGrid)
    {
        Array.Sort(times);
        return new KappaBenchmarkResult(variant, times.Length, gridPoints, Quantile(times, 0.5), times[0],
            Quantile(times, 0.1), Quantile(times, 0.9), times[^1], unconfinedFraction, exactPerGrid);
    }

    /// <summary>A plasma point from the benchmark box.</summary>
    public static TurbulenceSpec DrawPlasma(ref RandomStream stream)
    {
        double n = Math.Exp(Math.Log(0.05) + stream.NextDouble() * Math.Log(1 / 0.05));
        double t = 5e3 + stream.NextDouble() * (3e4 - 5e3);
        double b = 2 + stream.NextDouble() * 8;
        double ma = 0.3 + stream.NextDouble() * 0.7;
        double l = 20 + stream.NextDouble() * 180;
        return FastModePresets.Create(n, t, b, ma, l);
    }

    /// <summary>Bin geometric means √(lo·hi), the rigidities of a binned spectrum (e.g. the 72 AMS-02 proton bins).</summary>
    public static double[] GeometricMeans(ReadOnlySpan<double> lowEdges, ReadOnlySpan<double> highEdges)
    {
        if (lowEdges.Length != highEdges.Length) throw new ArgumentException("edge arrays differ in length", nameof(highEdges));
        var g = new double[lowEdges.Length];
        for (int i = 0; i < g.Length; i++) g[i] = Math.Sqrt(lowEdges[i] * highEdges[i]);
        return g;
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int i = (int)Math.Floor(pos);
        if (i >= sorted.Length - 1) return sorted[^1];
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }
}
