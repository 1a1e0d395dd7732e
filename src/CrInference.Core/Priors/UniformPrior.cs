namespace CrInference.Core.Priors;

/// <summary>Uniform prior on [min, max]; sampled coordinate = physical value.</summary>
public sealed class UniformPrior : IPrior1D
{
    private readonly double _logDensity;

    private UniformPrior(double min, double max)
    {
        if (!(min < max) || double.IsInfinity(min) || double.IsInfinity(max))
        {
            throw new ArgumentException($"uniform prior needs finite min < max (got min={min}, max={max})");
        }
        Lower = min;
        Upper = max;
        _logDensity = -Math.Log(max - min);
    }

    /// <summary>Uniform prior between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static UniformPrior FromBounds(double min, double max) => new(min, max);

    public string Kind => "uniform";
    public double Lower { get; }
    public double Upper { get; }
    public double SampledWidth => Upper - Lower;
    public double LogDensity(double x) => x >= Lower && x <= Upper ? _logDensity : double.NegativeInfinity;
    public double LogDensitySampled(double y) => LogDensity(y);
    public double FromUnitInterval(double u) => Lower + u * (Upper - Lower);
    public double ToSampled(double x) => x;
    public double FromSampled(double y) => y;
    public IReadOnlyDictionary<string, double> Describe() => new Dictionary<string, double> { ["min"] = Lower, ["max"] = Upper };
}
