using CrInference.Core.Random;
using MathNet.Numerics.LinearAlgebra;

namespace CrInference.Sampling.Bridge;

/// <summary>
/// A mixture of multivariate normals fitted to points by expectation–maximisation (Dempster, Laird &amp; Rubin 1977)
/// from a k-means++ start (Arthur &amp; Vassilvitskii 2007), the number of components chosen by the Bayesian information
/// criterion (Schwarz 1978) — the proposal of <see cref="BridgeSampler"/>. Covariances get a small ridge (1e-6 of the
/// points' variance per axis) so that a component on a thin ridge stays positive definite; Cholesky factors come from
/// MathNet.Numerics. Deterministic for a given key. Thread-safe after construction.
/// </summary>
public sealed class GaussianMixture
{
    private const double Ridge = 1e-6;
    private readonly double[] _logWeights;
    private readonly double[][] _means;
    private readonly double[][] _lower;
    private readonly double[] _logNormalisers;

    private GaussianMixture(int dimension, double[] weights, double[][] means, double[][] covariances)
    {
        Dimension = dimension;
        int k = weights.Length;
        _logWeights = new double[k];
        _means = means;
        _lower = new double[k][];
        _logNormalisers = new double[k];
        for (int c = 0; c < k; c++)
        {
            _logWeights[c] = Math.Log(weights[c]);
            var l = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => covariances[c][i * dimension + j]).Cholesky().Factor;
            _lower[c] = new double[dimension * dimension];
            double logDet = 0;
            for (int i = 0; i < dimension; i++)
            {
                for (int j = 0; j <= i; j++) _lower[c][i * dimension + j] = l[i, j];
                logDet += Math.Log(l[i, i]);
            }
            _logNormalisers[c] = -0.5 * dimension * Math.Log(2 * Math.PI) - logDet;
        }
    }

    /// <summary>Dimension of the points.</summary>
    public int Dimension { get; }

    /// <summary>Number of components.</summary>
    public int Components => _logWeights.Length;

    /// <summary>Weight of component <paramref name="c"/>.</summary>
    public double Weight(int c) => Math.Exp(_logWeights[c]);

    /// <summary>Mean of component <paramref name="c"/>.</summary>
    public ReadOnlySpan<double> Mean(int c) => _means[c];

    /// <summary>
    /// Fits mixtures with 1, 2, 3, 4, 6, 8, 12, … components (up to <paramref name="maxComponents"/>, each with at least
    /// 2(d + 1) points per component on average) to the <paramref name="count"/> points of dimension <paramref name="dimension"/>
    /// in <paramref name="points"/> (row-major) and keeps the one with the lowest BIC; the search stops after two
    /// successive increases of the BIC.
    /// </summary>
    public static GaussianMixture Fit(ReadOnlySpan<double> points, int count, int dimension, int maxComponents, RandomKey key, int maxIterations = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, dimension + 2);
        if (points.Length != count * dimension) throw new ArgumentException($"{points.Length} values for {count} points of dimension {dimension}");
        var data = points.ToArray();
        var ridge = new double[dimension];
        var all = MomentsOf(data, count, dimension, null, 0, ridge);
        for (int i = 0; i < dimension; i++) ridge[i] = Ridge * Math.Max(all.Covariance[i * dimension + i], 1e-300);
        GaussianMixture? best = null;
        double bestBic = double.PositiveInfinity;
        int worse = 0;
        int limit = Math.Max(1, Math.Min(maxComponents, count / (2 * (dimension + 1))));
        foreach (int k in Candidates(limit))
        {
            var (mixture, logLikelihood) = FitFixed(data, count, dimension, k, key.Split((ulong)k), maxIterations, ridge);
            int parameters = mixture.Components * (dimension + dimension * (dimension + 1) / 2) + mixture.Components - 1;
            double bic = -2 * logLikelihood + parameters * Math.Log(count);
            if (bic < bestBic) { best = mixture; bestBic = bic; worse = 0; }
            else if (++worse >= 2) break;
        }
        return best!;
    }

    private static IEnumerable<int> Candidates(int limit)
    {
        foreach (int k in new[] { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 })
            if (k <= limit) yield return k;
    }

    /// <summary>ln of the mixture density at <paramref name="x"/>.</summary>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        Span<double> terms = stackalloc double[Components];
        return LogDensity(x, terms);
    }

    /// <summary>Index of the component with the largest responsibility at <paramref name="x"/>.</summary>
    public int Component(ReadOnlySpan<double> x)
    {
        Span<double> terms = stackalloc double[Components];
        LogDensity(x, terms);
        int best = 0;
        for (int c = 1; c < terms.Length; c++) if (terms[c] > terms[best]) best = c;
        return best;
    }

    /// <summary>Draws a point into <paramref name="x"/>; returns its component.</summary>
    public int Sample(ref RandomStream random, Span<double> x)
    {
        double u = random.NextDouble(), cumulative = 0;
        int c = Components - 1;
        for (int k = 0; k < Components; k++)
        {
            cumulative += Weight(k);
            if (u < cumulative) { c = k; break; }
        }
        int d = Dimension;
        Span<double> z = stackalloc double[d];
        for (int i = 0; i < d; i++) z[i] = random.NextGaussian();
        var l = _lower[c];
        for (int i = 0; i < d; i++)
        {
            double sum = _means[c][i];
            for (int j = 0; j <= i; j++) sum += l[i * d + j] * z[j];
            x[i] = sum;
        }
        return c;
    }

    // ln density with the per-component terms ln w_c + ln N(x; μ_c, Σ_c) written to `terms`.
    private double LogDensity(ReadOnlySpan<double> x, Span<double> terms)
    {
        int d = Dimension;
        Span<double> z = stackalloc double[d];
        double max = double.NegativeInfinity;
        for (int c = 0; c < Components; c++)
        {
            var l = _lower[c];
            var m = _means[c];
            double quadratic = 0;
            for (int i = 0; i < d; i++)
            {
                double sum = x[i] - m[i];
                for (int j = 0; j < i; j++) sum -= l[i * d + j] * z[j];
                z[i] = sum / l[i * d + i];
                quadratic += z[i] * z[i];
            }
            terms[c] = _logWeights[c] + _logNormalisers[c] - 0.5 * quadratic;
            if (terms[c] > max) max = terms[c];
        }
        if (double.IsNegativeInfinity(max)) return max;
        double s = 0;
        for (int c = 0; c < Components; c++) s += Math.Exp(terms[c] - max);
        return max + Math.Log(s);
    }

    // EM for k components from a k-means++ start; returns the mixture and the points' total log-likelihood.
    private static (GaussianMixture Mixture, double LogLikelihood) FitFixed(double[] data, int n, int d, int k, RandomKey key, int maxIterations, double[] ridge)
    {
        var responsibilities = SeedResponsibilities(data, n, d, k, key);
        GaussianMixture mixture = MStep(data, n, d, k, responsibilities, ridge);
        double previous = double.NegativeInfinity, logLikelihood = double.NegativeInfinity;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            logLikelihood = mixture.EStep(data, n, responsibilities);
            if (logLikelihood - previous < 1e-5 * n) break;
            previous = logLikelihood;
            mixture = MStep(data, n, d, mixture.Components, responsibilities, ridge);
        }
        return (mixture, logLikelihood);
    }

    // Hard assignments to the nearest of k k-means++ centres (Arthur & Vassilvitskii 2007), as responsibilities.
    private static double[] SeedResponsibilities(double[] data, int n, int d, int k, RandomKey key)
    {
        var random = key.Open();
        var centres = new List<int> { random.NextInt(n) };
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        while (centres.Count < k)
        {
            double total = 0;
            int last = centres[^1];
            for (int p = 0; p < n; p++)
            {
                distance[p] = Math.Min(distance[p], SquaredDistance(data, p, last, d));
                total += distance[p];
            }
            if (!(total > 0)) break;
            double u = random.NextDouble() * total;
            int pick = n - 1;
            for (int p = 0; p < n; p++)
            {
                u -= distance[p];
                if (u < 0) { pick = p; break; }
            }
            centres.Add(pick);
        }
        var r = new double[n * centres.Count];
        for (int p = 0; p < n; p++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < centres.Count; c++)
            {
                double s = SquaredDistance(data, p, centres[c], d);
                if (s < bestDistance) { bestDistance = s; best = c; }
            }
            r[p * centres.Count + best] = 1;
        }
        return r;
    }

    private static double SquaredDistance(double[] data, int a, int b, int d)
    {
        double s = 0;
        for (int i = 0; i < d; i++) { double t = data[a * d + i] - data[b * d + i]; s += t * t; }
        return s;
    }

    // Responsibilities r[p, c] from the current mixture; returns Σ_p ln density(x_p).
    private double EStep(double[] data, int n, double[] r)
    {
        int k = Components, d = Dimension;
        Span<double> terms = stackalloc double[k];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            double log = LogDensity(data.AsSpan(p * d, d), terms);
            total += log;
            for (int c = 0; c < k; c++) r[p * k + c] = Math.Exp(terms[c] - log);
        }
        return total;
    }

    // Weights, means and ridged covariances from responsibilities; components with fewer than d + 1 effective points
    // are dropped (their points go to the others at the next E-step).
    private static GaussianMixture MStep(double[] data, int n, int d, int k, double[] r, double[] ridge)
    {
        var weights = new List<double>();
        var means = new List<double[]>();
        var covariances = new List<double[]>();
        for (int c = 0; c < k; c++)
        {
            var m = MomentsOf(data, n, d, r, c, ridge, k);
            if (!(m.Mass >= d + 1)) continue;
            weights.Add(m.Mass / n);
            means.Add(m.Mean);
            covariances.Add(m.Covariance);
        }
        if (weights.Count == 0)
        {
            var all = MomentsOf(data, n, d, null, 0, ridge);
            return new GaussianMixture(d, [1.0], [all.Mean], [all.Covariance]);
        }
        double sum = weights.Sum();
        return new GaussianMixture(d, [.. weights.Select(w => w / sum)], [.. means], [.. covariances]);
    }

    // Weighted mean and covariance (+ ridge) of the points with weights r[p·stride + c] (all 1 when r is null).
    private static (double Mass, double[] Mean, double[] Covariance) MomentsOf(double[] data, int n, int d, double[]? r, int c, double[] ridge, int stride = 1)
    {
        double mass = 0;
        var mean = new double[d];
        for (int p = 0; p < n; p++)
        {
            double w = r is null ? 1 : r[p * stride + c];
            mass += w;
            for (int i = 0; i < d; i++) mean[i] += w * data[p * d + i];
        }
        var covariance = new double[d * d];
        if (!(mass > 0)) return (0, mean, covariance);
        for (int i = 0; i < d; i++) mean[i] /= mass;
        for (int p = 0; p < n; p++)
        {
            double w = r is null ? 1 : r[p * stride + c];
            if (w == 0) continue;
            for (int i = 0; i < d; i++)
            {
                double a = data[p * d + i] - mean[i];
                for (int j = 0; j <= i; j++) covariance[i * d + j] += w * a * (data[p * d + j] - mean[j]);
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                covariance[i * d + j] /= mass;
                covariance[j * d + i] = covariance[i * d + j];
            }
            covariance[i * d + i] += ridge[i];
        }
        return (mass, mean, covariance);
    }
}
