using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// Integrated autocorrelation time of MCMC chains, following emcee's <c>autocorr.py</c>
/// (Foreman-Mackey et al. 2013; Goodman &amp; Weare 2010, §3): the normalised autocorrelation function
/// of each walker (FFT of the mean-subtracted series zero-padded to twice the next power of two) is
/// averaged over walkers, τ(M) = 1 + 2 Σ_{k=1..M} ρ(k), and the window M is the smallest with
/// M ≥ c·τ(M) (Sokal 1997, "Monte Carlo methods in statistical mechanics", §3, c = 5).
/// </summary>
/// <remarks>
/// Chains are step-major: <c>chain[(t·walkers + w)·dimension + i]</c>, the layout of
/// <see cref="Chains.ChainBlock"/>. A walker whose series is constant has no defined autocorrelation and
/// is left out of the average (emcee would return NaN); if every walker is constant, τ = +∞.
/// Cost: O(walkers · N log N) per parameter; two walkers share one complex FFT.
/// </remarks>
public static class Autocorrelation
{
    /// <summary>emcee's default c for the Sokal window.</summary>
    public const double DefaultWindowFactor = 5.0;

    /// <summary>emcee's default tolerance: the chain must be at least this many τ long to be trusted.</summary>
    public const double DefaultMinimumLengthInTau = 50.0;

    /// <summary>Normalised autocorrelation function ρ(k), k = 0..n−1, of one series (emcee's <c>function_1d</c>).
    /// A constant series gives ρ = 1 at k = 0 and 0 elsewhere.</summary>
    public static double[] Function(ReadOnlySpan<double> series)
    {
        var acf = new double[series.Length];
        if (series.Length == 0)
        {
            return acf;
        }
        var workspace = new Workspace(series.Length);
        if (!workspace.AveragedFunction(series, 1, 1, 0, acf))
        {
            acf[0] = 1.0;
        }
        return acf;
    }

    /// <summary>τ of one series (one walker, one parameter).</summary>
    public static AutocorrelationEstimate IntegratedTime(
        ReadOnlySpan<double> series,
        double windowFactor = DefaultWindowFactor,
        double minimumLengthInTau = DefaultMinimumLengthInTau) =>
        IntegratedTime(series, 1, 1, 0, windowFactor, minimumLengthInTau);

    /// <summary>τ of parameter <paramref name="parameter"/> of a step-major ensemble chain, ACF averaged over walkers.</summary>
    public static AutocorrelationEstimate IntegratedTime(
        ReadOnlySpan<double> chain,
        int walkers,
        int dimension,
        int parameter,
        double windowFactor = DefaultWindowFactor,
        double minimumLengthInTau = DefaultMinimumLengthInTau)
    {
        int steps = Steps(chain, walkers, dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameter, dimension);
        if (steps == 0)
        {
            return new AutocorrelationEstimate(double.PositiveInfinity, 0, false);
        }
        var workspace = new Workspace(steps);
        return workspace.Estimate(chain, walkers, dimension, parameter, windowFactor, minimumLengthInTau);
    }

    /// <summary>τ of every parameter of a step-major ensemble chain.</summary>
    public static ImmutableArray<AutocorrelationEstimate> IntegratedTimes(
        ReadOnlySpan<double> chain,
        int walkers,
        int dimension,
        double windowFactor = DefaultWindowFactor,
        double minimumLengthInTau = DefaultMinimumLengthInTau)
    {
        int steps = Steps(chain, walkers, dimension);
        var result = new AutocorrelationEstimate[dimension];
        if (steps == 0)
        {
            Array.Fill(result, new AutocorrelationEstimate(double.PositiveInfinity, 0, false));
            return [.. result];
        }
        var workspace = new Workspace(steps);
        for (int p = 0; p < dimension; p++)
        {
            result[p] = workspace.Estimate(chain, walkers, dimension, p, windowFactor, minimumLengthInTau);
        }
        return [.. result];
    }

    /// <summary>Sokal's automated window on a normalised ACF: τ(M) = 2 Σ_{k≤M} ρ(k) − 1 at the first M ≥ c·τ(M).</summary>
    public static AutocorrelationEstimate FromFunction(
        ReadOnlySpan<double> acf,
        double windowFactor = DefaultWindowFactor,
        double minimumLengthInTau = DefaultMinimumLengthInTau)
    {
        if (!(windowFactor > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(windowFactor), windowFactor, "the window factor c must be > 0");
        }
        if (acf.Length == 0)
        {
            return new AutocorrelationEstimate(double.PositiveInfinity, 0, false);
        }
        double sum = 0;
        double tau = double.PositiveInfinity;
        for (int m = 0; m < acf.Length; m++)
        {
            sum += acf[m];
            tau = 2.0 * sum - 1.0;
            if (m >= windowFactor * tau)
            {
                bool reliable = double.IsFinite(tau) && minimumLengthInTau * tau <= acf.Length;
                return new AutocorrelationEstimate(tau, m, reliable);
            }
        }
        return new AutocorrelationEstimate(tau, acf.Length - 1, false);
    }

    private static int Steps(ReadOnlySpan<double> chain, int walkers, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        long row = (long)walkers * dimension;
        if (chain.Length % row != 0)
        {
            throw new ArgumentException($"chain of {chain.Length} values is not whole steps of {walkers} walkers × {dimension} parameters");
        }
        return (int)(chain.Length / row);
    }

    /// <summary>
    /// FFT buffers for series of one length, reused across walkers and parameters. The transforms are
    /// MathNet.Numerics' (<see cref="Fourier"/>, unscaled both ways), on series zero-padded to twice the next power of
    /// two so that the circular correlation equals the linear one over the kept lags.
    /// </summary>
    private sealed class Workspace
    {
        private readonly int _steps;
        private readonly int _length;
        private readonly double[] _re;
        private readonly double[] _im;
        private readonly double[] _power;
        private readonly double[] _acf;

        public Workspace(int steps)
        {
            _steps = steps;
            _length = 2 * (int)BitOperations.RoundUpToPowerOf2((uint)steps);
            _re = new double[_length];
            _im = new double[_length];
            _power = new double[_length];
            _acf = new double[steps];
        }

        public AutocorrelationEstimate Estimate(ReadOnlySpan<double> chain, int walkers, int dimension, int parameter, double windowFactor, double minimumLengthInTau)
        {
            if (!AveragedFunction(chain, walkers, dimension, parameter, _acf))
            {
                return new AutocorrelationEstimate(double.PositiveInfinity, 0, false);
            }
            return FromFunction(_acf, windowFactor, minimumLengthInTau);
        }

        /// <summary>Walker-averaged normalised ACF into <paramref name="acf"/>; false if every walker is constant.</summary>
        public bool AveragedFunction(ReadOnlySpan<double> chain, int walkers, int dimension, int parameter, Span<double> acf)
        {
            int n = _length;
            int mask = n - 1;
            Array.Clear(_power);
            int used = 0;
            for (int w = 0; w < walkers; w += 2)
            {
                bool hasSecond = w + 1 < walkers;
                Array.Clear(_re);
                Array.Clear(_im);
                double sumSquaresA = LoadCentred(chain, walkers, dimension, parameter, w, _re);
                double sumSquaresB = hasSecond ? LoadCentred(chain, walkers, dimension, parameter, w + 1, _im) : 0.0;
                if (!(sumSquaresA > 0) && !(sumSquaresB > 0))
                {
                    continue;
                }
                Fourier.Forward(_re, _im, FourierOptions.NoScaling);
                // Z = FFT(a + ib): A_k = (Z_k + conj Z_{−k})/2, B_k = (Z_k − conj Z_{−k})/(2i).
                double scaleA = sumSquaresA > 0 ? 1.0 / sumSquaresA : 0.0;
                double scaleB = sumSquaresB > 0 ? 1.0 / sumSquaresB : 0.0;
                for (int k = 0; k < n; k++)
                {
                    int j = (n - k) & mask;
                    double ar = 0.5 * (_re[k] + _re[j]);
                    double ai = 0.5 * (_im[k] - _im[j]);
                    double br = 0.5 * (_im[k] + _im[j]);
                    double bi = -0.5 * (_re[k] - _re[j]);
                    _power[k] += scaleA * (ar * ar + ai * ai) + scaleB * (br * br + bi * bi);
                }
                if (sumSquaresA > 0) used++;
                if (sumSquaresB > 0) used++;
            }
            if (used == 0)
            {
                return false;
            }
            Array.Copy(_power, _re, n);
            Array.Clear(_im);
            Fourier.Inverse(_re, _im, FourierOptions.NoScaling);
            double norm = 1.0 / ((double)n * used);
            for (int t = 0; t < _steps; t++)
            {
                acf[t] = _re[t] * norm;
            }
            return true;
        }

        private double LoadCentred(ReadOnlySpan<double> chain, int walkers, int dimension, int parameter, int walker, double[] target)
        {
            int stride = walkers * dimension;
            int offset = walker * dimension + parameter;
            double first = chain[offset];
            bool constant = true;
            double mean = 0;
            for (int t = 0; t < _steps; t++)
            {
                double value = chain[t * stride + offset];
                mean += value;
                constant &= value == first;
            }
            if (constant)
            {
                return 0.0;
            }
            mean /= _steps;
            double sumSquares = 0;
            for (int t = 0; t < _steps; t++)
            {
                double x = chain[t * stride + offset] - mean;
                target[t] = x;
                sumSquares += x * x;
            }
            return sumSquares;
        }
    }
}
