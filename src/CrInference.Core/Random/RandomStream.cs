namespace CrInference.Core.Random;

/// <summary>
/// A stream of random numbers from one <see cref="RandomKey"/>: Philox4x32-10 applied to an
/// incrementing counter. A mutable struct: pass it by <c>ref</c>. Copying it duplicates the
/// stream, which is never what a sampler wants.
/// </summary>
public struct RandomStream
{
    private readonly uint _k0;
    private readonly uint _k1;
    private ulong _counter;
    private uint _b0, _b1, _b2, _b3;
    private int _available;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Opens the stream of <paramref name="key"/> at its start.</summary>
    public RandomStream(RandomKey key)
    {
        _k0 = (uint)key.Value;
        _k1 = (uint)(key.Value >> 32);
        _counter = 0;
        _b0 = _b1 = _b2 = _b3 = 0;
        _available = 0;
        _spareGaussian = 0;
        _hasSpare = false;
    }

    /// <summary>Next 32 uniformly random bits.</summary>
    public uint NextUInt32()
    {
        if (_available == 0)
        {
            (_b0, _b1, _b2, _b3) = Philox4x32.Encrypt((uint)_counter, (uint)(_counter >> 32), 0u, 0u, _k0, _k1);
            _counter++;
            _available = 4;
        }
        _available--;
        return _available switch { 3 => _b0, 2 => _b1, 1 => _b2, _ => _b3 };
    }

    /// <summary>Next 64 uniformly random bits.</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform double in (0, 1): never exactly zero, safe for logarithms.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>) without modulo bias (Lemire 2019).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        uint range = (uint)exclusiveMax;
        ulong m = (ulong)NextUInt32() * range;
        uint low = (uint)m;
        if (low < range)
        {
            uint threshold = (uint)(-(int)range) % range;
            while (low < threshold)
            {
                m = (ulong)NextUInt32() * range;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
