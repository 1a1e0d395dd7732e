namespace CrInference.Core.Random;

/// <summary>
/// A splittable, counter-based random key (JAX-style). A key never changes; <see cref="Split"/>
/// derives an independent child key for a sub-task (a step, a walker, a live point), and
/// <see cref="Open"/> gives a stream of numbers that depends only on the key. A sampler that
/// derives every walker's randomness as <c>root.Split(step).Split(walker)</c> produces the
/// same chain for any thread count, and a checkpoint needs only the seed and the step.
/// </summary>
public readonly record struct RandomKey(ulong Value)
{
    /// <summary>The root key for a user seed.</summary>
    public static RandomKey FromSeed(ulong seed)
    {
        var (x0, x1, _, _) = Philox4x32.Encrypt((uint)seed, (uint)(seed >> 32), 0x5EEDu, 0x0u, 0x243F6A88u, 0x85A308D3u);
        return new RandomKey(((ulong)x1 << 32) | x0);
    }

    /// <summary>An independent child key for sub-task <paramref name="index"/>.</summary>
    public RandomKey Split(ulong index)
    {
        var (x0, x1, _, _) = Philox4x32.Encrypt((uint)index, (uint)(index >> 32), 0x5117u, 0x0u, (uint)Value, (uint)(Value >> 32));
        return new RandomKey(((ulong)x1 << 32) | x0);
    }

    /// <summary>A fresh stream of random numbers determined by this key alone.</summary>
    public RandomStream Open() => new(this);
}
