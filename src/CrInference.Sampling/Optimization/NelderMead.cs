namespace CrInference.Sampling.Optimization;

/// <summary>The end of a <see cref="NelderMead"/> minimisation.</summary>
/// <param name="Point">The best vertex found.</param>
/// <param name="Value">f at <paramref name="Point"/>.</param>
/// <param name="Evaluations">Calls of f, the initial simplex included.</param>
/// <param name="Converged">True when the simplex's values spread by less than the tolerance (else the budget ran out).</param>
public sealed record NelderMeadResult(double[] Point, double Value, int Evaluations, bool Converged);

/// <summary>
/// The Nelder–Mead downhill simplex (Nelder &amp; Mead 1965, Comput. J. 7, 308) with the dimension-adaptive
/// coefficients of Gao &amp; Han (2012, Comput. Optim. Appl. 51, 259): reflection 1, expansion 1 + 2/n,
/// contraction 3/4 − 1/(2n), shrink 1 − 1/n, which keep the simplex from collapsing in ten and more dimensions.
/// f may return +∞ (outside a prior's support): such a vertex is simply the worst one. Deterministic: no randomness,
/// ties broken by vertex order.
/// </summary>
/// <remarks>Stops when max f − min f over the simplex falls below <c>tolerance</c> (absolute; for a log posterior,
/// a few 1e-6 is far below what matters) or after <c>maxEvaluations</c> calls.</remarks>
public static class NelderMead
{
    /// <summary>
    /// Minimises <paramref name="f"/> from the simplex spanned by <paramref name="start"/> and
    /// start + step_i·e_i for every coordinate i.
    /// </summary>
    public static NelderMeadResult Minimize(Func<double[], double> f, ReadOnlySpan<double> start, ReadOnlySpan<double> step,
        int maxEvaluations, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = start.Length;
        if (n == 0 || step.Length != n) throw new ArgumentException($"{n} coordinates and {step.Length} steps");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvaluations, n + 1);
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be > 0");
        double expand = 1 + 2.0 / n, contract = 0.75 - 0.5 / n, shrink = 1 - 1.0 / n;

        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        int evaluations = 0;
        double Eval(double[] x)
        {
            evaluations++;
            double v = f(x);
            return double.IsNaN(v) ? double.PositiveInfinity : v;
        }
        for (int v = 0; v <= n; v++)
        {
            vertices[v] = start.ToArray();
            if (v > 0) vertices[v][v - 1] += step[v - 1];
            values[v] = Eval(vertices[v]);
        }
        var order = Enumerable.Range(0, n + 1).ToArray();
        var centroid = new double[n];
        var reflected = new double[n];
        var trial = new double[n];
        bool converged = false;
        while (true)
        {
            Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (values[worst] - values[best] < tolerance) { converged = true; break; }
            if (evaluations >= maxEvaluations) break;

            Array.Clear(centroid);
            for (int k = 0; k < n; k++)
            {
                var x = vertices[order[k]];
                for (int i = 0; i < n; i++) centroid[i] += x[i] / n;
            }
            Along(centroid, vertices[worst], -1, reflected);
            double fr = Eval(reflected);
            if (fr < values[best])
            {
                Along(centroid, vertices[worst], -expand, trial);
                double fe = Eval(trial);
                if (fe < fr) Replace(worst, trial, fe); else Replace(worst, reflected, fr);
                continue;
            }
            if (fr < values[second])
            {
                Replace(worst, reflected, fr);
                continue;
            }
            bool outside = fr < values[worst];
            Along(centroid, vertices[worst], outside ? -contract : contract, trial);
            double fc = Eval(trial);
            if (outside ? fc <= fr : fc < values[worst])
            {
                Replace(worst, trial, fc);
                continue;
            }
            var keep = vertices[best];
            foreach (int v in order.Skip(1))
            {
                for (int i = 0; i < n; i++) vertices[v][i] = keep[i] + shrink * (vertices[v][i] - keep[i]);
                values[v] = Eval(vertices[v]);
            }
        }
        int winner = order[0];
        return new NelderMeadResult((double[])vertices[winner].Clone(), values[winner], evaluations, converged);

        void Replace(int v, double[] x, double value)
        {
            Array.Copy(x, vertices[v], n);
            values[v] = value;
        }
    }

    /// <summary>result = c + t (x − c): t = −1 reflects x through c, 0 &lt; t &lt; 1 contracts towards c.</summary>
    private static void Along(double[] c, double[] x, double t, double[] result)
    {
        for (int i = 0; i < c.Length; i++) result[i] = c[i] + t * (x[i] - c[i]);
    }
}
