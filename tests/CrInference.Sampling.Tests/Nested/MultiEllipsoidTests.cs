using CrInference.Core.Random;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Tests.Nested;

public sealed class MultiEllipsoidTests
{
    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, Math.PI)]
    [InlineData(3, 4.0 * Math.PI / 3.0)]
    [InlineData(4, Math.PI * Math.PI / 2.0)]
    [InlineData(5, 8.0 * Math.PI * Math.PI / 15.0)]
    public void LogUnitBallVolume_SmallDimensions_MatchesTextbookVolume(int dimension, double volume)
    {
        Assert.Equal(Math.Log(volume), Ellipsoid.LogUnitBallVolume(dimension), 12);
    }

    [Fact]
    public void TrySample_TwoOverlappingDiscs_UniformOnUnionIncludingTheLens()
    {
        // Unit discs centred 1 apart: lens area 2π/3 − √3/2, union area 2π − lens, so a uniform draw on
        // the union falls in the lens with probability 0.24302; without the 1/q thinning it would be 0.391.
        var union = new MultiEllipsoid([Disc(0.0), Disc(1.0)]);
        var random = RandomKey.FromSeed(11).Open();
        Span<double> u = stackalloc double[2];
        Span<double> work = stackalloc double[4];
        int kept = 0, lens = 0;
        while (kept < 200_000)
        {
            if (!union.TrySample(ref random, u, work)) continue;
            kept++;
            bool inFirst = u[0] * u[0] + u[1] * u[1] <= 1;
            bool inSecond = (u[0] - 1) * (u[0] - 1) + u[1] * u[1] <= 1;
            if (inFirst && inSecond) lens++;
        }
        double lensArea = 2 * Math.PI / 3 - Math.Sqrt(3) / 2;
        double expected = lensArea / (2 * Math.PI - lensArea);
        double standardError = Math.Sqrt(expected * (1 - expected) / kept);
        Assert.InRange((double)lens / kept, expected - 5 * standardError, expected + 5 * standardError);
    }

    [Fact]
    public void Build_TwoSeparatedClusters_SplitsAndBoundsEveryPoint()
    {
        const int count = 400;
        var points = new double[count * 2];
        var random = RandomKey.FromSeed(5).Open();
        for (int i = 0; i < count; i++)
        {
            double centre = i % 2 == 0 ? 0.25 : 0.75;
            points[2 * i] = centre + 0.03 * random.NextGaussian();
            points[2 * i + 1] = 0.5 + 0.03 * random.NextGaussian();
        }
        // Expected prior volume of the two blobs: about 2 × π (2.5 × 0.03)².
        double logVolume = Math.Log(2 * Math.PI * 0.075 * 0.075);

        var bound = MultiEllipsoid.Build(points, 2, count, logVolume, 1.25);

        Assert.True(bound.Ellipsoids.Count >= 2, $"{bound.Ellipsoids.Count} ellipsoids");
        Span<double> work = stackalloc double[4];
        for (int i = 0; i < count; i++) Assert.True(bound.Contains(points.AsSpan(2 * i, 2), work));
        Assert.True(bound.LogVolumeSum < Math.Log(0.25), $"union volume {Math.Exp(bound.LogVolumeSum)}");
    }

    [Fact]
    public void Bounding_AnyPoints_FarthestPointOnSurfaceAndVolumeFloorRespected()
    {
        double[] points = [0.1, 0.2, 0.4, 0.3, 0.2, 0.6, 0.5, 0.5, 0.3, 0.35];
        int[] members = [0, 1, 2, 3, 4];
        Span<double> work = stackalloc double[4];

        var tight = Ellipsoid.Bounding(points, 2, members, double.NegativeInfinity);
        var floored = Ellipsoid.Bounding(points, 2, members, Math.Log(0.5));

        double farthest = 0;
        foreach (int m in members) farthest = Math.Max(farthest, tight.DistanceSquared(points.AsSpan(2 * m, 2), work));
        Assert.Equal(1.0, farthest, 6);
        Assert.Equal(Math.Log(0.5), floored.LogVolume, 12);
    }

    [Fact]
    public void Sample_UnitBallTransform_StaysInsideAndFillsVolume()
    {
        // Uniform in a 3-D ellipsoid: E[d²] = 3/5 for the normalised radius d (density ∝ d²).
        var ellipsoid = new Ellipsoid([0.5, 0.5, 0.5], [0.2, 0, 0, 0.05, 0.1, 0, -0.02, 0.03, 0.05]);
        var random = RandomKey.FromSeed(2).Open();
        Span<double> u = stackalloc double[3];
        Span<double> work = stackalloc double[6];
        double sum = 0;
        const int n = 100_000;
        for (int i = 0; i < n; i++)
        {
            ellipsoid.Sample(ref random, u, work);
            double d2 = ellipsoid.DistanceSquared(u, work);
            Assert.True(d2 <= 1 + 1e-12);
            sum += d2;
        }
        // Var(d²) = 3/7 − 9/25 = 0.0686, standard error 8.3e-4.
        Assert.InRange(sum / n, 0.6 - 0.005, 0.6 + 0.005);
    }

    [Fact]
    public void Bounding_CollinearPoints_FactorsTheSingularCovarianceWithJitterAndBoundsEveryPoint()
    {
        // Points on the line y = 2x: the covariance is singular, so the factorisation needs the diagonal jitter.
        double[] points = [0.1, 0.2, 0.2, 0.4, 0.3, 0.6, 0.4, 0.8];
        int[] members = [0, 1, 2, 3];
        Span<double> work = stackalloc double[4];

        var ellipsoid = Ellipsoid.Bounding(points, 2, members, double.NegativeInfinity);

        Assert.True(double.IsFinite(ellipsoid.LogVolume));
        foreach (int m in members) Assert.True(ellipsoid.Contains(points.AsSpan(2 * m, 2), work));
    }

    [Fact]
    public void MajorAxis_DiagonalEllipsoid_IsTheLongestSemiAxisOrientedPositive()
    {
        // A = diag(4, 1, 9): the longest semi-axis is 3 along z, oriented along (1, 1 + 1/3, 1 + 2/3).
        var ellipsoid = new Ellipsoid([0.5, 0.5, 0.5], [2, 0, 0, 0, 1, 0, 0, 0, 3]);
        Span<double> axis = stackalloc double[3];

        ellipsoid.MajorAxis(axis);

        Assert.Equal(0.0, axis[0], 12);
        Assert.Equal(0.0, axis[1], 12);
        Assert.Equal(3.0, axis[2], 12);
    }

    private static Ellipsoid Disc(double x) => new([x, 0.0], [1.0, 0.0, 0.0, 1.0]);
}
