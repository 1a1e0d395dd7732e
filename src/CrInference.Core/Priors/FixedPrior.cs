namespace CrInference.Core.Priors;

/// <summary>A parameter held at one value (a bare number in a prior file). Never sampled.</summary>
public sealed class FixedPrior : IPrior1D
{
    private FixedPrior(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentException($"fixed parameter needs a finite value (got {value})");
        }
        Value = value;
    }

    /// <summary>A parameter fixed at <paramref name="value"/>.</summary>
    public static FixedPrior AtValue(double value) => new(value);

    public double Value { get; }
    public string Kind => "fixed";
    public double Lower => Value;
    public double Upper => Value;
    public double SampledWidth => 0;
    public double LogDensity(double x) => x == Value ? 0 : double.NegativeInfinity;
    public double LogDensitySampled(double y) => LogDensity(y);
    public double FromUnitInterval(double u) => Value;
    public double ToSampled(double x) => x;
    public double FromSampled(double y) => y;
    public IReadOnlyDictionary<string, double> Describe() => new Dictionary<string, double> { ["value"] = Value };
}
