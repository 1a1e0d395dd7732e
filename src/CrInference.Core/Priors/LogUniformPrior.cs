namespace CrInference.Core.Priors;

/// <summary>
/// Log-uniform (Jeffreys) prior on [min, max] with 0 &lt; min &lt; max: density ∝ 1/x.
/// Sampled coordinate y = ln x, in which the prior is uniform on [ln min, ln max].
/// </summary>
public sealed class LogUniformPrior : IPrior1D
{
    private readonly double _lnMin;
    private readonly double _lnMax;

    private LogUniformPrior(double min, double max)
    {
        if (!(min > 0) || !(min < max) || double.IsInfinity(max))
        {
            throw new ArgumentException($"log-uniform prior needs 0 < min < max < inf (got min={min}, max={max})");
        }
        Lower = min;
        Upper = max;
        _lnMin = Math.Log(min);
        _lnMax = Math.Log(max);
    }

    /// <summary>Log-uniform prior between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static LogUniformPrior FromBounds(double min, double max) => new(min, max);

    public string Kind => "log-uniform";
    public double Lower { get; }
    public double Upper { get; }
    public double SampledWidth => _lnMax - _lnMin;

    public double LogDensity(double x) =>
        x >= Lower && x <= Upper ? -Math.Log(x) - Math.Log(_lnMax - _lnMin) : double.NegativeInfinity;

    public double LogDensitySampled(double y) =>
        y >= _lnMin && y <= _lnMax ? -Math.Log(_lnMax - _lnMin) : double.NegativeInfinity;

    public double FromUnitInterval(double u) => Math.Exp(_lnMin + u * (_lnMax - _lnMin));
    public double ToSampled(double x) => Math.Log(x);
    public double FromSampled(double y) => Math.Exp(y);
    public IReadOnlyDictionary<string, double> Describe() => new Dictionary<string, double> { ["min"] = Lower, ["max"] = Upper };
}
