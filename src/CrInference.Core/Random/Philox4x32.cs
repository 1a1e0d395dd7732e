namespace CrInference.Core.Random;

/// <summary>
/// The Philox4x32-10 counter-based bijection (Salmon, Moraes, Dror &amp; Shaw 2011,
/// "Parallel random numbers: as easy as 1, 2, 3", SC'11). A 128-bit counter and a 64-bit
/// key map to 128 random bits; the same (key, counter) always gives the same bits, which
/// is what makes chains independent of thread scheduling.
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53u;
    private const uint M1 = 0xCD9E8D57u;
    private const uint W0 = 0x9E3779B9u;
    private const uint W1 = 0xBB67AE85u;

    /// <summary>Applies ten Philox rounds to the counter (c0..c3) under the key (k0, k1).</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Encrypt(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            uint n0 = hi1 ^ c1 ^ k0;
            uint n1 = lo1;
            uint n2 = hi0 ^ c3 ^ k1;
            uint n3 = lo0;
            c0 = n0; c1 = n1; c2 = n2; c3 = n3;
            k0 += W0; k1 += W1;
        }
        return (c0, c1, c2, c3);
    }
}
