namespace CrInference.Plotting.Tests;

/// <summary>
/// The 68 % / 95 % contours of a known correlated 2-D Gaussian must enclose 68 ± 1 % and
/// 95 ± 1 % of the posterior mass: counted over the samples they were built from, over an
/// independent sample, and compared with the analytic HPD ellipse area.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class HpdRegionTests
{
    private const int Count = 100_000;

    [Theory]
    [InlineData(Count, 11UL)]
    [InlineData(10_000, 12UL)]
    public void Regions_CorrelatedGaussian_ContoursEncloseStatedMass(int count, ulong seed)
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(seed, count);

        CredibleRegion2D region = CredibleLevels.Regions(x, y, []);

        for (int level = 0; level < 2; level++)
        {
            double mass = region.Masses[level];
            double inBins = Fraction(x, y, (a, b) => region.InRegion(level, a, b));
            double inPolygon = Fraction(x, y, (a, b) => region.InContour(level, a, b));
            Assert.InRange(inBins, mass - 0.01, mass + 0.01);
            Assert.InRange(inPolygon, mass - 0.01, mass + 0.01);
        }
    }

    [Fact]
    public void Regions_CorrelatedGaussian_IndependentSampleAndAnalyticArea()
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(21, Count);
        (double[] fx, double[] fy) = CorrelatedGaussian.Draw(22, Count);

        CredibleRegion2D region = CredibleLevels.Regions(x, y, []);

        for (int level = 0; level < 2; level++)
        {
            double mass = region.Masses[level];
            double fresh = Fraction(fx, fy, (a, b) => region.InContour(level, a, b));
            Assert.InRange(fresh, mass - 0.01, mass + 0.01);

            // Area of the polygon region against the analytic HPD ellipse: a 39 %-convention
            // "1σ" contour would have 0.43 times the 68 % area, so 5 % tolerance separates them.
            double area = region.Contours[level].Sum(SignedArea);
            Assert.InRange(Math.Abs(area) / CorrelatedGaussian.HpdArea(mass), 0.95, 1.05);
        }
    }

    [Fact]
    public void Regions_IntegerWeightsVersusRepeatedRows_IdenticalLevels()
    {
        (double[] x, double[] y) = CorrelatedGaussian.Draw(31, 20_000);
        var weights = new double[x.Length];
        var rx = new List<double>();
        var ry = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            weights[i] = 1 + (i % 4);
            for (int k = 0; k < weights[i]; k++)
            {
                rx.Add(x[i]);
                ry.Add(y[i]);
            }
        }

        // Same grid for both: the automatic bin count follows the Kish size, which differs
        // between 20 000 weighted rows and 50 000 repeated rows, while the ranges agree exactly.
        CredibleRegion2D weighted = CredibleLevels.Regions(x, y, weights, bins: 30);
        CredibleRegion2D repeated = CredibleLevels.Regions([.. rx], [.. ry], [], bins: 30);

        Assert.Equal(repeated.Histogram.XMin, weighted.Histogram.XMin);
        Assert.Equal(repeated.Histogram.YMax, weighted.Histogram.YMax);
        for (int level = 0; level < 2; level++)
        {
            Assert.Equal(repeated.Thresholds[level], weighted.Thresholds[level], 1e-12);
        }
    }

    [Fact]
    public void Regions_ImportanceWeightsFromBroaderProposal_MatchDirectDraws()
    {
        // Proposal N(μ, 1.5² Σ); weights p/q. Kish size ≈ 0.58 N, so 170 000 proposals match
        // the statistical power of 100 000 direct draws.
        const double scale = 1.5;
        (double[] px, double[] py) = CorrelatedGaussian.Draw(41, 170_000, scale);
        double[] weights = [.. px.Select((a, i) => Math.Exp(
            CorrelatedGaussian.LogDensity(a, py[i]) - CorrelatedGaussian.LogDensity(a, py[i], scale)))];
        (double[] dx, double[] dy) = CorrelatedGaussian.Draw(42, Count);
        (double Min, double Max) xr = (-3.0, 5.0);
        (double Min, double Max) yr = (-11.0, 5.0);

        CredibleRegion2D weighted = CredibleLevels.Regions(px, py, weights, xRange: xr, yRange: yr, bins: 50);
        CredibleRegion2D direct = CredibleLevels.Regions(dx, dy, [], xRange: xr, yRange: yr, bins: 50);
        (double[] fx, double[] fy) = CorrelatedGaussian.Draw(43, Count);

        for (int level = 0; level < 2; level++)
        {
            double mass = weighted.Masses[level];
            Assert.Equal(1.0, weighted.Thresholds[level] / direct.Thresholds[level], 0.05);
            double fresh = Fraction(fx, fy, (a, b) => weighted.InContour(level, a, b));
            Assert.InRange(fresh, mass - 0.01, mass + 0.01);
        }
    }

    private static double Fraction(double[] x, double[] y, Func<double, double, bool> inside)
    {
        int count = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (inside(x[i], y[i]))
            {
                count++;
            }
        }

        return (double)count / x.Length;
    }

    private static double SignedArea(ContourPath path)
    {
        double twice = 0;
        for (int i = 0, j = path.Count - 1; i < path.Count; j = i++)
        {
            twice += (path.X[j] * path.Y[i]) - (path.X[i] * path.Y[j]);
        }

        return 0.5 * twice;
    }
}
