using CrInference.Core;
using CrInference.Core.Priors;

namespace CrInference.Sampling.Bridge;

/// <summary>
/// Maps each sampled coordinate y of a prior with bounded support onto the real line before a proposal is fitted, as the
/// R package bridgesampling does (Gronau et al. 2017, "A tutorial on bridge sampling", J. Math. Psychol. 81, 80, §
/// "Bridge sampling in practice"; its <c>.transform2Real</c>): u = Φ⁻¹((y − a)/(b − a)) on [a, b] (probit),
/// u = ln(y − a) above a lower bound only, u = ln(b − y) below an upper bound only, u = y without bounds. A Gaussian
/// mixture in u then has a density that vanishes at the bounds as a posterior piled against one does, instead of
/// spilling half of a component outside the prior; the density in y is g_u(u(y)) |du/dy|.
/// </summary>
/// <remarks>A coordinate with a chain sample exactly on a bound (where u is infinite) is left untransformed.</remarks>
internal sealed class SupportTransform
{
    private enum Kind : byte { Identity, Lower, Upper, Both }

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private readonly Kind[] _kind;
    private readonly double[] _lower;
    private readonly double[] _upper;

    private SupportTransform(Kind[] kind, double[] lower, double[] upper)
    {
        _kind = kind;
        _lower = lower;
        _upper = upper;
    }

    /// <summary>The identity (no coordinate transformed) in <paramref name="dimension"/> dimensions.</summary>
    public static SupportTransform Identity(int dimension) =>
        new(new Kind[dimension], new double[dimension], new double[dimension]);

    /// <summary>The transform for <paramref name="space"/>'s priors, leaving untransformed any coordinate on which a row of
    /// <paramref name="sampleSets"/> (each row-major, sampled coordinates) lies on or outside a bound.</summary>
    public static SupportTransform For(ParameterSpace space, params double[][] sampleSets)
    {
        ArgumentNullException.ThrowIfNull(space);
        int d = space.Dimension;
        var kind = new Kind[d];
        var lower = new double[d];
        var upper = new double[d];
        for (int i = 0; i < d; i++)
        {
            IPrior1D prior = space.Parameters[i].Prior;
            lower[i] = double.IsFinite(prior.Lower) ? prior.ToSampled(prior.Lower) : double.NegativeInfinity;
            upper[i] = double.IsFinite(prior.Upper) ? prior.ToSampled(prior.Upper) : double.PositiveInfinity;
            bool hasLower = double.IsFinite(lower[i]), hasUpper = double.IsFinite(upper[i]);
            kind[i] = hasLower && hasUpper ? Kind.Both : hasLower ? Kind.Lower : hasUpper ? Kind.Upper : Kind.Identity;
        }
        foreach (var samples in sampleSets)
        {
            for (int r = 0; r < samples.Length / d; r++)
            {
                for (int i = 0; i < d; i++)
                {
                    double y = samples[r * d + i];
                    // Strictly inside: y > −∞ and y < +∞ hold for a finite sample on an open side.
                    if (!(y > lower[i] && y < upper[i])) kind[i] = Kind.Identity;
                }
            }
        }
        return new SupportTransform(kind, lower, upper);
    }

    /// <summary>The dimension.</summary>
    public int Dimension => _kind.Length;

    /// <summary>u(y) into <paramref name="u"/>; returns ln|dy/du| at that point (the log Jacobian to subtract from ln g_u).</summary>
    public double ToReal(ReadOnlySpan<double> y, Span<double> u)
    {
        double logJacobian = 0;
        for (int i = 0; i < _kind.Length; i++)
        {
            u[i] = _kind[i] switch
            {
                Kind.Both => StandardNormal.InverseCdf((y[i] - _lower[i]) / (_upper[i] - _lower[i])),
                Kind.Lower => Math.Log(y[i] - _lower[i]),
                Kind.Upper => Math.Log(_upper[i] - y[i]),
                _ => y[i],
            };
            logJacobian += LogDerivative(i, u[i]);
        }
        return logJacobian;
    }

    /// <summary>y(u) into <paramref name="y"/> (inside the support, up to rounding onto a bound); returns ln|dy/du|.</summary>
    public double FromReal(ReadOnlySpan<double> u, Span<double> y)
    {
        double logJacobian = 0;
        for (int i = 0; i < _kind.Length; i++)
        {
            y[i] = _kind[i] switch
            {
                Kind.Both => Math.Min(_upper[i], _lower[i] + (_upper[i] - _lower[i]) * StandardNormal.Cdf(u[i])),
                Kind.Lower => _lower[i] + Math.Exp(u[i]),
                Kind.Upper => _upper[i] - Math.Exp(u[i]),
                _ => u[i],
            };
            logJacobian += LogDerivative(i, u[i]);
        }
        return logJacobian;
    }

    // ln|dy_i/du_i|: (b − a) φ(u) for the probit, e^u beside one bound, 1 without.
    private double LogDerivative(int i, double u) => _kind[i] switch
    {
        Kind.Both => Math.Log(_upper[i] - _lower[i]) - HalfLogTwoPi - 0.5 * u * u,
        Kind.Lower or Kind.Upper => u,
        _ => 0.0,
    };

    /// <summary>How many coordinates are transformed.</summary>
    public int Transformed => _kind.Count(k => k != Kind.Identity);
}
