using CrInference.Core;

namespace CrInference.Sampling.Nested;

/// <summary>
/// Scratch space for one point being proposed: unit-cube coordinates, the sampled coordinates they
/// map to through <see cref="ParameterSpace.FromUnitCube"/>, and the posterior's answer there.
/// One per slot, never shared between threads.
/// </summary>
internal sealed class Candidate
{
    public Candidate(int dimension, int derivedCount)
    {
        Unit = new double[dimension];
        Sampled = new double[dimension];
        Derived = new double[derivedCount];
    }

    public double[] Unit { get; }

    public double[] Sampled { get; }

    public double[] Derived { get; }

    public double LogPrior { get; private set; }

    public double LogLikelihood { get; private set; } = double.NegativeInfinity;

    /// <summary>Strictly inside (0, 1)ᴰ: the priors' inverse CDFs may be infinite at 0 and 1.</summary>
    public static bool InsideUnitCube(ReadOnlySpan<double> u)
    {
        foreach (double x in u)
        {
            if (!(x > 0 && x < 1)) return false;
        }
        return true;
    }

    /// <summary>Maps <see cref="Unit"/> to sampled coordinates and evaluates the posterior (one likelihood call).</summary>
    public void Evaluate(IPosterior posterior)
    {
        posterior.Space.FromUnitCube(Unit, Sampled);
        var value = posterior.Evaluate(Sampled, Derived);
        LogPrior = value.LogPrior;
        LogLikelihood = value.LogLikelihood;
    }

    public void CopyFrom(Candidate other)
    {
        other.Unit.CopyTo(Unit, 0);
        other.Sampled.CopyTo(Sampled, 0);
        other.Derived.CopyTo(Derived, 0);
        LogPrior = other.LogPrior;
        LogLikelihood = other.LogLikelihood;
    }

    public void CopyFrom(NestedPoint point)
    {
        point.Unit.CopyTo(Unit);
        point.Sampled.CopyTo(Sampled);
        point.Derived.CopyTo(Derived);
        LogPrior = point.LogPrior;
        LogLikelihood = point.LogLikelihood;
    }

    public NestedPoint ToPoint() => new([.. Unit], [.. Sampled], LogPrior, LogLikelihood, [.. Derived]);
}
