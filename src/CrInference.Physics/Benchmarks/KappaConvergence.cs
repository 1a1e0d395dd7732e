using System.Globalization;
using System.Text;
using CrInference.Physics.FastModes;
using CrInference.Physics.Transport;

namespace CrInference.Physics.Benchmarks;

/// <summary>Convergence of κ for one plasma: default vs doubled resolution, and fast path vs reference.</summary>
/// <param name="Plasma">Preset name.</param>
/// <param name="Points">Rigidities compared (log-spaced over the range).</param>
/// <param name="MaxRelChangeDoubled">max |κ(2×resolution)/κ(default) − 1| over the rigidities.</param>
/// <param name="RigidityAtMaxChangeGV">Where that maximum occurs.</param>
/// <param name="ReferencePoints">Rigidities also evaluated with <see cref="ReferenceKappaSolver"/> (0 = skipped).</param>
/// <param name="MaxRelDiffReference">max |κ(fast)/κ(reference) − 1| over those rigidities.</param>
/// <param name="RigidityAtMaxDiffGV">Where that maximum occurs.</param>
public sealed record KappaConvergenceRow(string Plasma, int Points, double MaxRelChangeDoubled, double RigidityAtMaxChangeGV,
    int ReferencePoints, double MaxRelDiffReference, double RigidityAtMaxDiffGV);

/// <summary>Per-rigidity detail of the convergence study.</summary>
public sealed record KappaConvergenceDetail(string Plasma, double RigidityGV, double Kappa, double KappaDoubled, double? KappaReference);

/// <summary>The convergence study: summary rows and per-rigidity details.</summary>
public sealed record KappaConvergenceResult(IReadOnlyList<KappaConvergenceRow> Rows, IReadOnlyList<KappaConvergenceDetail> Details)
{
    /// <summary>The summary as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| plasma | points | max rel. change (doubled) | at R [GV] | reference points | max rel. diff (reference) | at R [GV] |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var r in Rows)
            sb.Append(string.Create(c, $"| {r.Plasma} | {r.Points} | {r.MaxRelChangeDoubled:E2} | {r.RigidityAtMaxChangeGV:G4} | {r.ReferencePoints} | {(r.ReferencePoints > 0 ? r.MaxRelDiffReference.ToString("E2", c) : "-")} | {(r.ReferencePoints > 0 ? r.RigidityAtMaxDiffGV.ToString("G4", c) : "-")} |\n"));
        return sb.ToString();
    }

    /// <summary>The per-rigidity details as a Markdown table.</summary>
    public string DetailsMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| plasma | R [GV] | kappa [cm^2/s] | doubled | rel. change | reference | rel. diff |\n|---|---|---|---|---|---|---|\n");
        foreach (var d in Details)
        {
            string refText = d.KappaReference is double k ? k.ToString("E6", c) : "-";
            string diff = d.KappaReference is double kr ? (d.Kappa / kr - 1).ToString("E2", c) : "-";
            sb.Append(string.Create(c, $"| {d.Plasma} | {d.RigidityGV:G4} | {d.Kappa:E6} | {d.KappaDoubled:E6} | {d.KappaDoubled / d.Kappa - 1:E2} | {refText} | {diff} |\n"));
        }
        return sb.ToString();
    }
}

/// <summary>
/// <c>./crinf bench kappa --convergence</c>: for the Figure 3 warm and halo plasmas and the §4.2 warm ISM,
/// κ at <c>points</c> log-spaced rigidities over [1, 1e5] GV with the default
/// <see cref="FastKappaResolution"/> and with every resolution doubled (<see cref="FastKappaResolution.Doubled"/>),
/// and — at every <c>referenceEvery</c>-th rigidity — against the adaptive <see cref="ReferenceKappaSolver"/>
/// (relative tolerance 1e-7; a few seconds per point). The issue's contract: both maxima ≤ 1e-3.
/// </summary>
public static class KappaConvergence
{
    /// <summary>Runs the study (isotropic cascade).</summary>
    public static KappaConvergenceResult Run(int points = 25, int referenceEvery = 4, double fromGV = 1, double toGV = 1e5,
        double referenceTolerance = 1e-7)
    {
        var grid = FastModeTables.LogSpace(fromGV, toGV, points);
        var fast = new FastKappaSolver();
        var doubled = new FastKappaSolver(FastKappaResolution.Default.Doubled());
        var rows = new List<KappaConvergenceRow>();
        var details = new List<KappaConvergenceDetail>();
        foreach (string name in FastModePresets.Names)
        {
            var spec = FastModePresets.ByName(name)!;
            var k1 = new double[grid.Length];
            var k2 = new double[grid.Length];
            Check(fast.Compute(spec, grid, k1));
            Check(doubled.Compute(spec, grid, k2));
            ReferenceKappaSolver? reference = null;
            if (referenceEvery > 0)
            {
                FastModePlasma.TryCreate(spec, out var plasma);
                reference = new ReferenceKappaSolver(plasma!, FastModeVariant.Isotropic, AnisotropicWandering.Alfvenic, referenceTolerance);
            }
            double maxChange = 0, atChange = grid[0], maxDiff = 0, atDiff = double.NaN;
            int refCount = 0;
            for (int i = 0; i < grid.Length; i++)
            {
                double change = Math.Abs(k2[i] / k1[i] - 1);
                if (change > maxChange) { maxChange = change; atChange = grid[i]; }
                double? kr = null;
                if (reference is not null && (i % referenceEvery == 0 || i == grid.Length - 1))
                {
                    kr = reference.Kappa(grid[i]).Total;
                    refCount++;
                    double diff = Math.Abs(k1[i] / kr.Value - 1);
                    if (!(diff <= maxDiff)) { maxDiff = diff; atDiff = grid[i]; }
                }
                details.Add(new KappaConvergenceDetail(name, grid[i], k1[i], k2[i], kr));
            }
            rows.Add(new KappaConvergenceRow(name, grid.Length, maxChange, atChange, refCount, maxDiff, atDiff));
        }
        return new KappaConvergenceResult(rows, details);
    }

    private static void Check(string? error)
    {
        if (error is not null) throw new InvalidOperationException(error);
    }

    /// <summary>
    /// The interpolating provider (<see cref="KappaInterpolation"/>) against the converged quadrature (every resolution
    /// doubled) and against the exact fast path, at <paramref name="plasmas"/> random points of the benchmark box on a
    /// likelihood-like grid (<paramref name="points"/> log-spaced rigidities from 0.08 GV to 2 TV).
    /// </summary>
    public static KappaInterpolationCheck RunInterpolation(int plasmas = 20, int points = 133, ulong seed = 20220412)
    {
        var grid = FastModeTables.LogSpace(0.08, 2000, points);
        var fast = new FastKappaSolver();
        var doubled = new FastKappaSolver(FastKappaResolution.Default.Doubled());
        var stream = Core.Random.RandomKey.FromSeed(seed).Open();
        double worstInterpolated = 0, worstExactPath = 0, worstAll = 0;
        int flagMismatches = 0, compared = 0, interpolatedPoints = 0;
        long evaluations = 0;
        for (int p = 0; p < plasmas; p++)
        {
            var spec = KappaBenchmark.DrawPlasma(ref stream);
            FastModePlasma.TryCreate(spec, out var plasma);
            var exact = new KappaParts[grid.Length];
            var converged = new KappaParts[grid.Length];
            Check(fast.ComputeParts(spec, grid, exact));
            Check(doubled.ComputeParts(spec, grid, converged));
            var kappa = new double[grid.Length];
            var unconfined = new bool[grid.Length];
            var interpolated = new bool[grid.Length];
            evaluations += KappaInterpolation.Evaluate(fast, plasma!, grid, kappa, unconfined, interpolated).ExactEvaluations;
            for (int i = 0; i < grid.Length; i++)
            {
                if (unconfined[i] != exact[i].Unconfined) flagMismatches++;
                if (unconfined[i] || exact[i].Unconfined || converged[i].Unconfined) continue;
                compared++;
                double error = Math.Abs(kappa[i] / converged[i].Total - 1);
                worstAll = Math.Max(worstAll, error);
                worstExactPath = Math.Max(worstExactPath, Math.Abs(exact[i].Total / converged[i].Total - 1));
                if (!interpolated[i]) continue;
                interpolatedPoints++;
                worstInterpolated = Math.Max(worstInterpolated, error);
            }
        }
        return new KappaInterpolationCheck(plasmas, grid.Length, compared, interpolatedPoints, (double)evaluations / plasmas, worstInterpolated, worstAll, worstExactPath, flagMismatches);
    }
}

/// <summary>Result of <see cref="KappaConvergence.RunInterpolation"/> (relative differences from the converged quadrature).</summary>
/// <param name="Plasmas">Random plasma points.</param>
/// <param name="GridPoints">Rigidities per grid.</param>
/// <param name="Compared">Confined (plasma, rigidity) values compared.</param>
/// <param name="Interpolated">Of those, values the provider interpolated.</param>
/// <param name="ExactPerGrid">Mean exact evaluations per grid.</param>
/// <param name="MaxInterpolated">Largest difference at interpolated values.</param>
/// <param name="MaxAll">Largest difference at any value the provider returned.</param>
/// <param name="MaxExactPath">Largest difference of the exact fast path itself.</param>
/// <param name="FlagMismatches">Values where the provider and the exact path disagree on confinement.</param>
public sealed record KappaInterpolationCheck(int Plasmas, int GridPoints, int Compared, int Interpolated, double ExactPerGrid,
    double MaxInterpolated, double MaxAll, double MaxExactPath, int FlagMismatches)
{
    /// <summary>The check as a Markdown table.</summary>
    public string ToMarkdown() =>
        "| plasmas | grid points | confined values | interpolated | exact evaluations per grid | max rel. diff interpolated | max rel. diff all | exact path max rel. diff | confinement mismatches |\n" +
        "|---|---|---|---|---|---|---|---|---|\n" +
        string.Create(CultureInfo.InvariantCulture, $"| {Plasmas} | {GridPoints} | {Compared} | {Interpolated} | {ExactPerGrid:F1} | {MaxInterpolated:E2} | {MaxAll:E2} | {MaxExactPath:E2} | {FlagMismatches} |\n");
}
