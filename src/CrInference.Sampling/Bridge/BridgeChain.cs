using CrInference.Core;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Diagnostics;
using MathNet.Numerics.Statistics;

namespace CrInference.Sampling.Bridge;

/// <summary>
/// The two halves of a post-burn-in ensemble chain as <see cref="BridgeSampler"/> uses them: the first half, thinned
/// evenly to at most <see cref="BridgeSamplingSettings.MaxFitPoints"/> rows, to fit the proposal; the second half,
/// thinned by whole steps to at most <see cref="BridgeSamplingSettings.MaxEstimatorSamples"/> rows (step-major, so that
/// autocorrelation times stay defined), for the estimator, with its integrated autocorrelation time (median over the
/// parameters, in kept steps) and effective sample size.
/// </summary>
internal sealed class BridgeChain
{
    public BridgeChain(ParameterSpace space, int walkers, int steps, ReadOnlySpan<double> positions, ReadOnlySpan<double> logLikelihoods, BridgeSamplingSettings settings)
    {
        int dimension = space.Dimension;
        Walkers = walkers;
        Dimension = dimension;
        int half = steps / 2;
        long fitRows = (long)half * walkers;
        // Evenly spaced rows, each kept once: a walker that stays put repeats its row, and repeated rows would let a
        // mixture component collapse onto them.
        int fitCount = (int)Math.Min(fitRows, settings.MaxFitPoints);
        var seen = new HashSet<PointKey>();
        var fit = new List<double>(fitCount * dimension);
        for (int k = 0; k < fitCount; k++)
        {
            long row = k * fitRows / fitCount;
            var rowValues = positions.Slice((int)(row * dimension), dimension).ToArray();
            if (seen.Add(new PointKey(rowValues))) fit.AddRange(rowValues);
        }
        FitPoints = [.. fit];
        int available = steps - half;
        int stride = (int)Math.Max(1, ((long)available * walkers + settings.MaxEstimatorSamples - 1) / settings.MaxEstimatorSamples);
        EstimatorSteps = (available + stride - 1) / stride;
        EstimatorPoints = new double[EstimatorSteps * walkers * dimension];
        EstimatorLogQ = new double[EstimatorSteps * walkers];
        for (int t = 0; t < EstimatorSteps; t++)
        {
            int source = half + t * stride;
            positions.Slice(source * walkers * dimension, walkers * dimension).CopyTo(EstimatorPoints.AsSpan(t * walkers * dimension));
            for (int w = 0; w < walkers; w++)
            {
                int row = source * walkers + w;
                EstimatorLogQ[t * walkers + w] = space.LogPrior(positions.Slice(row * dimension, dimension)) + logLikelihoods[row];
            }
        }
        var taus = Autocorrelation.IntegratedTimes(EstimatorPoints, walkers, dimension);
        var values = taus.Select(e => double.IsFinite(e.Tau) ? Math.Max(e.Tau, 1) : EstimatorSteps).ToArray();
        Array.Sort(values);
        Tau = SortedArrayStatistics.Median(values);
        EffectiveSamples = EstimatorLogQ.Length / Tau;
    }

    public int Walkers { get; }

    public int Dimension { get; }

    /// <summary>Rows of the first half the proposal is fitted to (row-major).</summary>
    public double[] FitPoints { get; }

    /// <summary>Kept steps of the second half.</summary>
    public int EstimatorSteps { get; }

    /// <summary>Rows of the second half, step-major.</summary>
    public double[] EstimatorPoints { get; }

    /// <summary>ln(π L) of those rows, π in sampled coordinates.</summary>
    public double[] EstimatorLogQ { get; }

    /// <summary>Median integrated autocorrelation time of the parameters, in kept steps.</summary>
    public double Tau { get; }

    /// <summary>Rows / τ.</summary>
    public double EffectiveSamples { get; }

    /// <summary>ln(q/g) at the estimator rows for proposal <paramref name="g"/>.</summary>
    public double[] LogRatios(BridgeProposal g)
    {
        var l = new double[EstimatorLogQ.Length];
        for (int i = 0; i < l.Length; i++) l[i] = EstimatorLogQ[i] - g.LogDensity(EstimatorPoints.AsSpan(i * Dimension, Dimension));
        return l;
    }
}
