namespace CrInference.Physics.FastModes;

/// <summary>
/// Angles where k_max(θ) is not smooth: a scan over θ ∈ [0, π/2] records the branch that sets the
/// cut-off (<see cref="CascadeCutoff.Classify"/>, no root solves), and every change of branch between
/// neighbours is located by bisection. These are panel edges for any quadrature over the wave angle.
/// </summary>
public static class CutoffBreaks
{
    /// <summary>Sorted break angles found with <paramref name="scanPoints"/> scan intervals.</summary>
    public static double[] Find(CascadeCutoff cutoff, int scanPoints)
    {
        var result = new List<double>();
        double h = 0.5 * Math.PI / scanPoints;
        CutoffBranch Branch(double t) => cutoff.Classify(t);
        var prev = Branch(0);
        for (int i = 1; i <= scanPoints; i++)
        {
            double t = Math.Min(0.5 * Math.PI, i * h);
            var cur = Branch(t);
            if (cur != prev)
            {
                double lo = t - h, hi = t;
                for (int j = 0; j < 36; j++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (Branch(mid) == prev) lo = mid; else hi = mid;
                }
                result.Add(0.5 * (lo + hi));
            }
            prev = cur;
        }
        return result.ToArray();
    }
}
