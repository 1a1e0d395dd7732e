using System.Diagnostics;
using System.Globalization;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Benchmarks;

/// <summary>Timing of fast-mode κ evaluations at distinct random plasma points (ms per evaluation on the grid).</summary>
/// <param name="Variant">Cascade variant timed.</param>
/// <param name="Evaluations">Timed evaluations (each at a new plasma point; warm-up excluded).</param>
/// <param name="GridPoints">Rigidities per evaluation.</param>
/// <param name="MedianMs">Median wall time per evaluation, ms.</param>
/// <param name="MinMs">Fastest evaluation, ms.</param>
/// <param name="P10Ms">10th percentile, ms.</param>
/// <param name="P90Ms">90th percentile, ms.</param>
/// <param name="MaxMs">Slowest evaluation, ms.</param>
/// <param name="UnconfinedFraction">Fraction of (plasma, rigidity) values returned as the free-streaming cap.</param>
public sealed record KappaBenchmarkResult(string Variant, int Evaluations, int GridPoints, double MedianMs, double MinMs,
    double P10Ms, double P90Ms, double MaxMs, double UnconfinedFraction)
{
    /// <summary>The result as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        return "| variant | evaluations | grid points | median ms | min ms | p10 ms | p90 ms | max ms | unconfined |\n" +
               "|---|---|---|---|---|---|---|---|---|\n" +
               string.Create(c, $"| {Variant} | {Evaluations} | {GridPoints} | {MedianMs:F2} | {MinMs:F2} | {P10Ms:F2} | {P90Ms:F2} | {MaxMs:F2} | {UnconfinedFraction:P1} |\n");
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
    public static KappaBenchmarkResult Run(ReadOnlySpan<double> rigidityGV, int evaluations = 60, ulong seed = 20220412, int warmup = 5)
    {
        var solver = new FastKappaSolver();
        var kappa = new double[rigidityGV.Length];
        var stream = RandomKey.FromSeed(seed).Open();
        for (int i = 0; i < warmup; i++) solver.Compute(DrawPlasma(ref stream), rigidityGV, kappa);
        var times = new double[evaluations];
        long unconfined = 0, total = 0;
        var parts = new KappaParts[rigidityGV.Length];
        for (int i = 0; i < evaluations; i++)
        {
            var spec = DrawPlasma(ref stream);
            long t0 = Stopwatch.GetTimestamp();
            string? err = solver.Compute(spec, rigidityGV, kappa);
            long t1 = Stopwatch.GetTimestamp();
            if (err is not null) throw new InvalidOperationException($"benchmark plasma rejected: {err}");
            times[i] = (t1 - t0) * 1e3 / Stopwatch.Frequency;
            solver.ComputeParts(spec, rigidityGV, parts);
            foreach (var p in parts) { total++; if (p.Unconfined) unconfined++; }
        }
        Array.Sort(times);
        return new KappaBenchmarkResult("fast-modes/isotropic", evaluations, rigidityGV.Length, Quantile(times, 0.5), times[0],
            Quantile(times, 0.1), Quantile(times, 0.9), times[^1], total > 0 ? (double)unconfined / total : 0);
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
