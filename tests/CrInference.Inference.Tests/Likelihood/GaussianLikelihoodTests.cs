using CrInference.Core.Random;
using CrInference.Posterior.Likelihood;

namespace CrInference.Inference.Tests.Likelihood;

/// <summary>χ², ln L, the Cholesky factor and mock draws of <see cref="GaussianLikelihood"/> against hand computations.</summary>
public sealed class GaussianLikelihoodTests
{
    // C = L Lᵀ with the integer factor L = [[2, 0, 0], [1, 3, 0], [0.5, −1, 1]]:
    // C00 = 4, C10 = 2·1 = 2, C20 = 2·0.5 = 1, C11 = 1 + 9 = 10, C21 = 0.5·1 + 3·(−1) = −2.5, C22 = 0.25 + 1 + 1 = 2.25;
    // det C = (2·3·1)² = 36.
    private static readonly double[] IntegerCovariance = [4, 2, 1, 2, 10, -2.5, 1, -2.5, 2.25];

    [Fact]
    public void Diagonal_ThreePoints_ChiSquareAndLogLikelihoodByHand()
    {
        // d = (10, 20, 30), m = (11, 18, 30.5), σ = (1, 2, 0.5): residuals/σ = (−1, 1, −1), χ² = 3.
        // ln L = −½ Σ ln(2πσ²) − χ²/2 = −(3/2) ln 2π − ½ ln(1·4·0.25) − 3/2 = −(3/2) ln 2π − 3/2.
        var likelihood = GaussianLikelihood.Diagonal([10, 20, 30], [1, 2, 0.5]);

        Assert.Equal(3, likelihood.ChiSquare([11, 18, 30.5]), 1e-14);
        Assert.Equal(-1.5 * Math.Log(2 * Math.PI) - 1.5, likelihood.LogLikelihood([11, 18, 30.5]), 1e-13);
        Assert.True(likelihood.IsDiagonal);
    }

    [Fact]
    public void Correlated_ThreePoints_CholeskyAndChiSquareByHand()
    {
        // r = d − m = (−1, 2, −0.5). Forward substitution L z = r:
        // z0 = −1/2; z1 = (2 − 1·z0)/3 = 5/6; z2 = (−0.5 − 0.5·z0 + 1·z1)/1 = 7/12.
        // χ² = 1/4 + 25/36 + 49/144 = 185/144; ln L = −½(3 ln 2π + ln 36) − 185/288.
        var likelihood = GaussianLikelihood.WithCovariance([10, 20, 30], IntegerCovariance);
        double[] prediction = [11, 18, 30.5];

        double[,] l = { { 2, 0, 0 }, { 1, 3, 0 }, { 0.5, -1, 1 } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) Assert.Equal(l[i, j], likelihood.CholeskyFactor(i, j), 1e-14);
        }
        Assert.Equal(185.0 / 144.0, likelihood.ChiSquare(prediction), 1e-13);
        Assert.Equal(-0.5 * (3 * Math.Log(2 * Math.PI) + Math.Log(36)) - 185.0 / 288.0, likelihood.LogLikelihood(prediction), 1e-13);
        Assert.False(likelihood.IsDiagonal);
    }

    [Fact]
    public void Correlated_ChiSquareEqualsResidualTimesInverseByCofactors()
    {
        // Independent route: C⁻¹ = adj(C)/det C with the cofactors of the integer covariance.
        double[,] c = { { 4, 2, 1 }, { 2, 10, -2.5 }, { 1, -2.5, 2.25 } };
        double Cof(int i, int j)
        {
            int[] rows = [.. Enumerable.Range(0, 3).Where(k => k != i)], cols = [.. Enumerable.Range(0, 3).Where(k => k != j)];
            double minor = c[rows[0], cols[0]] * c[rows[1], cols[1]] - c[rows[0], cols[1]] * c[rows[1], cols[0]];
            return ((i + j) % 2 == 0 ? 1 : -1) * minor;
        }
        double det = c[0, 0] * Cof(0, 0) + c[0, 1] * Cof(0, 1) + c[0, 2] * Cof(0, 2);
        double[] r = [0.3, -1.7, 2.2];
        double chi2 = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) chi2 += r[i] * Cof(j, i) / det * r[j];
        }

        var likelihood = GaussianLikelihood.WithCovariance([0, 0, 0], IntegerCovariance);

        Assert.Equal(36, det, 1e-12);
        Assert.Equal(chi2, likelihood.ChiSquare([-0.3, 1.7, -2.2]), 1e-12);
    }

    [Fact]
    public void CholeskyPath_WithZeroCorrelations_EqualsDiagonalPath()
    {
        double[] data = [3.1, -0.4, 12.5, 7.7];
        double[] sigma = [0.2, 1.5, 3.0, 0.05];
        double[] covariance = new double[16];
        for (int i = 0; i < 4; i++) covariance[i * 5] = sigma[i] * sigma[i];
        var diagonal = GaussianLikelihood.Diagonal(data, sigma);
        var cholesky = GaussianLikelihood.WithCovariance(data, covariance);

        foreach (double[] prediction in new[] { new[] { 3.0, 0.0, 10.0, 7.8 }, new[] { 3.1, -0.4, 12.5, 7.7 }, new[] { -5.0, 2.0, 20.0, 7.6 } })
        {
            Assert.Equal(diagonal.ChiSquare(prediction), cholesky.ChiSquare(prediction), 1e-10);
            Assert.Equal(diagonal.LogLikelihood(prediction), cholesky.LogLikelihood(prediction), 1e-10);
        }
        Assert.Equal(diagonal.LogNormalisation, cholesky.LogNormalisation, 1e-12);
    }

    [Fact]
    public void WithCovariance_NotPositiveDefinite_IsRejected()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1.
        Assert.Throws<ArgumentException>(() => GaussianLikelihood.WithCovariance([0, 0], [1, 2, 2, 1]));
        Assert.Throws<ArgumentException>(() => GaussianLikelihood.WithCovariance([0, 0], [0, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => GaussianLikelihood.Diagonal([0, 0], [1, 0]));
    }

    [Fact]
    public void Draw_IsMeanPlusCholeskyTimesTheStreamsNormals()
    {
        var likelihood = GaussianLikelihood.WithCovariance([0, 0, 0], IntegerCovariance);
        var key = RandomKey.FromSeed(2024).Split(7);
        double[] mean = [1, 2, 3];
        var drawn = new double[3];
        var stream = key.Open();
        likelihood.Draw(mean, ref stream, drawn);

        var check = key.Open();
        double z0 = check.NextGaussian(), z1 = check.NextGaussian(), z2 = check.NextGaussian();

        Assert.Equal(1 + 2 * z0, drawn[0], 1e-13);
        Assert.Equal(2 + z0 + 3 * z1, drawn[1], 1e-13);
        Assert.Equal(3 + 0.5 * z0 - z1 + z2, drawn[2], 1e-13);
    }

    [Fact]
    public void Draw_Diagonal_IsMeanPlusSigmaTimesNormals()
    {
        var likelihood = GaussianLikelihood.Diagonal([0, 0], [0.5, 4]);
        var key = RandomKey.FromSeed(5);
        var drawn = new double[2];
        var stream = key.Open();
        likelihood.Draw([10, -10], ref stream, drawn);
        var check = key.Open();

        Assert.Equal(10 + 0.5 * check.NextGaussian(), drawn[0], 1e-14);
        Assert.Equal(-10 + 4 * check.NextGaussian(), drawn[1], 1e-14);
    }

    [Fact]
    public void Draw_ManyDraws_HaveTheCovariance()
    {
        // 20 000 draws; the standard error of a sample covariance is √((C_ii C_jj + C_ij²)/N): ≤ 0.05 here. Fixed seed.
        const int n = 20000;
        var likelihood = GaussianLikelihood.WithCovariance([0, 0, 0], IntegerCovariance);
        var stream = RandomKey.FromSeed(11).Open();
        var sum = new double[3];
        var product = new double[9];
        var drawn = new double[3];
        for (int s = 0; s < n; s++)
        {
            likelihood.Draw([0, 0, 0], ref stream, drawn);
            for (int i = 0; i < 3; i++)
            {
                sum[i] += drawn[i];
                for (int j = 0; j < 3; j++) product[i * 3 + j] += drawn[i] * drawn[j];
            }
        }
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(sum[i] / n, -5 * Math.Sqrt(IntegerCovariance[i * 4] / n), 5 * Math.Sqrt(IntegerCovariance[i * 4] / n));
            for (int j = 0; j < 3; j++)
            {
                double c = IntegerCovariance[i * 3 + j];
                double se = Math.Sqrt((IntegerCovariance[i * 4] * IntegerCovariance[j * 4] + c * c) / n);
                Assert.InRange(product[i * 3 + j] / n, c - 5 * se, c + 5 * se);
            }
        }
    }

    [Fact]
    public void Draw_SameKey_SameData()
    {
        var likelihood = GaussianLikelihood.WithCovariance([0, 0, 0], IntegerCovariance);
        var a = new double[3];
        var b = new double[3];
        var s1 = RandomKey.FromSeed(99).Open();
        var s2 = RandomKey.FromSeed(99).Open();
        likelihood.Draw([1, 1, 1], ref s1, a);
        likelihood.Draw([1, 1, 1], ref s2, b);

        Assert.Equal(a, b);
    }
}
