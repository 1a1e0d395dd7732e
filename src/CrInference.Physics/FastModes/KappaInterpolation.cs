namespace CrInference.Physics.FastModes;

/// <summary>
/// κ (KQ22 A3) on a rigidity grid from exact fast-path evaluations (<see cref="FastKappaSolver"/>) at fewer points:
/// nodes on a lattice uniform in ln R (<see cref="NodesPerDecade"/>) and cubic Lagrange interpolation in ln R of ln(κ/κ_cap),
/// κ_cap = v L/3 the free-streaming cap,
/// where an error estimate shows it is good to <see cref="Tolerance"/>; every other grid point is evaluated exactly.
/// </summary>
/// <remarks>
/// <para>κ(R) is smooth in ln R away from the confinement edge but has sharp features (the cone edge θ_b(k∥L) jumps where
/// modes turn collisionless, seen through the narrow μ → 1 resonance): a fixed coarse grid is not good to 1e-3 (cubic
/// interpolation at 12 nodes per decade errs by up to 1e-2 over the benchmark box), so the interpolation is verified
/// locally. Between two neighbouring nodes a and b the estimate is the largest difference, at the grid points inside,
/// between the central cubic (two nodes each side) and the cubics shifted one node left and right; accepted when below
/// <see cref="Tolerance"/> (relative), else the interval is bisected with a new node (while it holds two or more grid
/// points), else its grid points are evaluated exactly. Over 40 random plasma points of the benchmark box, on the 72-point
/// AMS-02 proton grid and on the 154-point union of the two-phase likelihood's grids, the interpolated κ stayed within
/// 2.7e-4 of the converged quadrature (every resolution doubled) wherever the exact path is within 1e-3 of it
/// (<c>KappaInterpolationTests</c> repeats the check); the exact path's own error is ≲ 3e-4 except at the first one or two
/// rigidities past a confinement edge, which are evaluated exactly.</para>
/// <para>Confinement edges are handled exactly, with no assumption about where κ is unconfined: the interpolation is
/// used only where the six nodes around the interval are all confined with κ below κ_cap/e (κ climbs steeply to the cap
/// at an edge, where the exact path itself flips between confined and unconfined) and the interpolated κ stays 1 % below
/// κ_cap; every grid point in an interval touching an unconfined node, or with such a node in its stencils, is evaluated
/// exactly, so a rigidity is reported unconfined where the exact fast path says so (up to the exact path's dependence on the
/// rigidity range its per-plasma tables cover, which could flip a point within ~1e-3 of the cap; no flip occurred in the
/// tests). Unconfined evaluations are cheap: the pitch-angle sum stops once it passes the cap.</para>
/// <para>Grid points fall into rounds: each round evaluates the new nodes and the points to be done exactly in one
/// batch, so the per-α work of the fast path (TTD node set) is shared. The result is deterministic: nodes, bisections
/// and choices depend only on the grid and the plasma.</para>
/// </remarks>
public static class KappaInterpolation
{
    /// <summary>Lattice nodes per decade of rigidity (ln R step ln 10/4).</summary>
    public const int NodesPerDecade = 4;

    /// <summary>Largest accepted estimate of the interpolation error in ln κ (≈ relative error).</summary>
    public const double Tolerance = 2e-4;

    /// <summary>The same at grid points flagged as derived (e.g. the boron network's parent rigidities and its continuous-loss
    /// mesh, which enter the predictions only through sums and integrals): with the exact path's own error (≲ 3e-4) κ stays
    /// within 1e-3 of the converged quadrature there too (<c>KappaInterpolationTests</c>).</summary>
    public const double DerivedTolerance = 7e-4;

    // Interpolated κ must stay this far (in ln κ) below the cap, else it is evaluated exactly.
    private const double CapMargin = 0.01;

    // Stencil nodes must lie this far (in ln κ) below the cap: κ rises steeply to the cap at a confinement edge, where the
    // exact path itself flips between confined and unconfined, so intervals near an edge are evaluated exactly.
    private const double StencilCapMargin = 1.0;

    // Bisection stops at this interval width in ln R (then the grid points inside are evaluated exactly).
    private const double MinimumWidth = 1e-3;

    private static readonly double Step = Math.Log(10) / NodesPerDecade;

    /// <summary>How a grid's κ was obtained.</summary>
    /// <param name="GridPoints">Distinct rigidities asked for.</param>
    /// <param name="ExactEvaluations">Rigidities evaluated by the fast path (lattice and bisection nodes, and grid points done exactly).</param>
    /// <param name="Interpolated">Grid points whose κ was interpolated.</param>
    public readonly record struct Counts(int GridPoints, int ExactEvaluations, int Interpolated);

    /// <summary>Whether interpolation can save evaluations on <paramref name="sortedRigidityGV"/> (ascending, distinct):
    /// the lattice covering it must have fewer nodes than the grid has points.</summary>
    public static bool Worthwhile(ReadOnlySpan<double> sortedRigidityGV)
    {
        if (sortedRigidityGV.Length < 8) return false;
        var (lo, hi) = LatticeRange(sortedRigidityGV[0], sortedRigidityGV[^1]);
        return hi - lo + 1 < sortedRigidityGV.Length;
    }

    /// <summary>
    /// κ (cm² s⁻¹) and the unconfined flags at <paramref name="sortedRigidityGV"/> (ascending, distinct, validated) for a
    /// validated plasma; unconfined points get the cap v L/3 as the exact path does. <paramref name="interpolated"/>
    /// (optional, same length) flags the points whose κ was interpolated; <paramref name="derived"/> (optional, same length)
    /// flags the points interpolated to <see cref="DerivedTolerance"/> instead of <see cref="Tolerance"/>.
    /// </summary>
    public static Counts Evaluate(FastKappaSolver solver, FastModePlasma plasma, ReadOnlySpan<double> sortedRigidityGV,
        Span<double> kappa, Span<bool> unconfined, Span<bool> interpolated = default, ReadOnlySpan<bool> derived = default)
    {
        int n = sortedRigidityGV.Length;
        var (kLo, kHi) = LatticeRange(sortedRigidityGV[0], sortedRigidityGV[^1]);
        var setup = solver.Prepare(plasma, [Math.Exp(kLo * Step), Math.Exp(kHi * Step)]);
        var nodes = new SortedList<double, double>();   // ln R → ln(κ/κ_cap) (NaN: unconfined)
        var lnTarget = new double[n];
        var state = new TargetState[n];
        for (int i = 0; i < n; i++) lnTarget[i] = Math.Log(sortedRigidityGV[i]);
        var batch = new List<(double LnR, double RigidityGV)>();
        for (int k = kLo; k <= kHi; k++) batch.Add((k * Step, Math.Exp(k * Step)));
        int exact = 0;
        while (batch.Count > 0)
        {
            exact += EvaluateBatch(solver, setup, batch, nodes, lnTarget, state, kappa, unconfined);
            batch.Clear();
            Decide(nodes, lnTarget, state, kappa, unconfined, sortedRigidityGV, plasma, batch, derived);
        }
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            bool value = state[i] == TargetState.Interpolated;
            if (value) count++;
            if (!interpolated.IsEmpty) interpolated[i] = value;
        }
        return new Counts(n, exact, count);
    }

    private enum TargetState : byte { Pending, Exact, Interpolated, Queued }

    private static (int Lo, int Hi) LatticeRange(double minGV, double maxGV) =>
        // Two nodes beyond the intervals that hold the first and the last grid point: the shifted stencils need three
        // nodes on each side of an interval.
        ((int)Math.Floor(Math.Log(minGV) / Step) - 2, (int)Math.Ceiling(Math.Log(maxGV) / Step) + 2);

    // Evaluates the batch (nodes, and grid points queued for exact evaluation, at their own rigidity) and records every
    // value as a node; a grid point that coincides with an evaluated rigidity takes its exact value.
    private static int EvaluateBatch(FastKappaSolver solver, FastKappaSetup setup, List<(double LnR, double RigidityGV)> batch,
        SortedList<double, double> nodes, double[] lnTarget, TargetState[] state, Span<double> kappa, Span<bool> unconfined)
    {
        batch.Sort();
        var rigidity = new double[batch.Count];
        for (int i = 0; i < rigidity.Length; i++) rigidity[i] = batch[i].RigidityGV;
        var parts = new KappaParts[rigidity.Length];
        solver.Evaluate(setup, rigidity, parts, partsWanted: false);
        for (int i = 0; i < rigidity.Length; i++)
        {
            nodes[batch[i].LnR] = parts[i].Unconfined ? double.NaN : Math.Log(parts[i].Total / KappaKinematics.For(rigidity[i], setup.Plasma).FreeStreaming);
            int hit = Array.BinarySearch(lnTarget, batch[i].LnR);
            if (hit < 0) continue;
            // Distinct rigidities one ulp apart can share ln R: every grid point with this ln R takes the value.
            int first = hit, last = hit;
            while (first > 0 && lnTarget[first - 1] == lnTarget[hit]) first--;
            while (last + 1 < lnTarget.Length && lnTarget[last + 1] == lnTarget[hit]) last++;
            for (int t = first; t <= last; t++)
            {
                if (state[t] == TargetState.Exact) continue;
                kappa[t] = parts[i].Total;
                unconfined[t] = parts[i].Unconfined;
                state[t] = TargetState.Exact;
            }
        }
        return rigidity.Length;
    }

    // For every interval between neighbouring nodes that holds pending grid points: interpolate, bisect, or queue them.
    private static void Decide(SortedList<double, double> nodes, double[] lnTarget, TargetState[] state, Span<double> kappa,
        Span<bool> unconfined, ReadOnlySpan<double> rigidityGV, FastModePlasma plasma, List<(double LnR, double RigidityGV)> batch,
        ReadOnlySpan<bool> derived)
    {
        var x = nodes.Keys;
        var y = nodes.Values;
        int t = 0;
        for (int j = 0; j + 1 < x.Count && t < lnTarget.Length; j++)
        {
            while (t < lnTarget.Length && lnTarget[t] <= x[j]) t++;
            int first = t;
            while (t < lnTarget.Length && lnTarget[t] < x[j + 1]) t++;
            int pending = 0;
            for (int i = first; i < t; i++) if (state[i] == TargetState.Pending) pending++;
            if (pending == 0) continue;
            bool stencil = j >= 2 && j + 3 < x.Count;
            for (int s = j - 2; stencil && s <= j + 3; s++) stencil = y[s] < -StencilCapMargin;
            if (stencil && TryInterpolate(x, y, j, first, t, lnTarget, state, kappa, unconfined, rigidityGV, plasma, derived)) continue;
            bool inner = !double.IsNaN(y[j]) && !double.IsNaN(y[j + 1]);
            if (inner && pending >= 2 && x[j + 1] - x[j] > MinimumWidth)
            {
                double mid = 0.5 * (x[j] + x[j + 1]);
                batch.Add((mid, Math.Exp(mid)));
                continue;
            }
            for (int i = first; i < t; i++)
            {
                if (state[i] != TargetState.Pending) continue;
                state[i] = TargetState.Queued;
                batch.Add((lnTarget[i], rigidityGV[i]));
            }
        }
    }

    // Interpolates the pending grid points in (x[j], x[j+1]) if the three cubics agree to the tolerance and stay below the cap.
    private static bool TryInterpolate(IList<double> x, IList<double> y, int j, int from, int to, double[] lnTarget, TargetState[] state,
        Span<double> kappa, Span<bool> unconfined, ReadOnlySpan<double> rigidityGV, FastModePlasma plasma, ReadOnlySpan<bool> derived)
    {
        Span<double> values = stackalloc double[to - from];
        for (int i = from; i < to; i++)
        {
            if (state[i] != TargetState.Pending) continue;
            double u = lnTarget[i];
            double central = Cubic(x, y, j - 1, u);
            double error = Math.Max(Math.Abs(Cubic(x, y, j - 2, u) - central), Math.Abs(Cubic(x, y, j, u) - central));
            double tolerance = !derived.IsEmpty && derived[i] ? DerivedTolerance : Tolerance;
            if (!(error < tolerance) || !(central < -CapMargin)) return false;
            values[i - from] = central;
        }
        for (int i = from; i < to; i++)
        {
            if (state[i] != TargetState.Pending) continue;
            kappa[i] = KappaKinematics.For(rigidityGV[i], plasma).FreeStreaming * Math.Exp(values[i - from]);
            unconfined[i] = false;
            state[i] = TargetState.Interpolated;
        }
        return true;
    }

    // Lagrange cubic through nodes s .. s+3 at u.
    private static double Cubic(IList<double> x, IList<double> y, int s, double u)
    {
        double sum = 0;
        for (int a = s; a < s + 4; a++)
        {
            double w = 1;
            for (int b = s; b < s + 4; b++)
                if (b != a) w *= (u - x[b]) / (x[a] - x[b]);
            sum += w * y[a];
        }
        return sum;
    }
}
