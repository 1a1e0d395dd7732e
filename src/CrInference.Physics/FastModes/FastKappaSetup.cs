using CrInference.Core;

namespace CrInference.Physics.FastModes;

/// <summary>
/// Everything the fast κ path needs from one plasma, computed once per plasma point and shared by all
/// rigidities: the cut-off model with tabulated collisionless windows, the undamped-cone table θ_b(k∥L)
/// over the parallel wavenumbers resonant with the requested rigidities, the wave angles where k_max(θ) is
/// not smooth, k_max at the fixed TTD wave-angle nodes, and a Chebyshev fit of ln k_max(ξ) on the
/// quasi-perpendicular tail ξ ≤ 0.25.
/// </summary>
public sealed class FastKappaSetup
{
    /// <summary>Quasi-perpendicular tail ξ ∈ [0, ξ_t] handled in the TTD-resonance variable (at most this ξ_t).</summary>
    public const double TailXi = 0.25;

    /// <summary>Smallest resonant u = 1/(xξR) kept (the u-integrand ∝ u^{5/2} below; weight &lt; 1e-10).</summary>
    public const double MinResonantU = 1e-4;

    /// <summary>Largest resonant u kept (the Gaussian exp(−(u − μ)²/Δμ²) is &lt; e^{−1600} beyond, ℳ_A ≤ 2).</summary>
    public const double MaxResonantU = 60;

    /// <summary>Builds the setup for rigidities with Larmor ratios R = r_L/L in [<paramref name="rMin"/>, <paramref name="rMax"/>]
    /// and particle speeds down to <paramref name="minSpeed"/>.</summary>
    public FastKappaSetup(FastModePlasma plasma, FastKappaResolution res, double rMin, double rMax, double minSpeed)
    {
        Plasma = plasma;
        Cutoff = new CascadeCutoff(plasma, FastModeVariant.Isotropic, AnisotropicWandering.Alfvenic, exactWindows: false, tableRefinement: res.KernelRefinement);
        EpsilonLight = plasma.AlfvenSpeed / PhysicalConstants.SpeedOfLightCmPerS;
        EpsilonMax = plasma.AlfvenSpeed / minSpeed;

        // The cone table also serves the TTD wave-angle breaks: cover k∥ down to that of the tail angle.
        double thetaTail = Math.Acos(TailXi);
        double yTail = Cutoff.MaxWavenumber(thetaTail).X * TailXi;
        YMin = Math.Max(1e-3, Math.Min(1.0 / (MaxResonantU * rMax), 0.5 * yTail));
        YMax = 1.0 / (MinResonantU * rMin);
        Cone = new ConeTable(Cutoff, YMin, YMax, res.ConeStep);
        Support = Cone.Pieces.Where(p => !p.Empty).Select(p => (p.Start, p.End)).ToArray();

        // Wave-angle breaks: branch changes of k_max(θ) and the steep features of the cone edge.
        var breaks = new List<double>(CutoffBreaks.Find(Cutoff, res.BreakScan));
        foreach (double y in Cone.SoftBreaks)
        {
            double t = Math.Exp(Cone.LnAngle(Math.Log(y)));
            if (t > 0 && t < 0.5 * Math.PI) breaks.Add(t);
        }
        breaks.Sort();
        ThetaBreaks = breaks.ToArray();

        double tailTheta = Math.Acos(TailXi);
        double lastBreak = ThetaBreaks.Length > 0 ? ThetaBreaks[^1] : 0;
        double bulkEnd = Math.Max(tailTheta, lastBreak);
        var edges = new List<double> { 0 };
        foreach (double b in ThetaBreaks) if (b > 1e-9 && b < bulkEnd - 1e-9) edges.Add(b);
        edges.Add(bulkEnd);
        var nodes = new List<TtdNode>();
        for (int e = 0; e + 1 < edges.Count; e++)
        {
            double a = edges[e], b = edges[e + 1];
            if (!(b > a)) continue;
            // Nodes in proportion to the piece width: TtdNodes per half radian, 4 to 3 × TtdNodes.
            int count = Math.Clamp((int)Math.Ceiling(res.TtdNodes * (b - a) / 0.5), 4, 3 * res.TtdNodes);
            var (gx, gw) = GaussLegendre.Rule(count);
            double half = 0.5 * (b - a), mid = 0.5 * (a + b);
            for (int i = 0; i < gx.Length; i++)
            {
                double t = mid + half * gx[i];
                double x = Cutoff.MaxWavenumber(t).X;
                if (!(x > 1)) continue;
                double s = Math.Sin(t), c = Math.Cos(t);
                nodes.Add(new TtdNode(gw[i] * half * s * c, c, s, x));
            }
        }
        Bulk = nodes.ToArray();

        SupportMinXi = 0;
        foreach (double b in ThetaBreaks.Prepend(0))
        {
            if (Cutoff.Classify(Math.Min(0.5 * Math.PI, b + 1e-9)) == CutoffBranch.OuterScale) { SupportMinXi = Math.Cos(b); break; }
        }

        TailXiEnd = Math.Cos(bulkEnd);
        HasTail = TailXiEnd > 0 && Cutoff.Classify(0.5 * (bulkEnd + 0.5 * Math.PI)) != CutoffBranch.OuterScale;
        TailChebyshev = new double[res.TailDegree];
        if (HasTail)
        {
            int n = res.TailDegree;
            var values = new double[n];
            for (int k = 0; k < n; k++)
            {
                double s = Math.Cos(Math.PI * (k + 0.5) / n);
                double xi = 0.5 * TailXiEnd * (s + 1);
                double x = Cutoff.MaxWavenumber(Math.Acos(xi)).X;
                values[k] = Math.Log(Math.Min(Math.Max(x, 1), CascadeCutoff.Infinite));
            }
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += values[k] * Math.Cos(Math.PI * j * (k + 0.5) / n);
                TailChebyshev[j] = (j == 0 ? 1.0 : 2.0) * sum / n;
            }
        }
    }

    /// <summary>The plasma.</summary>
    public FastModePlasma Plasma { get; }

    /// <summary>Cut-off model (tabulated windows).</summary>
    public CascadeCutoff Cutoff { get; }

    /// <summary>v_A/c, the TTD resonance parameter of ultra-relativistic particles.</summary>
    public double EpsilonLight { get; }

    /// <summary>v_A/v at the slowest requested rigidity.</summary>
    public double EpsilonMax { get; }

    /// <summary>Wave angles where k_max(θ) is not smooth (branch changes, steep cone-edge features).</summary>
    public double[] ThetaBreaks { get; }

    /// <summary>TTD wave-angle nodes on [0, θ_t] (weights include sin θ cos θ dθ = ξ dξ).</summary>
    public TtdNode[] Bulk { get; }

    /// <summary>ξ below which no mode exists (k_max ≤ 1); 0 if all angles have modes.</summary>
    public double SupportMinXi { get; }

    /// <summary>Whether the quasi-perpendicular tail ξ ∈ [0, ξ_t] carries modes.</summary>
    public bool HasTail { get; }

    /// <summary>ξ_t = cos θ_t, the end of the tail.</summary>
    public double TailXiEnd { get; }

    /// <summary>Chebyshev coefficients of ln k_max on ξ ∈ [0, ξ_t] (variable s = 2ξ/ξ_t − 1).</summary>
    public double[] TailChebyshev { get; }

    /// <summary>Cone table range in y = k∥L.</summary>
    public double YMin { get; }

    /// <summary>Cone table range in y = k∥L.</summary>
    public double YMax { get; }

    /// <summary>θ_b(y).</summary>
    public ConeTable Cone { get; }

    /// <summary>Intervals of ln y with a non-empty cone.</summary>
    public (double Start, double End)[] Support { get; }

    /// <summary>ln k_max at tail ξ by Clenshaw summation.</summary>
    public double TailLogMaxX(double xi)
    {
        double s = 2 * xi / TailXiEnd - 1;
        double b1 = 0, b2 = 0;
        var c = TailChebyshev;
        for (int j = c.Length - 1; j >= 1; j--)
        {
            double b0 = 2 * s * b1 - b2 + c[j];
            b2 = b1;
            b1 = b0;
        }
        return s * b1 - b2 + c[0];
    }
}

/// <summary>A fixed TTD quadrature node: weight (with ξ dξ), ξ = cos θ, sin θ and k_max(θ)L.</summary>
public readonly record struct TtdNode(double Weight, double Xi, double Sin, double MaxX);
