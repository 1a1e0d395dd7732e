using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Sampling.Bridge;

namespace CrInference.Sampling.Tests.Bridge;

/// <summary>
/// The real-line map of the bridge proposal (probit between two bounds, log beside one, identity without bounds; the
/// transforms of the R package bridgesampling): it inverts itself, its log Jacobian is the derivative of the inverse map
/// (checked by central differences), and a proposal built on it is a normalised density on the prior's support
/// (checked by quadrature).
/// </summary>
public sealed class SupportTransformTests
{
    // Uniform [−1, 3] (both bounds), log-uniform [1, 100] (sampled as ln x: both), normal truncated below at 0 (lower
    // only), untruncated normal (none).
    private static ParameterSpace Space() => new([
        new ParameterSpec("a", "a", "", UniformPrior.FromBounds(-1, 3)),
        new ParameterSpec("b", "b", "", LogUniformPrior.FromBounds(1, 100)),
        new ParameterSpec("c", "c", "", NormalPrior.TruncatedFromMeanSigmaAndBounds(1, 2, 0, double.PositiveInfinity)),
        new ParameterSpec("d", "d", "", NormalPrior.FromMeanAndSigma(0, 1)),
    ]);

    [Fact]
    public void RoundTrip_AndLogJacobian_MatchCentralDifferences()
    {
        var space = Space();
        var transform = SupportTransform.For(space);
        Assert.Equal(3, transform.Transformed);
        double[] y = [2.9, Math.Log(1.5), 0.01, -0.7];
        var u = new double[4];
        double logJacobian = transform.ToReal(y, u);
        var back = new double[4];
        Assert.Equal(logJacobian, transform.FromReal(u, back), 12);
        for (int i = 0; i < 4; i++) Assert.Equal(y[i], back[i], 12);
        Assert.Equal(-0.7, u[3]);
        // The map is separable, so |dy/du| is the product of the diagonal derivatives.
        double sum = 0;
        const double h = 1e-5;
        for (int i = 0; i < 4; i++)
        {
            var up = (double[])u.Clone();
            var down = (double[])u.Clone();
            up[i] += h;
            down[i] -= h;
            var yUp = new double[4];
            var yDown = new double[4];
            transform.FromReal(up, yUp);
            transform.FromReal(down, yDown);
            sum += Math.Log((yUp[i] - yDown[i]) / (2 * h));
        }
        Assert.Equal(sum, logJacobian, 6);
    }

    [Fact]
    public void ACoordinateWithASampleOnItsBound_IsLeftUntransformed()
    {
        var space = Space();
        double[] samples = [0.5, 1.0, 1.0, 0.0, /* second row: a on its lower bound */ -1.0, 2.0, 2.0, 1.0];
        Assert.Equal(2, SupportTransform.For(space, samples).Transformed);
        Assert.Equal(3, SupportTransform.For(space, [0.5, 1.0, 1.0, 0.0]).Transformed);
    }

    [Fact]
    public void Proposal_IsANormalisedDensityOnTheSupport()
    {
        // A 1-D posterior piled against the lower bound of [0, 10]: half-normal-like samples. The proposal fitted on the
        // probit scale and read back with the Jacobian integrates to 1 over [0, 10] (trapezoid on a fine grid, with the
        // integrable end points excluded).
        var space = new ParameterSpace([new ParameterSpec("x", "x", "", UniformPrior.FromBounds(0, 10))]);
        var stream = RandomKey.FromSeed(5).Open();
        var samples = new double[2000];
        for (int i = 0; i < samples.Length; i++) samples[i] = Math.Abs(stream.NextGaussian()) + 1e-9;
        var proposal = BridgeProposal.Fit(SupportTransform.For(space, samples), samples, samples.Length, 4, RandomKey.FromSeed(6));
        const int n = 200_000;
        double integral = 0;
        for (int k = 1; k < n; k++)
        {
            double x = 10.0 * k / n;
            integral += Math.Exp(proposal.LogDensity([x])) * (10.0 / n);
        }
        Assert.Equal(1.0, integral, 3);
        // Draws land inside the support and their density is the one LogDensity gives.
        var draw = new double[1];
        var random = RandomKey.FromSeed(7).Open();
        for (int j = 0; j < 100; j++)
        {
            double logG = proposal.Sample(ref random, draw);
            Assert.InRange(draw[0], 0, 10);
            if (draw[0] > 1e-6) Assert.Equal(proposal.LogDensity(draw), logG, 6);
        }
    }
}
