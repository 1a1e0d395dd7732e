using CrInference.Sampling.Chains;
using CrInference.Sampling.Nested;

namespace CrInference.Sampling.Comparison;

/// <summary>
/// Posterior samples in sampled coordinates (see <c>IPrior1D</c>) with their weights and untempered
/// ln L: what every comparison metric takes. Weights are normalised to sum to 1: equal for MCMC draws,
/// the importance weights for nested-sampling dead points. Never mutated after construction.
/// </summary>
public sealed class WeightedSamples
{
    private readonly double[] _positions;
    private readonly double[] _weights;
    private readonly double[] _logLikelihoods;

    /// <summary>Samples from arrays (copied): <paramref name="positions"/> is sample-major (n × D),
    /// <paramref name="weights"/> finite and ≥ 0 with a positive sum (normalised here).</summary>
    public WeightedSamples(int dimension, ReadOnlySpan<double> positions, ReadOnlySpan<double> weights, ReadOnlySpan<double> logLikelihoods)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        int n = weights.Length;
        if (n == 0 || positions.Length != n * dimension || logLikelihoods.Length != n)
        {
            throw new ArgumentException($"{n} weights need {n} × {dimension} positions and {n} log likelihoods (got {positions.Length} and {logLikelihoods.Length})");
        }
        double sum = 0;
        foreach (double w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"weights must be finite and >= 0 (got {w})", nameof(weights));
            sum += w;
        }
        if (!(sum > 0)) throw new ArgumentException("the weights sum to zero", nameof(weights));
        Dimension = dimension;
        _positions = positions.ToArray();
        _logLikelihoods = logLikelihoods.ToArray();
        _weights = new double[n];
        bool equal = true;
        for (int i = 0; i < n; i++)
        {
            _weights[i] = weights[i] / sum;
            equal &= weights[i] == weights[0];
        }
        IsEquallyWeighted = equal;
    }

    /// <summary>Equally weighted draws (MCMC).</summary>
    public static WeightedSamples Unweighted(int dimension, ReadOnlySpan<double> positions, ReadOnlySpan<double> logLikelihoods)
    {
        var weights = new double[logLikelihoods.Length];
        Array.Fill(weights, 1.0);
        return new WeightedSamples(dimension, positions, weights, logLikelihoods);
    }

    /// <summary>The rows of an ensemble chain after <paramref name="burnInSteps"/> of its steps, every
    /// <paramref name="thin"/>-th step, all walkers, equal weights. Thin by about τ before the
    /// nearest-neighbour estimate of <see cref="InformationGain"/>, which assumes independent draws.</summary>
    public static WeightedSamples FromChain(ChainBlock chain, int burnInSteps = 0, int thin = 1)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfNegative(burnInSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thin);
        int d = chain.Dimension, w = chain.Walkers;
        var positions = new List<double>();
        var logLikelihoods = new List<double>();
        var allPositions = chain.Positions.Span;
        var allLogPosteriors = chain.LogPosteriors.Span;
        for (int t = burnInSteps; t < chain.Steps; t += thin)
        {
            for (int k = 0; k < w; k++)
            {
                int row = t * w + k;
                positions.AddRange(allPositions.Slice(row * d, d));
                logLikelihoods.Add(allLogPosteriors[row].LogLikelihood);
            }
        }
        if (logLikelihoods.Count == 0)
        {
            throw new ArgumentException($"the chain has {chain.Steps} steps; none is left after a burn-in of {burnInSteps}");
        }
        return Unweighted(d, positions.ToArray(), logLikelihoods.ToArray());
    }

    /// <summary>The dead points of a nested-sampling run with their posterior weights.</summary>
    public static WeightedSamples FromNested(NestedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dead = result.DeadPoints;
        if (dead.IsDefaultOrEmpty) throw new ArgumentException("the nested-sampling result has no dead points");
        int d = dead[0].Point.Sampled.Length;
        var positions = new double[dead.Length * d];
        var logLikelihoods = new double[dead.Length];
        for (int i = 0; i < dead.Length; i++)
        {
            dead[i].Point.Sampled.AsSpan().CopyTo(positions.AsSpan(i * d, d));
            logLikelihoods[i] = dead[i].Point.LogLikelihood;
        }
        return new WeightedSamples(d, positions, result.Weights.AsSpan(), logLikelihoods);
    }

    public int Count => _weights.Length;

    public int Dimension { get; }

    /// <summary>True when every input weight was the same (MCMC draws).</summary>
    public bool IsEquallyWeighted { get; }

    /// <summary>Sampled coordinates, sample-major.</summary>
    public ReadOnlySpan<double> Positions => _positions;

    /// <summary>Normalised weights (sum 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>ln L per sample.</summary>
    public ReadOnlySpan<double> LogLikelihoods => _logLikelihoods;

    /// <summary>Kish's effective sample size 1 / Σ w² (n for equal weights; ignores autocorrelation).</summary>
    public double EffectiveSampleSize
    {
        get
        {
            double sum = 0;
            foreach (double w in _weights) sum += w * w;
            return 1.0 / sum;
        }
    }

    /// <summary>Position of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> PositionOf(int index) => _positions.AsSpan(index * Dimension, Dimension);

    /// <summary>Weighted posterior mean in sampled coordinates.</summary>
    public double[] Mean()
    {
        var mean = new double[Dimension];
        for (int i = 0; i < Count; i++)
        {
            var x = PositionOf(i);
            for (int j = 0; j < Dimension; j++) mean[j] += _weights[i] * x[j];
        }
        return mean;
    }

    /// <summary>Weighted posterior mean of ln L, Σ wᵢ ln Lᵢ.</summary>
    public double MeanLogLikelihood()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_weights[i] > 0) sum += _weights[i] * _logLikelihoods[i];
        }
        return sum;
    }

    /// <summary>Weighted covariance (divisor 1, i.e. the moment of the weighted distribution), D × D row-major.</summary>
    public double[] Covariance()
    {
        var mean = Mean();
        int d = Dimension;
        var covariance = new double[d * d];
        for (int i = 0; i < Count; i++)
        {
            var x = PositionOf(i);
            for (int a = 0; a < d; a++)
            {
                double da = x[a] - mean[a];
                for (int b = 0; b <= a; b++) covariance[a * d + b] += _weights[i] * da * (x[b] - mean[b]);
            }
        }
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < a; b++) covariance[b * d + a] = covariance[a * d + b];
        }
        return covariance;
    }

    /// <summary>
    /// Weighted quantile of coordinate <paramref name="parameter"/>: sorted values x_(i) sit at cumulative
    /// probability F_i = Σ_{j&lt;i} w_j + w_i/2 (the midpoint rule, which for equal weights is Hyndman &amp;
    /// Fan's type 5, (i − ½)/n) and the quantile interpolates linearly between them, clamped to the extremes.
    /// </summary>
    public double Quantile(int parameter, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameter, Dimension);
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must lie in [0, 1]");
        var values = new double[Count];
        var weights = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            values[i] = _positions[i * Dimension + parameter];
            weights[i] = _weights[i];
        }
        Array.Sort(values, weights);
        double cumulative = 0;
        double previousF = double.NaN, previousX = double.NaN;
        for (int i = 0; i < values.Length; i++)
        {
            if (weights[i] == 0) continue;
            double f = cumulative + 0.5 * weights[i];
            cumulative += weights[i];
            if (probability <= f)
            {
                if (double.IsNaN(previousF)) return values[i];
                return previousX + (probability - previousF) / (f - previousF) * (values[i] - previousX);
            }
            previousF = f;
            previousX = values[i];
        }
        return previousX;
    }
}
