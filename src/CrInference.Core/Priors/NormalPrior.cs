namespace CrInference.Core.Priors;

/// <summary>
/// Normal prior N(mean, sigma²), optionally truncated to [min, max] (renormalised).
/// Sampled coordinate = physical value.
/// </summary>
public sealed class NormalPrior : IPrior1D
{
    private readonly double _mean;
    private readonly double _sigma;
    private readonly double _cdfLower;
    private readonly double _cdfUpper;
    private readonly double _logNormaliser;

    private NormalPrior(double mean, double sigma, double min, double max)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma) || double.IsNaN(mean) || double.IsInfinity(mean))
        {
            throw new ArgumentException($"normal prior needs a finite mean and sigma > 0 (got mean={mean}, sigma={sigma})");
        }
        if (!(min < max))
        {
            throw new ArgumentException($"truncated normal prior needs min < max (got min={min}, max={max})");
        }
        _mean = mean;
        _sigma = sigma;
        Lower = min;
        Upper = max;
        _cdfLower = StandardNormal.Cdf((min - mean) / sigma);
        _cdfUpper = StandardNormal.Cdf((max - mean) / sigma);
        double mass = _cdfUpper - _cdfLower;
        if (!(mass > 1e-300))
        {
            throw new ArgumentException($"truncated normal prior has no mass in [{min}, {max}] for mean={mean}, sigma={sigma}");
        }
        _logNormaliser = -0.5 * Math.Log(2 * Math.PI) - Math.Log(sigma) - Math.Log(mass);
    }

    /// <summary>Untruncated normal prior.</summary>
    public static NormalPrior FromMeanAndSigma(double mean, double sigma) =>
        new(mean, sigma, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Normal prior truncated to [min, max].</summary>
    public static NormalPrior TruncatedFromMeanSigmaAndBounds(double mean, double sigma, double min, double max) =>
        new(mean, sigma, min, max);

    public string Kind => double.IsInfinity(Lower) && double.IsInfinity(Upper) ? "normal" : "truncated-normal";
    public double Mean => _mean;
    public double Sigma => _sigma;
    public double Lower { get; }
    public double Upper { get; }

    public double SampledWidth => double.IsInfinity(Lower) || double.IsInfinity(Upper)
        ? FromUnitInterval(0.841344746068543) - FromUnitInterval(0.158655253931457)
        : Upper - Lower;

    public double LogDensity(double x)
    {
        if (!(x >= Lower && x <= Upper))
        {
            return double.NegativeInfinity;
        }
        double t = (x - _mean) / _sigma;
        return _logNormaliser - 0.5 * t * t;
    }

    public double LogDensitySampled(double y) => LogDensity(y);

    public double FromUnitInterval(double u)
    {
        double p = _cdfLower + u * (_cdfUpper - _cdfLower);
        double x = _mean + _sigma * StandardNormal.InverseCdf(p);
        return Math.Clamp(x, Lower, Upper);
    }

    public double ToSampled(double x) => x;
    public double FromSampled(double y) => y;

    public IReadOnlyDictionary<string, double> Describe()
    {
        var d = new Dictionary<string, double> { ["mean"] = _mean, ["sigma"] = _sigma };
        if (!double.IsInfinity(Lower)) d["min"] = Lower;
        if (!double.IsInfinity(Upper)) d["max"] = Upper;
        return d;
    }
}
