using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Network;

/// <summary>
/// The rigidities at which each species of the network must be solved: the requested ones, those where it feeds a
/// daughter (straight-ahead fragmentation: a fragment b at rigidity R comes from parents j at R (A/Z)_j/(A/Z)_b, equal
/// velocity per nucleon; KQ22's setting: at R), and — for continuous losses, whose solution at R depends on the
/// transport above R — a ln R mesh of at most <see cref="LossStepDecades"/> per step from the lowest point up to at least
/// <see cref="LossTopGV"/>. Each list is sorted and unique; parents' points are built from their daughters' final points,
/// so every lookup of a parent at a daughter's rigidity hits an exact point.
/// </summary>
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
    public double[] Union() => SortedUnique([.. Protons, .. Carbon, .. Boron11, .. Boron10]);

    /// <summary>R_parent/R_fragment for straight-ahead fragmentation (1 in KQ22's setting).</summary>
    public static double ParentRigidityRatio(Nucleus parent, Nucleus fragment, bool paperPhysics) =>
        paperPhysics ? 1.0 : parent.MassToCharge / fragment.MassToCharge;

    /// <summary>Builds the plan. Each argument is the set of requested rigidities of that species (empty: not requested);
    /// <paramref name="carbonLike"/> holds the ¹²C, ¹⁴N and ¹⁶O requests (all three are read off the ¹²C solution).</summary>
    public static SpeciesPlan Build(IEnumerable<double> protons, IEnumerable<double> carbonLike, IEnumerable<double> boron11,
        IEnumerable<double> boron10, bool paperPhysics, bool continuousLosses)
    {
        double[] Finish(IEnumerable<double> points) => continuousLosses ? LossMesh(SortedUnique(points)) : SortedUnique(points);

        // KQ22's setting counts all boron as 11B: 10B is never produced, so it needs nothing from the others.
        var b10 = SortedUnique(boron10);
        if (!paperPhysics) b10 = Finish(b10);
        double tertiary = ParentRigidityRatio(Nucleus.Boron11, Nucleus.Boron10, paperPhysics);
        var b11 = Finish(paperPhysics ? boron11 : boron11.Concat(b10.Select(r => r * tertiary)));
        double from11 = ParentRigidityRatio(Nucleus.Carbon12, Nucleus.Boron11, paperPhysics);
        double from10 = ParentRigidityRatio(Nucleus.Carbon12, Nucleus.Boron10, paperPhysics);
        var parents = b11.Select(r => r * from11);
        if (!paperPhysics) parents = parents.Concat(b10.Select(r => r * from10));
        var carbon = Finish(carbonLike.Concat(parents));
        return new SpeciesPlan(Finish(protons), carbon, b11, b10);
    }

    /// <summary>Sorted unique copy.</summary>
    public static double[] SortedUnique(IEnumerable<double> points)
    {
        var array = points.ToArray();
        Array.Sort(array);
        int count = 0;
        for (int i = 0; i < array.Length; i++)
        {
            if (count == 0 || array[i] != array[count - 1]) array[count++] = array[i];
        }
        Array.Resize(ref array, count);
        return array;
    }

    /// <summary>The points plus the mesh of the continuous-loss integration (gaps of at most <see cref="LossStepDecades"/>,
    /// extended up to <see cref="LossTopGV"/>).</summary>
    public static double[] LossMesh(double[] sortedPoints)
    {
        if (sortedPoints.Length == 0) return sortedPoints;
        double step = LossStepDecades * Math.Log(10);
        var list = new List<double>(sortedPoints.Length * 2);
        for (int i = 0; i < sortedPoints.Length; i++)
        {
            if (i > 0) AddGap(list, sortedPoints[i - 1], sortedPoints[i], step);
            list.Add(sortedPoints[i]);
        }
        if (sortedPoints[^1] < LossTopGV)
        {
            AddGap(list, sortedPoints[^1], LossTopGV, step);
            list.Add(LossTopGV);
        }
        return list.ToArray();
    }

    private static void AddGap(List<double> list, double low, double high, double step)
    {
        double width = Math.Log(high / low);
        int pieces = (int)Math.Ceiling(width / step);
        for (int k = 1; k < pieces; k++) list.Add(low * Math.Exp(width * k / pieces));
    }
}
