namespace CrInference.Sampling.Diagnostics;

/// <summary>
/// Iterative radix-2 Cooley–Tukey fast Fourier transform (Cooley &amp; Tukey 1965) for one power-of-two
/// length, with the twiddle factors tabulated once (each from <see cref="Math.SinCos"/>, not by
/// recurrence, to keep round-off at the 1e-16 level). Forward: X_k = Σ x_t e^{−2πikt/N}; the inverse
/// is unscaled (callers divide by N).
/// </summary>
internal sealed class Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;

    public Fft(int length)
    {
        if (length < 1 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two");
        }
        Length = length;
        int half = Math.Max(1, length / 2);
        _cos = new double[half];
        _sin = new double[half];
        for (int k = 0; k < half; k++)
        {
            (_sin[k], _cos[k]) = Math.SinCos(2.0 * Math.PI * k / length);
        }
    }

    public int Length { get; }

    /// <summary>Smallest power of two ≥ <paramref name="n"/>.</summary>
    public static int NextPowerOfTwo(int n)
    {
        int p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// <summary>In-place forward transform of (re, im).</summary>
    public void Forward(Span<double> re, Span<double> im) => Transform(re, im, -1.0);

    /// <summary>In-place unscaled inverse transform of (re, im).</summary>
    public void InverseUnscaled(Span<double> re, Span<double> im) => Transform(re, im, 1.0);

    private void Transform(Span<double> re, Span<double> im, double sign)
    {
        int n = Length;
        if (re.Length != n || im.Length != n)
        {
            throw new ArgumentException($"FFT of length {n} got arrays of length {re.Length} and {im.Length}");
        }
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1;
            int stride = n / size;
            for (int k = 0; k < half; k++)
            {
                double wr = _cos[k * stride];
                double wi = sign * _sin[k * stride];
                for (int start = k; start < n; start += size)
                {
                    int other = start + half;
                    double tr = wr * re[other] - wi * im[other];
                    double ti = wr * im[other] + wi * re[other];
                    re[other] = re[start] - tr;
                    im[other] = im[start] - ti;
                    re[start] += tr;
                    im[start] += ti;
                }
            }
        }
    }
}
