using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;

namespace CrInference.Sampling.Tests.EnsembleSupport;

/// <summary>Proposes walker + <see cref="Shift"/> (every component) with a fixed log Hastings factor; draws no random numbers.</summary>
internal sealed class ShiftMove(double shift, double logFactor = 0.0) : IEnsembleMove
{
    public double Shift { get; } = shift;

    public string Name => $"shift({Shift})";

    public double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal)
    {
        for (int i = 0; i < walker.Length; i++) proposal[i] = walker[i] + Shift;
        return logFactor;
    }
}

/// <summary>Proposes (first complementary walker) + walker/10; draws no random numbers. Shows which complement the kernel passed.</summary>
internal sealed class FirstComplementMove : IEnsembleMove
{
    public string Name => "first-complement";

    public double Propose(ref RandomStream random, ReadOnlySpan<double> walker, ReadOnlySpan<double> complement, Span<double> proposal)
    {
        for (int i = 0; i < walker.Length; i++) proposal[i] = complement[i] + walker[i] / 10.0;
        return 0.0;
    }
}
