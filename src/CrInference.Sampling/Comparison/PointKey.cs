namespace CrInference.Sampling.Comparison;

/// <summary>Bitwise identity of a point (a parameter vector), for dropping exact repeats — an MCMC walker that stays put
/// repeats its point.</summary>
internal sealed class PointKey(double[] values) : IEquatable<PointKey>
{
    private readonly double[] _values = values;

    public bool Equals(PointKey? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as PointKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double v in _values) hash.Add(v);
        return hash.ToHashCode();
    }
}
