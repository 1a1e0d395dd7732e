namespace CrInference.Sampling.Nested;

/// <summary>
/// Lloyd's k-means with k = 2 (Lloyd 1982), Euclidean in the unit cube, started from two given
/// centres (the major-axis endpoints of the parent ellipsoid, as in Feroz &amp; Hobson 2008 and
/// dynesty) and run for at most ten passes or until no point changes cluster. Deterministic.
/// </summary>
internal static class TwoMeans
{
    public static (int[] First, int[] Second) Split(
        ReadOnlySpan<double> points, int dimension, ReadOnlySpan<int> members,
        ReadOnlySpan<double> firstStart, ReadOnlySpan<double> secondStart, int maxPasses = 10)
    {
        int d = dimension;
        int m = members.Length;
        Span<double> first = stackalloc double[d];
        Span<double> second = stackalloc double[d];
        firstStart.CopyTo(first);
        secondStart.CopyTo(second);
        var label = new bool[m];
        var assigned = false;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            bool changed = false;
            for (int k = 0; k < m; k++)
            {
                var point = points.Slice(members[k] * d, d);
                double toFirst = 0, toSecond = 0;
                for (int i = 0; i < d; i++)
                {
                    double a = point[i] - first[i];
                    double b = point[i] - second[i];
                    toFirst += a * a;
                    toSecond += b * b;
                }
                bool inSecond = toSecond < toFirst;
                if (!assigned || inSecond != label[k])
                {
                    label[k] = inSecond;
                    changed = true;
                }
            }
            assigned = true;
            if (!changed) break;
            first.Clear();
            second.Clear();
            int countFirst = 0, countSecond = 0;
            for (int k = 0; k < m; k++)
            {
                var point = points.Slice(members[k] * d, d);
                var target = label[k] ? second : first;
                for (int i = 0; i < d; i++) target[i] += point[i];
                if (label[k]) countSecond++;
                else countFirst++;
            }
            if (countFirst == 0 || countSecond == 0) break;
            for (int i = 0; i < d; i++)
            {
                first[i] /= countFirst;
                second[i] /= countSecond;
            }
        }
        var a1 = new List<int>(m);
        var a2 = new List<int>(m);
        for (int k = 0; k < m; k++)
        {
            (label[k] ? a2 : a1).Add(members[k]);
        }
        return ([.. a1], [.. a2]);
    }
}
