using CrInference.Core;
using MathNet.Numerics.Distributions;

namespace CrInference.Sampling.Comparison;

/// <summary>
/// One parameter's posterior 68 % width against its prior, in the sampled coordinate (ln x for a
/// log-uniform prior, x otherwise).
/// </summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Lower16">Weighted 15.87 % quantile.</param>
/// <param name="Upper84">Weighted 84.13 % quantile.</param>
/// <param name="PosteriorWidth">Upper84 − Lower16.</param>
/// <param name="PriorSampledWidth">The prior's <c>SampledWidth</c>: max − min for a bounded prior, the
/// central 68.27 % interval for a normal prior.</param>
/// <param name="Ratio">PosteriorWidth / PriorSampledWidth, the fine-tuning measure of <see cref="FineTuning"/> (NaN for a
/// fixed parameter). A posterior equal to a uniform prior gives 0.683, equal to a normal prior 1.</param>
/// <param name="PriorWidth68">The prior's own central 68.27 % width in the sampled coordinate.</param>
/// <param name="RatioToPrior68">PosteriorWidth / PriorWidth68: 1 when the data taught nothing, whatever the prior's kind.</param>
public sealed record PosteriorWidthRatio(
    string Name, double Lower16, double Upper84, double PosteriorWidth, double PriorSampledWidth, double Ratio,
    double PriorWidth68, double RatioToPrior68);

/// <summary>
/// Δχ² when one parameter alone moves from the best fit to (1 ± f) × its physical value, the others
/// held at the best fit.
/// </summary>
/// <param name="Name">Parameter name.</param>
/// <param name="BestFitValue">Physical value at the best fit.</param>
/// <param name="ChiSquareBestFit">χ² at the best fit.</param>
/// <param name="DeltaChiSquareUp">χ²(value × (1 + f)) − χ²(best fit).</param>
/// <param name="DeltaChiSquareDown">χ²(value × (1 − f)) − χ²(best fit).</param>
/// <param name="MaxDeltaChiSquare">The larger of the two (NaN only if both are).</param>
/// <param name="UpOutsidePrior">True when value × (1 + f) lies outside the prior's support (χ² is still evaluated).</param>
/// <param name="DownOutsidePrior">Likewise for value × (1 − f).</param>
public sealed record ChiSquareShift(
    string Name, double BestFitValue, double ChiSquareBestFit, double DeltaChiSquareUp, double DeltaChiSquareDown,
    double MaxDeltaChiSquare, bool UpOutsidePrior, bool DownOutsidePrior);

/// <summary>
/// Per-parameter fine-tuning measures, so that "fine-tuned" is a number (KQ22, abstract and §4.2, call the two-phase
/// model's fit to the data fine-tuned in its plasma parameters): how much of its prior
/// range a parameter may occupy (<see cref="WidthRatios"/>), and how much the fit degrades when it alone
/// moves by 10 % (<see cref="ChiSquareShifts"/>). Both are pure functions of samples, priors and a χ² callback.
/// </summary>
public static class FineTuning
{
    /// <summary>Φ(−1): the lower end of the 68.27 % central interval (MathNet's standard normal CDF).</summary>
    public static readonly double LowerProbability = Normal.CDF(0, 1, -1);

    /// <summary>Φ(1): the upper end of the 68.27 % central interval.</summary>
    public static readonly double UpperProbability = Normal.CDF(0, 1, 1);

    /// <summary>Posterior 68 % width over the prior width for every parameter of <paramref name="space"/>
    /// (quantiles weighted, see <see cref="WeightedSamples.Quantile"/>).</summary>
    public static IReadOnlyList<PosteriorWidthRatio> WidthRatios(WeightedSamples samples, ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(space);
        if (space.Dimension != samples.Dimension)
        {
            throw new ArgumentException($"samples have {samples.Dimension} coordinates but the space has {space.Dimension} parameters");
        }
        var result = new List<PosteriorWidthRatio>(space.Dimension);
        for (int i = 0; i < space.Dimension; i++)
        {
            var prior = space.Parameters[i].Prior;
            double lower = samples.Quantile(i, LowerProbability);
            double upper = samples.Quantile(i, UpperProbability);
            double width = upper - lower;
            double priorWidth = prior.SampledWidth;
            double prior68 = prior.ToSampled(prior.FromUnitInterval(UpperProbability)) - prior.ToSampled(prior.FromUnitInterval(LowerProbability));
            result.Add(new PosteriorWidthRatio(
                space.Parameters[i].Name, lower, upper, width, priorWidth,
                priorWidth > 0 ? width / priorWidth : double.NaN,
                prior68, prior68 > 0 ? width / prior68 : double.NaN));
        }
        return result;
    }

    /// <summary>
    /// Δχ² for every parameter moved alone to (1 ± <paramref name="relativeStep"/>) × its physical best-fit
    /// value (the move is made in physical units and mapped back to the sampled coordinate). A parameter
    /// whose best-fit value is 0 cannot move by a fraction of itself: its Δχ² are NaN.
    /// </summary>
    /// <param name="space">The parameters (their priors map physical ↔ sampled).</param>
    /// <param name="bestFitSampled">The best fit in sampled coordinates.</param>
    /// <param name="chiSquare">χ² (= −2 ln L up to a constant) at a point in sampled coordinates.</param>
    /// <param name="relativeStep">f, 0.1 by default.</param>
    public static IReadOnlyList<ChiSquareShift> ChiSquareShifts(
        ParameterSpace space, ReadOnlySpan<double> bestFitSampled, Func<double[], double> chiSquare, double relativeStep = 0.1)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(chiSquare);
        if (bestFitSampled.Length != space.Dimension)
        {
            throw new ArgumentException($"best fit has {bestFitSampled.Length} values for {space.Dimension} parameters");
        }
        if (!(relativeStep > 0 && relativeStep < 1)) throw new ArgumentOutOfRangeException(nameof(relativeStep), relativeStep, "the relative step must lie in (0, 1)");
        var best = bestFitSampled.ToArray();
        double chiSquareBest = chiSquare((double[])best.Clone());
        var result = new List<ChiSquareShift>(space.Dimension);
        for (int i = 0; i < space.Dimension; i++)
        {
            var prior = space.Parameters[i].Prior;
            double value = prior.FromSampled(best[i]);
            double up = double.NaN, down = double.NaN;
            bool upOutside = false, downOutside = false;
            if (value != 0 && double.IsFinite(value))
            {
                (up, upOutside) = Shifted(value * (1 + relativeStep));
                (down, downOutside) = Shifted(value * (1 - relativeStep));
            }
            double max = double.IsNaN(up) ? down : double.IsNaN(down) ? up : Math.Max(up, down);
            result.Add(new ChiSquareShift(space.Parameters[i].Name, value, chiSquareBest, up, down, max, upOutside, downOutside));

            (double Delta, bool Outside) Shifted(double physical)
            {
                var point = (double[])best.Clone();
                point[i] = prior.ToSampled(physical);
                bool outside = double.IsNegativeInfinity(prior.LogDensity(physical));
                return (chiSquare(point) - chiSquareBest, outside);
            }
        }
        return result;
    }
}
