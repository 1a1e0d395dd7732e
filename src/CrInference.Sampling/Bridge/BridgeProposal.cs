using CrInference.Core.Random;

namespace CrInference.Sampling.Bridge;

/// <summary>
/// The proposal g of <see cref="BridgeSampler"/>: a <see cref="GaussianMixture"/> fitted to the chain's samples after
/// <see cref="SupportTransform"/> has mapped them onto the real line, read back in the sampled coordinates with the
/// Jacobian: ln g(y) = ln g_u(u(y)) − ln|dy/du|. Draws are made in u and mapped back, so they fall inside the support.
/// </summary>
internal sealed class BridgeProposal
{
    private readonly GaussianMixture _mixture;
    private readonly SupportTransform _transform;

    private BridgeProposal(GaussianMixture mixture, SupportTransform transform)
    {
        _mixture = mixture;
        _transform = transform;
    }

    /// <summary>Fits the mixture to <paramref name="count"/> rows of <paramref name="points"/> (sampled coordinates) in the
    /// transform's real-line coordinates.</summary>
    public static BridgeProposal Fit(SupportTransform transform, ReadOnlySpan<double> points, int count, int maxComponents, RandomKey key)
    {
        int d = transform.Dimension;
        var u = new double[count * d];
        for (int r = 0; r < count; r++) transform.ToReal(points.Slice(r * d, d), u.AsSpan(r * d, d));
        return new BridgeProposal(GaussianMixture.Fit(u, count, d, maxComponents, key), transform);
    }

    /// <summary>The dimension.</summary>
    public int Dimension => _transform.Dimension;

    /// <summary>Mixture components.</summary>
    public int Components => _mixture.Components;

    /// <summary>ln g at <paramref name="y"/> (sampled coordinates).</summary>
    public double LogDensity(ReadOnlySpan<double> y)
    {
        Span<double> u = stackalloc double[y.Length];
        double logJacobian = _transform.ToReal(y, u);
        return _mixture.LogDensity(u) - logJacobian;
    }

    /// <summary>The component of largest responsibility at <paramref name="y"/>.</summary>
    public int Component(ReadOnlySpan<double> y)
    {
        Span<double> u = stackalloc double[y.Length];
        _transform.ToReal(y, u);
        return _mixture.Component(u);
    }

    /// <summary>Draws a point (sampled coordinates) into <paramref name="y"/>; returns ln g there.</summary>
    public double Sample(ref RandomStream random, Span<double> y)
    {
        Span<double> u = stackalloc double[y.Length];
        _mixture.Sample(ref random, u);
        double logJacobian = _transform.FromReal(u, y);
        return _mixture.LogDensity(u) - logJacobian;
    }
}
