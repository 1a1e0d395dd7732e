using CrInference.Core;

namespace CrInference.Sampling.Tempering;

/// <summary>
/// The tempered target p_β ∝ L^β π of a posterior as an <see cref="IPosterior"/> view, so the ensemble
/// kernel (which accepts on ln π + ln L) samples it unchanged: the prior is untouched and
/// <see cref="LogLikelihood"/> returns β · ln L. The untempered ln L is appended as one extra derived
/// value, <see cref="UntemperedLogLikelihoodName"/>, after the inner posterior's derived values, which
/// stay untempered. β = 1 returns ln L bitwise (1 · x = x).
/// </summary>
public sealed class TemperedPosterior : IPosterior
{
    /// <summary>Name of the appended derived value holding the untempered ln L.</summary>
    public const string UntemperedLogLikelihoodName = "log_likelihood__untempered";

    private readonly IReadOnlyList<string> _derivedNames;

    /// <summary>The view of <paramref name="inner"/> at inverse temperature <paramref name="beta"/> ∈ (0, 1].</summary>
    public TemperedPosterior(IPosterior inner, double beta)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(beta > 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "the inverse temperature must lie in (0, 1]");
        }
        Inner = inner;
        Beta = beta;
        _derivedNames = [.. inner.DerivedNames, UntemperedLogLikelihoodName];
    }

    public IPosterior Inner { get; }

    /// <summary>The inverse temperature β.</summary>
    public double Beta { get; }

    public ParameterSpace Space => Inner.Space;

    /// <summary>The inner posterior's derived names followed by <see cref="UntemperedLogLikelihoodName"/>.</summary>
    public IReadOnlyList<string> DerivedNames => _derivedNames;

    /// <summary>β · ln L; writes the inner derived values and, last, the untempered ln L.</summary>
    public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
    {
        int inner = derived.Length - 1;
        double logLikelihood = Inner.LogLikelihood(sampled, derived[..inner]);
        derived[inner] = logLikelihood;
        return Temper(Beta, logLikelihood);
    }

    /// <summary>β · ln L, with −∞ staying −∞ (β &gt; 0). The one place the product is formed, so a
    /// value recomputed after a swap or a ladder change is bitwise what the view returns.</summary>
    public static double Temper(double beta, double logLikelihood) => beta * logLikelihood;
}
