using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Network;

/// <summary>
/// The rigidities at which each species of the network must be solved: the requested ones; for a species that feeds a
/// daughter (straight-ahead fragmentation: a fragment b at rigidity R comes from parents j at R (A/Z)_j/(A/Z)_b, equal
/// velocity per nucleon), the range of the parent rigidities, with gaps of at most <see cref="LossStepDecades"/>, inside
/// which the parent's density is read by interpolation (<see cref="SpeciesSolver.Solution.DensityAt"/>); and — for
/// continuous losses, whose solution at R depends on the transport above R — a ln R mesh of at most
/// <see cref="LossStepDecades"/> per step from the lowest point up to at least <see cref="LossTopGV"/>. Each list is
/// sorted and unique. In KQ22's setting (parents at R) the carbon points include every boron point, so every lookup of
/// the parent hits an exact point.
/// </summary>
/// <remarks>Solving the parents at the shifted rigidities themselves (R/1.1 for ¹¹B from ¹²C, 1.1 R for ¹⁰B from ¹¹B)
/// would nearly double the ¹²C and ¹¹B points of an AMS-02 B/C fit, since the force field puts each isotope's
/// interstellar rigidities apart. Interpolating a spectrum known every ≤ 0.05 decade moves the boron fluxes by ≤ 6e-4
/// relative — the kinks of the tabulated cross-sections inside the stencils (docs/CONVENTIONS.md, the network's
/// secondaries; <c>ParentInterpolationTests</c> asserts 1e-3).</remarks>
internal sealed class SpeciesPlan
{
    /// <summary>Largest step of the continuous-loss mesh, decades (convergence in <c>ContinuousLossTests</c>).</summary>
    public const double LossStepDecades = 0.05;

    /// <summary>The continuous-loss integration starts no lower than this rigidity, GV (ε = h G/τ &lt; 2e-3 there for protons
    /// with every prior range shipped; the start uses the local power-law solution).</summary>
    public const double LossTopGV = 100;

    private SpeciesPlan(double[] protons, double[] carbon, double[] boron11, double[] boron10)
    {
        Protons = protons;
        Carbon = carbon;
        Boron11 = boron11;
        Boron10 = boron10;
    }

    public double[] Protons { get; }
    public double[] Carbon { get; }
    public double[] Boron11 { get; }
    public double[] Boron10 { get; }

    /// <summary>Every point of every species, sorted and unique (where transport coefficients are needed).</summary>
    public double[] Union() => MergeUnique(MergeUnique(Protons, Carbon), MergeUnique(Boron11, Boron10));

    /// <summary>R_parent/R_fragment for straight-ahead fragmentation (1 in KQ22's setting).</summary>
    public static double ParentRigidityRatio(Nucleus parent, Nucleus fragment, bool paperPhysics) =>
        paperPhysics ? 1.0 : parent.MassToCharge / fragment.MassToCharge;

    /// <summary>Builds the plan. Each argument holds the requested rigidities of that species (any order, repeats allowed; empty:
    /// not requested); <paramref name="carbonLike"/> holds the ¹²C, ¹⁴N and ¹⁶O requests (all three are read off the ¹²C solution).</summary>
    public static SpeciesPlan Build(double[] protons, double[] carbonLike, double[] boron11, double[] boron10, bool paperPhysics, bool continuousLosses)
    {
        double[] Finish(double[] sorted) => continuousLosses ? LossMesh(sorted) : sorted;

        // KQ22's setting counts all boron as 11B: 10B is never produced, so it needs nothing from the others.
        var b10 = SortedUnique(boron10);
        if (!paperPhysics) b10 = Finish(b10);
        var b11 = SortedUnique(boron11);
        double[] carbon;
        if (paperPhysics)
        {
            b11 = Finish(b11);
            carbon = Finish(MergeUnique(SortedUnique(carbonLike), b11));
        }
        else
        {
            b11 = Finish(Covering(b11, Scaled(b10, ParentRigidityRatio(Nucleus.Boron11, Nucleus.Boron10, false))));
            var parents = MergeUnique(Scaled(b11, ParentRigidityRatio(Nucleus.Carbon12, Nucleus.Boron11, false)),
                Scaled(b10, ParentRigidityRatio(Nucleus.Carbon12, Nucleus.Boron10, false)));
            carbon = Finish(Covering(SortedUnique(carbonLike), parents));
        }
        return new SpeciesPlan(Finish(SortedUnique(protons)), carbon, b11, b10);
    }

    /// <summary>Sorted unique copy.</summary>
    public static double[] SortedUnique(double[] points)
    {
        var array = (double[])points.Clone();
        Array.Sort(array);
        int count = 0;
        for (int i = 0; i < array.Length; i++)
        {
            if (count == 0 || array[i] != array[count - 1]) array[count++] = array[i];
        }
        Array.Resize(ref array, count);
        return array;
    }

    /// <summary>The sorted unique union of two sorted unique arrays.</summary>
    public static double[] MergeUnique(double[] a, double[] b)
    {
        if (b.Length == 0) return a;
        if (a.Length == 0) return b;
        var merged = new double[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            double next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (n == 0 || next != merged[n - 1]) merged[n++] = next;
        }
        Array.Resize(ref merged, n);
        return merged;
    }

    /// <summary><paramref name="points"/> extended to the range of <paramref name="needed"/> (both sorted and unique), with
    /// every gap wider than <see cref="LossStepDecades"/> filled: a parent known there can be read anywhere in the range.
    /// Where the range reaches past the points, the new end lies at least one step beyond them (a needed end a hair
    /// beyond the last point would otherwise make a near-duplicate node and an ill-conditioned interpolation).</summary>
    public static double[] Covering(double[] points, double[] needed)
    {
        if (needed.Length == 0) return points;
        double step = LossStepDecades * Math.Log(10);
        var ends = new List<double>(2);
        if (points.Length == 0) ends.AddRange(needed.Length == 1 ? [needed[0]] : [needed[0], needed[^1]]);
        else
        {
            if (needed[0] < points[0]) ends.Add(Math.Min(needed[0], points[0] * Math.Exp(-step)));
            if (needed[^1] > points[^1]) ends.Add(Math.Max(needed[^1], points[^1] * Math.Exp(step)));
        }
        return [.. Filled(MergeUnique(points, [.. ends]), step)];
    }

    private static double[] Scaled(double[] sorted, double factor)
    {
        var scaled = new double[sorted.Length];
        for (int i = 0; i < sorted.Length; i++) scaled[i] = sorted[i] * factor;
        return scaled;
    }

    /// <summary>The points plus the mesh of the continuous-loss integration (gaps of at most <see cref="LossStepDecades"/>,
    /// extended up to <see cref="LossTopGV"/>).</summary>
    public static double[] LossMesh(double[] sortedPoints)
    {
        if (sortedPoints.Length == 0) return sortedPoints;
        double step = LossStepDecades * Math.Log(10);
        var list = Filled(sortedPoints, step);
        if (sortedPoints[^1] < LossTopGV)
        {
            AddGap(list, sortedPoints[^1], LossTopGV, step);
            list.Add(LossTopGV);
        }
        return list.ToArray();
    }

    // The sorted points with every gap wider than step (in ln R) split into equal pieces.
    private static List<double> Filled(double[] sortedPoints, double step)
    {
        var list = new List<double>(sortedPoints.Length * 2);
        for (int i = 0; i < sortedPoints.Length; i++)
        {
            if (i > 0) AddGap(list, sortedPoints[i - 1], sortedPoints[i], step);
            list.Add(sortedPoints[i]);
        }
        return list;
    }

    private static void AddGap(List<double> list, double low, double high, double step)
    {
        double width = Math.Log(high / low);
        int pieces = (int)Math.Ceiling(width / step);
        for (int k = 1; k < pieces; k++) list.Add(low * Math.Exp(width * k / pieces));
    }
}
