using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// Differential-evolution move (ter Braak 2006, Stat. Comput. 16, 239; emcee's <c>DEMove</c>): pick an
/// ordered pair of distinct complementary walkers (c₁, c₂) and propose y = x + γ(c₁ − c₂) with
/// γ = γ₀(1 + σξ), ξ ~ N(0, 1). The proposal is symmetric (log Hastings factor 0).
/// </summary>
/// <remarks>
/// γ₀ defaults to 2.38/√(2d) (ter Braak's optimum for Gaussian targets). The small jitter σ = 1e-5 that
/// makes the chain irreducible is applied to γ, as emcee does after Nelson et al. (2013), rather than
/// added to each coordinate as in ter Braak (2006): a multiplicative jitter keeps the move affine
/// invariant. Needs at least two walkers in each half-ensemble.
/// </remarks>
public sealed class DifferentialEvolutionMove : IEnsembleMove
{
    /// <summary>The catalogue entry (<see cref="MoveCatalog"/>): <c>de</c> with σ = 1e-5 and γ₀ = 2.38/√(2d).</summary>
    public static MoveEntry Entry { get; } = new("de", "differential evolution", "differential evolution, gamma0 = 2.38/sqrt(2d) (ter Braak 2006)", () => new DifferentialEvolutionMove());

    /// <summary>
    /// The catalogue entry <c>de-jump</c>: γ₀ = 1, σ = 1e-5. With γ = 1 the difference of two walkers in different modes
    /// carries a walker from one mode to the matching point of the other, so walkers placed in several modes exchange
    /// between them and their shares relax to the modes' masses: ter Braak's (2006) setting for multimodal targets (the
    /// DREAM sampler of Vrugt and ter Braak forces such a long jump every few generations, Dakota's <c>jump_step</c>).
    /// How often to use it is the prior file's choice (its move weights).
    /// </summary>
    public static MoveEntry JumpEntry { get; } = new("de-jump", "differential-evolution mode jump", "differential evolution with gamma0 = 1: jumps between modes (ter Braak 2006)", () => new DifferentialEvolutionMove(gamma0: 1.0));

    /// <summary>A DE move with jitter <paramref name="sigma"/> and mean scale <paramref name="gamma0"/> (null: 2.38/√(2d)).</summary>
    public DifferentialEvolutionMove(double sigma = 1.0e-5, double? gamma0 = null)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the DE jitter sigma must be finite and ≥ 0");
        }
        if (gamma0 is { } g && (!(g > 0) || double.IsInfinity(g)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma0), gamma0, "the DE scale gamma0 must be finite and > 0");
        }
        Sigma = sigma;
        Gamma0 = gamma0;
    }

    /// <summary>Relative standard deviation of γ.</summary>
    public double Sigma { get; }

    /// <summary>Mean of γ; null means 2.38/√(2d) for dimension d.</summary>
    public double? Gamma0 { get; }

    public string Name => Gamma0 is { } g
        ? FormattableString.Invariant($"de(gamma0={g}, sigma={Sigma})")
        : FormattableString.Invariant($"de(sigma={Sigma})");

    public double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal)
    {
        int d = walker.Length;
        int n = complement.Length / d;
        if (n < 2)
        {
            throw new InvalidOperationException("the differential-evolution move needs at least two walkers in each half-ensemble");
        }
        int first = random.NextInt(n);
        int second = random.NextInt(n - 1);
        if (second >= first) second++;
        double gamma0 = Gamma0 ?? 2.38 / Math.Sqrt(2.0 * d);
        double gamma = gamma0 * (1.0 + Sigma * random.NextGaussian());
        var a = complement.Slice(first * d, d);
        var b = complement.Slice(second * d, d);
        for (int i = 0; i < d; i++)
        {
            proposal[i] = walker[i] + gamma * (a[i] - b[i]);
        }
        return 0.0;
    }
}
