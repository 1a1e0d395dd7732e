using System.Collections.Immutable;
using CrInference.Core.Random;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CrInference.Sampling.Nested;

/// <summary>
/// The ellipsoid {u : (u − c)ᵀ A⁻¹ (u − c) ≤ 1} with A = L Lᵀ, L lower triangular. Volume
/// V_D det L; uniform draws are c + L z with z uniform in the unit ball (Mukherjee, Parkinson &amp;
/// Liddle 2006; Feroz &amp; Hobson 2008 §5). The bounding ellipsoid of a point set is the covariance
/// ellipsoid scaled until its farthest point lies on the surface (dynesty <c>bounding_ellipsoid</c>).
/// </summary>
/// <remarks>
/// The factorisation (<see cref="Bounding"/>) and the major axis (<see cref="MajorAxis"/>) are MathNet.Numerics'
/// Cholesky and symmetric eigendecomposition, once per bound update. The two products done for every candidate
/// point, L⁻¹(u − c) (<see cref="DistanceSquared"/>) and L z (<see cref="Sample"/>, <see cref="Stretch"/>), stay
/// hand-written loops over spans: <c>./crinf bench ellipsoid</c> measured MathNet's <c>Cholesky.Solve</c> (into
/// preallocated vectors; a full solve A⁻¹b, then b·x) 3.8–9.7× slower per point at D = 3, 7, 12 (17.6, 52.3, 108 ns
/// against 171, 237, 407 ns, medians of 5 × 2·10⁶ points, on 2 cores under a load average of 6), and rejection
/// sampling of a cheap likelihood spends most of its time in these products.
/// </remarks>
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

    /// <summary>ln of the volume of the unit D-ball, (D/2) ln π − ln Γ(D/2 + 1) (MathNet's ln Γ).</summary>
    public static double LogUnitBallVolume(int dimension) => dimension / 2.0 * Math.Log(Math.PI) - SpecialFunctions.GammaLn(dimension / 2.0 + 1);

    /// <summary>(u − c)ᵀ A⁻¹ (u − c); <paramref name="work"/> needs 2D entries.</summary>
    public double DistanceSquared(ReadOnlySpan<double> u, Span<double> work)
    {
        int d = Dimension;
        Span<double> offset = work[..d];
        Span<double> whitened = work.Slice(d, d);
        for (int i = 0; i < d; i++) offset[i] = u[i] - _centre[i];
        // Forward substitution: whitened = L⁻¹ offset.
        for (int i = 0; i < d; i++)
        {
            double value = offset[i];
            int row = i * d;
            for (int k = 0; k < i; k++) value -= _lower[row + k] * whitened[k];
            whitened[i] = value / _lower[row + i];
        }
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
        Stretch(ball, u);
        for (int i = 0; i < d; i++) u[i] += _centre[i];
    }

    /// <summary>Writes L <paramref name="z"/> to <paramref name="result"/>: a vector of the unit ball's frame in the ellipsoid's.</summary>
    public void Stretch(ReadOnlySpan<double> z, Span<double> result)
    {
        int d = Dimension;
        for (int i = 0; i < d; i++)
        {
            double sum = 0;
            int row = i * d;
            for (int k = 0; k <= i; k++) sum += _lower[row + k] * z[k];
            result[i] = sum;
        }
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

    /// <summary>
    /// Half the major axis as a vector (the endpoints are c ± axis): the eigenvector of A = L Lᵀ with the largest
    /// eigenvalue λ (MathNet's symmetric eigendecomposition), of length √λ, oriented along (1, 1 + 1/D, 1 + 2/D, …).
    /// </summary>
    public void MajorAxis(Span<double> axis)
    {
        int d = Dimension;
        var factor = Matrix<double>.Build.Dense(d, d, (i, j) => j <= i ? _lower[i * d + j] : 0.0);
        var evd = (factor * factor.Transpose()).Evd(Symmetricity.Symmetric);
        int largest = 0;
        for (int k = 1; k < d; k++)
        {
            if (evd.EigenValues[k].Real > evd.EigenValues[largest].Real) largest = k;
        }
        var vector = evd.EigenVectors.Column(largest);
        double orientation = 0;
        for (int i = 0; i < d; i++) orientation += vector[i] * (1.0 + (double)i / d);
        double length = Math.Sqrt(Math.Max(evd.EigenValues[largest].Real, 0)) * (orientation < 0 ? -1 : 1) / vector.L2Norm();
        for (int i = 0; i < d; i++) axis[i] = vector[i] * length;
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
        var unscaled = new Ellipsoid(centre, FactorWithJitter(covariance, d));
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

    /// <summary>
    /// The lower Cholesky factor (row-major) of the covariance <paramref name="a"/> by MathNet's Cholesky, adding a
    /// growing multiple of the mean diagonal to the diagonal until it succeeds: 1e-12 of it first, then ten times
    /// the total each time (the live points of a plateau can be degenerate).
    /// </summary>
    private static double[] FactorWithJitter(double[] a, int n)
    {
        double meanDiagonal = 0;
        for (int i = 0; i < n; i++) meanDiagonal += a[i * n + i];
        meanDiagonal = Math.Max(meanDiagonal / n, 1e-300);
        double jitter = 1e-12 * meanDiagonal;
        for (int i = 0; i < n; i++) a[i * n + i] += jitter;
        double[]? lower;
        while ((lower = TryFactor(a, n)) is null)
        {
            double extra = 9 * jitter;
            for (int i = 0; i < n; i++) a[i * n + i] += extra;
            jitter += extra;
            if (jitter > 1e6 * meanDiagonal) throw new InvalidOperationException("bounding ellipsoid: covariance of the live points is not finite");
        }
        return lower;
    }

    /// <summary>The lower factor of <paramref name="a"/>, or null when it is not positive definite to working precision.</summary>
    private static double[]? TryFactor(double[] a, int n)
    {
        Matrix<double> factor;
        try
        {
            factor = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]).Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            return null;
        }
        var lower = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            double pivot = factor[i, i];
            if (!(pivot > 0) || double.IsInfinity(pivot)) return null;
            for (int j = 0; j <= i; j++) lower[i * n + j] = factor[i, j];
        }
        return lower;
    }

    internal static ImmutableArray<EllipsoidShape> ToShapes(IEnumerable<Ellipsoid> ellipsoids) =>
        [.. ellipsoids.Select(e => e.ToShape())];
}
