using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// A union of ellipsoids bounding the live points in the unit cube (Feroz &amp; Hobson 2008;
/// Feroz, Hobson &amp; Bridges 2009 "MultiNest"; dynesty's 'multi' bound).
/// <para><b>Construction.</b> Start from the bounding ellipsoid of all live points, enlarged to at
/// least the expected prior volume X. Split its points in two by 2-means (<see cref="TwoMeans"/>);
/// each half gets its own bounding ellipsoid, enlarged to at least m X / n for its m points (Feroz
/// &amp; Hobson's volume floor). The split is kept, and its halves split again, when the two
/// volumes sum to less than exp(−k ln N / N) of the parent, k = D(D + 3)/2 parameters per ellipsoid,
/// N points — a BIC penalty as in dynesty's <c>_bounding_ellipsoids</c>; otherwise the halves are
/// still split recursively and the whole subtree is kept if its total volume beats the parent by the
/// penalty for all its extra ellipsoids. A half with fewer than 2D points is never split off.
/// Finally every ellipsoid's volume is multiplied by the enlargement factor (1.25 by default).</para>
/// <para><b>Uniform draws from the union.</b> Pick ellipsoid i with probability V_i / Σ V, draw
/// uniformly inside it, count the q ellipsoids that contain the point and keep it with probability
/// 1/q; the kept points are uniform on the union whatever the overlaps.</para>
/// </summary>
internal sealed class MultiEllipsoid
{
    private readonly Ellipsoid[] _ellipsoids;
    private readonly double[] _cumulative;

    public MultiEllipsoid(IReadOnlyList<Ellipsoid> ellipsoids)
    {
        if (ellipsoids.Count == 0) throw new ArgumentException("a bound needs at least one ellipsoid");
        _ellipsoids = [.. ellipsoids];
        Dimension = _ellipsoids[0].Dimension;
        double maxLog = _ellipsoids.Max(e => e.LogVolume);
        _cumulative = new double[_ellipsoids.Length];
        double sum = 0;
        for (int i = 0; i < _ellipsoids.Length; i++)
        {
            sum += Math.Exp(_ellipsoids[i].LogVolume - maxLog);
            _cumulative[i] = sum;
        }
        for (int i = 0; i < _cumulative.Length; i++) _cumulative[i] /= sum;
        LogVolumeSum = maxLog + Math.Log(sum);
    }

    public int Dimension { get; }

    public IReadOnlyList<Ellipsoid> Ellipsoids => _ellipsoids;

    /// <summary>ln Σ V_i (an upper bound on the union's volume).</summary>
    public double LogVolumeSum { get; }

    /// <summary>Builds the bound of <paramref name="count"/> points (row-major, D columns) whose
    /// expected prior volume is exp(<paramref name="logPriorVolume"/>).</summary>
    public static MultiEllipsoid Build(ReadOnlySpan<double> points, int dimension, int count, double logPriorVolume, double enlargement)
    {
        double logPointVolume = logPriorVolume - Math.Log(count);
        var all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i;
        var root = Ellipsoid.Bounding(points, dimension, all, Math.Log(count) + logPointVolume);
        var pieces = Split(points, dimension, all, root, logPointVolume);
        double factor = Math.Pow(enlargement, 1.0 / dimension);
        return new MultiEllipsoid([.. pieces.Select(e => e.Scaled(factor))]);
    }

    private static List<Ellipsoid> Split(ReadOnlySpan<double> points, int d, int[] members, Ellipsoid parent, double logPointVolume)
    {
        int minCluster = 2 * d;
        if (members.Length < 2 * minCluster) return [parent];
        Span<double> axis = stackalloc double[d];
        Span<double> start0 = stackalloc double[d];
        Span<double> start1 = stackalloc double[d];
        parent.MajorAxis(axis);
        for (int i = 0; i < d; i++)
        {
            start0[i] = parent.Centre[i] - axis[i];
            start1[i] = parent.Centre[i] + axis[i];
        }
        var (first, second) = TwoMeans.Split(points, d, members, start0, start1);
        if (first.Length < minCluster || second.Length < minCluster) return [parent];
        var e1 = Ellipsoid.Bounding(points, d, first, Math.Log(first.Length) + logPointVolume);
        var e2 = Ellipsoid.Bounding(points, d, second, Math.Log(second.Length) + logPointVolume);
        double parameters = d * (d + 3) / 2.0;
        double logN = Math.Log(members.Length);
        double penalty = parameters * logN / members.Length;
        if (LogMath.AddExp(e1.LogVolume, e2.LogVolume) < parent.LogVolume - penalty)
        {
            var accepted = Split(points, d, first, e1, logPointVolume);
            accepted.AddRange(Split(points, d, second, e2, logPointVolume));
            return accepted;
        }
        var deeper = Split(points, d, first, e1, logPointVolume);
        deeper.AddRange(Split(points, d, second, e2, logPointVolume));
        double logTotal = LogMath.SumExp(deeper.Select(e => e.LogVolume));
        return logTotal < parent.LogVolume - penalty * (deeper.Count - 1) ? deeper : [parent];
    }

    /// <summary>One proposal: a point uniform in a volume-weighted ellipsoid, kept with probability
    /// 1/q. False when thinned away. <paramref name="work"/> needs 2D entries.</summary>
    public bool TrySample(ref RandomStream random, Span<double> u, Span<double> work)
    {
        int chosen = 0;
        if (_ellipsoids.Length > 1)
        {
            double pick = random.NextDouble();
            while (chosen < _cumulative.Length - 1 && pick >= _cumulative[chosen]) chosen++;
        }
        _ellipsoids[chosen].Sample(ref random, u, work);
        if (_ellipsoids.Length == 1) return true;
        int q = 1;
        for (int j = 0; j < _ellipsoids.Length; j++)
        {
            if (j != chosen && _ellipsoids[j].Contains(u, work)) q++;
        }
        return q == 1 || random.NextDouble() * q < 1.0;
    }

    /// <summary>Index of an ellipsoid containing <paramref name="u"/>, chosen uniformly among those that
    /// do; the one with the smallest normalised distance when none does.</summary>
    public int PickContaining(ref RandomStream random, ReadOnlySpan<double> u, Span<double> work)
    {
        if (_ellipsoids.Length == 1) return 0;
        Span<int> containing = _ellipsoids.Length <= 256 ? stackalloc int[_ellipsoids.Length] : new int[_ellipsoids.Length];
        int count = 0;
        int nearest = 0;
        double nearestDistance = double.PositiveInfinity;
        for (int j = 0; j < _ellipsoids.Length; j++)
        {
            double distance = _ellipsoids[j].DistanceSquared(u, work);
            if (distance <= 1.0) containing[count++] = j;
            if (distance < nearestDistance)
            {
                nearestDistance = distance;
                nearest = j;
            }
        }
        return count == 0 ? nearest : containing[random.NextInt(count)];
    }

    public bool Contains(ReadOnlySpan<double> u, Span<double> work)
    {
        foreach (var e in _ellipsoids)
        {
            if (e.Contains(u, work)) return true;
        }
        return false;
    }
}
