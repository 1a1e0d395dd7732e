using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// The affine-invariant stretch move of Goodman &amp; Weare (2010), Comm. App. Math. Comp. Sci. 5, 65,
/// eqs. (7)–(10), as in emcee's <c>StretchMove</c>: pick a complementary walker c uniformly, draw
/// z from g(z) ∝ 1/√z on [1/a, a] (z = ((a − 1)u + 1)²/a), propose y = c + z(x − c); the log
/// Hastings factor is (d − 1) ln z.
/// </summary>
public sealed class StretchMove : IEnsembleMove
{
    /// <summary>A stretch move with scale <paramref name="scale"/> (a &gt; 1; 2 is Goodman &amp; Weare's choice).</summary>
    public StretchMove(double scale = 2.0)
    {
        if (!(scale > 1.0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the stretch scale a must be finite and > 1");
        }
        Scale = scale;
    }

    /// <summary>The catalogue entry (<see cref="MoveCatalog"/>): <c>stretch</c> with a = 2.</summary>
    public static MoveEntry Entry { get; } = new("stretch", "stretch", "affine-invariant stretch move, a = 2 (Goodman & Weare 2010)", () => new StretchMove());

    /// <summary>The scale a.</summary>
    public double Scale { get; }

    public string Name => FormattableString.Invariant($"stretch(a={Scale})");

    public double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal)
    {
        int d = walker.Length;
        int j = random.NextInt(complement.Length / d);
        double u = random.NextDouble();
        double t = (Scale - 1.0) * u + 1.0;
        double z = t * t / Scale;
        var c = complement.Slice(j * d, d);
        for (int i = 0; i < d; i++)
        {
            proposal[i] = c[i] + z * (walker[i] - c[i]);
        }
        return (d - 1) * Math.Log(z);
    }
}
