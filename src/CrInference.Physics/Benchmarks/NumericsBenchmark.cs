using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrInference.Physics.FastModes;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace CrInference.Physics.Benchmarks;

/// <summary>One hand-written routine timed against its MathNet.Numerics counterpart on the same work.</summary>
/// <param name="Routine">What is compared.</param>
/// <param name="Work">The workload (what one timed unit is).</param>
/// <param name="OursMs">Median wall time of the hand-written routine per unit, ms.</param>
/// <param name="MathNetMs">Median wall time of MathNet's routine per unit, ms.</param>
/// <param name="MaxAbsDifference">Largest |ours − MathNet| over the workload's results.</param>
public sealed record NumericsComparison(string Routine, string Work, double OursMs, double MathNetMs, double MaxAbsDifference)
{
    /// <summary>MathNet time / hand-written time.</summary>
    public double Ratio => MathNetMs / OursMs;
}

/// <summary>
/// <c>./crinf bench numerics</c>: the evidence behind the hand-written numerics kept in <c>FastModes</c> (libraries
/// first, a hand-written routine only where a benchmark shows the hot path needs it). Each row times the same work
/// with our routine and with MathNet.Numerics 5: the Bessel J₁′ that fills the static gyroresonance table
/// (<see cref="GyroKernel"/>, built at every start of a κ-using process) and the adaptive Gauss–Kronrod quadrature of
/// the reference solver (<see cref="ReferenceKappaSolver"/>, nested three deep, used by tests and the convergence study).
/// </summary>
public static class NumericsBenchmark
{
    /// <summary>Runs every comparison <paramref name="repeats"/> times (medians).</summary>
    public static IReadOnlyList<NumericsComparison> Run(int repeats = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        return [BesselRow(repeats), QuadratureRow(repeats)];
    }

    /// <summary>The comparisons as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<NumericsComparison> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("| routine | work unit | ours ms | MathNet ms | MathNet/ours | max abs. difference |\n|---|---|---|---|---|---|\n");
        foreach (var r in rows)
            sb.Append(string.Create(c, $"| {r.Routine} | {r.Work} | {r.OursMs:G4} | {r.MathNetMs:G4} | {r.Ratio:F1} | {r.MaxAbsDifference:E1} |\n"));
        return sb.ToString();
    }

    // J₁′(w) = J₀(w) − J₁(w)/w on the arguments of one σ-row of the Q table (w = σ tan θ up to w ≈ 60).
    private static NumericsComparison BesselRow(int repeats)
    {
        var w = new double[20000];
        for (int i = 0; i < w.Length; i++) w[i] = 60.0 * (i + 0.5) / w.Length;
        double diff = 0;
        foreach (double x in w) diff = Math.Max(diff, Math.Abs(Bessel.J1Prime(x) - MathNetJ1Prime(x)));
        double ours = Median(repeats, () => { double s = 0; foreach (double x in w) s += Bessel.J1Prime(x); return s; });
        double lib = Median(repeats, () => { double s = 0; foreach (double x in w) s += MathNetJ1Prime(x); return s; });
        return new NumericsComparison("Bessel J1' (series/Hankel vs MathNet BesselJ)", $"{w.Length} calls, w in (0, 60]", ours, lib, diff);
    }

    // ∫₀^{θ₀} sin θ cos^{5/2}θ J₁′(σ tan θ)² dθ (the Q kernel, oscillatory for σ tan θ₀ ≫ 1) to relative 1e-10, over
    // a set of (σ, θ₀): our globally adaptive G10/K21 vs MathNet's recursive Gauss–Kronrod (21 points), both with our J₁′.
    private static NumericsComparison QuadratureRow(int repeats)
    {
        var cases = new List<(double Sigma, double Theta)>();
        foreach (double sigma in new[] { 0.01, 0.3, 3, 20, 80 })
            foreach (double theta in new[] { 0.05, 0.6, 1.2, 1.5 }) cases.Add((sigma, theta));
        double diff = 0;
        foreach (var (s, t) in cases) diff = Math.Max(diff, Math.Abs(Ours(s, t) - Library(s, t)));
        double ours = Median(repeats, () => { double a = 0; foreach (var (s, t) in cases) a += Ours(s, t); return a; });
        double lib = Median(repeats, () => { double a = 0; foreach (var (s, t) in cases) a += Library(s, t); return a; });
        return new NumericsComparison("adaptive Gauss-Kronrod (QAG G10/K21 vs MathNet GaussKronrodRule)", $"{cases.Count} Q-kernel integrals to rel. 1e-10", ours, lib, diff);

        static double Ours(double sigma, double theta) => AdaptiveQuadrature.Integrate(t => Integrand(sigma, t), 0, theta, 1e-10, 0, 20000);
        static double Library(double sigma, double theta) => GaussKronrodRule.Integrate(t => Integrand(sigma, t), 0, theta, out _, out _, 1e-10, 15, 21);
    }

    private static double Integrand(double sigma, double theta)
    {
        double c = Math.Cos(theta);
        double jp = Bessel.J1Prime(sigma * Math.Tan(theta));
        return Math.Sin(theta) * c * c * Math.Sqrt(c) * jp * jp;
    }

    private static double MathNetJ1Prime(double w) => SpecialFunctions.BesselJ(0, w) - SpecialFunctions.BesselJ(1, w) / w;

    private static double Median(int repeats, Func<double> work)
    {
        work();
        var times = new double[repeats];
        double sink = 0;
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sink += work();
            times[i] = (Stopwatch.GetTimestamp() - t0) * 1e3 / Stopwatch.Frequency;
        }
        Array.Sort(times);
        return double.IsNaN(sink) ? double.NaN : times[repeats / 2];
    }
}
