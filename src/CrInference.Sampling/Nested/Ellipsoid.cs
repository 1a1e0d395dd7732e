using System.Collections.Immutable;
using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// The ellipsoid {u : (u − c)ᵀ A⁻¹ (u − c) ≤ 1} with A = L Lᵀ, L lower triangular. Volume
/// V_D det L; uniform draws are c + L z with z uniform in the unit ball (Mukherjee, Parkinson &amp;
/// Liddle 2006; Feroz &amp; Hobson 2008 §5). The bounding ellipsoid of a point set is the covariance
/// ellipsoid scaled until its farthest point lies on the surface (dynesty <c>bounding_ellipsoid</c>).
/// </summary>
internal sealed class Ellipsoid
{
    private readonly double[] _centre;
    private readonly double[] _lower;

    public Ellipsoid(double[] centre, double[] lower)
    {
        Dimension = centre.Length;
        if (lower.Length != Dimension * Dimension) throw new ArgumentException("ellipsoid factor must be D × D");
        _centre = centre;
        _lower = lower;
        double logDeterminant = 0;
        for (int i = 0; i < Dimension; i++) logDeterminant += Math.Log(lower[i * Dimension + i]);
        LogVolume = LogUnitBallVolume(Dimension) + logDeterminant;
    }

    public int Dimension { get; }

    public double LogVolume { get; }

    public ReadOnlySpan<double> Centre => _centre;

    public ReadOnlySpan<double> Lower => _lower;

    public static Ellipsoid FromShape(EllipsoidShape shape) => new([.. shape.Centre], [.. shape.Cholesky]);

    public EllipsoidShape ToShape() => new([.. _centre], [.. _lower]);

    /// <summary>ln of the volume of the unit D-ball, (D/2) ln π − ln Γ(D/2 + 1).</summary>
    public static double LogUnitBallVolume(int dimension)
    {
        double logGamma = dimension % 2 == 0 ? 0.0 : Math.Log(Math.Sqrt(Math.PI) / 2);
        double x = dimension % 2 == 0 ? 1.0 : 1.5;
        double target = dimension / 2.0 + 1;
        while (x < target)
        {
            logGamma += Math.Log(x);
            x += 1;
        }
        return dimension / 2.0 * Math.Log(Math.PI) - logGamma;
    }

    /// <summary>(u − c)ᵀ A⁻¹ (u − c); <paramref name="work"/> needs 2D entries.</summary>
    public double DistanceSquared(ReadOnlySpan<double> u, Span<double> work)
    {
        int d = Dimension;
        Span<double> offset = work[..d];
        Span<double> whitened = work.Slice(d, d);
        for (int i = 0; i < d; i++) offset[i] = u[i] - _centre[i];
        Cholesky.SolveLower(_lower, d, offset, whitened);
        double sum = 0;
        for (int i = 0; i < d; i++) sum += whitened[i] * whitened[i];
        return sum;
    }

    public bool Contains(ReadOnlySpan<double> u, Span<double> work) => DistanceSquared(u, work) <= 1.0;

    /// <summary>Writes a point uniform in the ellipsoid to <paramref name="u"/>; <paramref name="work"/> needs D entries.</summary>
    public void Sample(ref RandomStream random, Span<double> u, Span<double> work)
    {
        int d = Dimension;
        Span<double> ball = work[..d];
        UnitBall(ref random, ball);
        Cholesky.MultiplyLower(_lower, d, ball, u);
        for (int i = 0; i < d; i++) u[i] += _centre[i];
    }

    /// <summary>A point uniform in the unit D-ball: a Gaussian direction with radius U^{1/D}.</summary>
    public static void UnitBall(ref RandomStream random, Span<double> z)
    {
        int d = z.Length;
        double norm;
        do
        {
            norm = 0;
            for (int i = 0; i < d; i++)
            {
                z[i] = random.NextGaussian();
                norm += z[i] * z[i];
            }
        }
        while (!(norm > 0));
        double radius = Math.Pow(random.NextOpenDouble(), 1.0 / d) / Math.Sqrt(norm);
        for (int i = 0; i < d; i++) z[i] *= radius;
    }

    /// <summary>The same ellipsoid with every axis multiplied by <paramref name="factor"/>.</summary>
    public Ellipsoid Scaled(double factor)
    {
        var lower = new double[_lower.Length];
        for (int i = 0; i < lower.Length; i++) lower[i] = _lower[i] * factor;
        return new Ellipsoid((double[])_centre.Clone(), lower);
    }

    /// <summary>Scaled up isotropically to at least exp(<paramref name="minLogVolume"/>).</summary>
    public Ellipsoid WithMinimumLogVolume(double minLogVolume) =>
        LogVolume >= minLogVolume ? this : Scaled(Math.Exp((minLogVolume - LogVolume) / Dimension));

    /// <summary>Half the major axis as a vector (the endpoints are c ± axis), by power iteration on A.</summary>
    public void MajorAxis(Span<double> axis)
    {
        int d = Dimension;
        Span<double> v = stackalloc double[d];
        Span<double> t = stackalloc double[d];
        for (int i = 0; i < d; i++) v[i] = 1.0 + (double)i / d;
        Normalise(v);
        double eigenvalue = 0;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            for (int k = 0; k < d; k++)
            {
                double sum = 0;
                for (int i = k; i < d; i++) sum += _lower[i * d + k] * v[i];
                t[k] = sum;
            }
            Cholesky.MultiplyLower(_lower, d, t, axis);
            double next = 0;
            for (int i = 0; i < d; i++) next += axis[i] * v[i];
            axis.CopyTo(v);
            Normalise(v);
            bool converged = Math.Abs(next - eigenvalue) <= 1e-12 * Math.Abs(next);
            eigenvalue = next;
            if (converged) break;
        }
        double length = Math.Sqrt(Math.Max(eigenvalue, 0));
        for (int i = 0; i < d; i++) axis[i] = v[i] * length;
    }

    private static void Normalise(Span<double> v)
    {
        double norm = 0;
        foreach (double x in v) norm += x * x;
        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
        }
    }

    /// <summary>
    /// Bounding ellipsoid of the points <paramref name="members"/> of the row-major point array
    /// <paramref name="points"/> (D columns): mean and covariance, scaled so that the farthest member
    /// lies on the surface, then enlarged isotropically to at least exp(<paramref name="minLogVolume"/>).
    /// </summary>
    public static Ellipsoid Bounding(ReadOnlySpan<double> points, int dimension, ReadOnlySpan<int> members, double minLogVolume)
    {
        int d = dimension;
        int m = members.Length;
        var centre = new double[d];
        foreach (int p in members)
        {
            for (int i = 0; i < d; i++) centre[i] += points[p * d + i];
        }
        for (int i = 0; i < d; i++) centre[i] /= m;
        var covariance = new double[d * d];
        Span<double> offset = stackalloc double[d];
        foreach (int p in members)
        {
            for (int i = 0; i < d; i++) offset[i] = points[p * d + i] - centre[i];
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j <= i; j++) covariance[i * d + j] += offset[i] * offset[j];
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                covariance[i * d + j] /= m;
                covariance[j * d + i] = covariance[i * d + j];
            }
        }
        var lower = new double[d * d];
        Cholesky.FactorWithJitter(covariance, d, lower);
        var unscaled = new Ellipsoid(centre, lower);
        Span<double> work = stackalloc double[2 * d];
        Span<double> point = stackalloc double[d];
        double farthest = 0;
        foreach (int p in members)
        {
            points.Slice(p * d, d).CopyTo(point);
            farthest = Math.Max(farthest, unscaled.DistanceSquared(point, work));
        }
        // A hair above the farthest point so that round-off never leaves a member outside.
        var bounding = farthest > 0 ? unscaled.Scaled(Math.Sqrt(farthest) * (1 + 1e-9)) : unscaled;
        return bounding.WithMinimumLogVolume(minLogVolume);
    }

    internal static ImmutableArray<EllipsoidShape> ToShapes(IEnumerable<Ellipsoid> ellipsoids) =>
        [.. ellipsoids.Select(e => e.ToShape())];
}
