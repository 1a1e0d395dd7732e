using CrInference.Core.Random;

namespace CrInference.Sampling.Tests;

public class RandomKeyTests
{
    // Known-answer vectors of Philox4x32-10 from Random123's kat_vectors file.
    [Fact]
    public void Philox_ZeroCounterZeroKey_MatchesRandom123KnownAnswer()
    {
        var (x0, x1, x2, x3) = Philox4x32.Encrypt(0, 0, 0, 0, 0, 0);
        Assert.Equal((0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), (x0, x1, x2, x3));
    }

    [Fact]
    public void Philox_AllOnes_MatchesRandom123KnownAnswer()
    {
        var (x0, x1, x2, x3) = Philox4x32.Encrypt(uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue);
        Assert.Equal((0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu), (x0, x1, x2, x3));
    }

    [Fact]
    public void Philox_PiDigits_MatchesRandom123KnownAnswer()
    {
        var (x0, x1, x2, x3) = Philox4x32.Encrypt(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
        Assert.Equal((0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u), (x0, x1, x2, x3));
    }

    [Fact]
    public void Open_SameKey_GivesSameStream()
    {
        var key = RandomKey.FromSeed(42).Split(7);
        var a = key.Open();
        var b = key.Open();
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NextDouble_MeanAndVariance_MatchUniformWithinFiveSigma()
    {
        var s = RandomKey.FromSeed(1).Open();
        const int n = 200_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++) { double u = s.NextDouble(); sum += u; sum2 += u * u; }
        double mean = sum / n, variance = sum2 / n - mean * mean;
        // Uniform(0,1): mean 1/2 with standard error sqrt(1/12/n); variance 1/12 with s.e. sqrt(1/180/n).
        Assert.InRange(mean, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
        Assert.InRange(variance, 1.0 / 12 - 5 * Math.Sqrt(1.0 / 180 / n), 1.0 / 12 + 5 * Math.Sqrt(1.0 / 180 / n));
    }

    [Fact]
    public void NextGaussian_Moments_MatchStandardNormalWithinFiveSigma()
    {
        var s = RandomKey.FromSeed(3).Open();
        const int n = 200_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++) { double g = s.NextGaussian(); sum += g; sum2 += g * g; }
        double mean = sum / n, variance = sum2 / n - mean * mean;
        // N(0,1): s.e. of the mean 1/sqrt(n), of the variance sqrt(2/n).
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));
    }
}
