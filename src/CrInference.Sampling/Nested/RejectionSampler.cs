using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// Constrained draw by rejection (Skilling 2006; Mukherjee et al. 2006; Feroz &amp; Hobson 2008):
/// propose uniformly from the bound — the unit cube, or the union of ellipsoids with the 1/q
/// multiplicity thinning of <see cref="MultiEllipsoid.TrySample"/> — drop proposals outside the
/// unit cube without a likelihood call, and accept the first with L &gt; L*. The accepted point is
/// uniform on {L &gt; L*} ∩ bound, i.e. an exact draw from the constrained prior when the bound
/// encloses the constrained region.
/// </summary>
internal static class RejectionSampler
{
    /// <summary>Proposals (in or out of the cube) after which a single draw gives up.</summary>
    public const long ProposalLimit = 1_000_000;

    /// <summary>True when <paramref name="result"/> holds a point with L &gt; <paramref name="floor"/>;
    /// false after <paramref name="callLimit"/> likelihood calls or <see cref="ProposalLimit"/> proposals.</summary>
    public static bool TryDraw(
        ref RandomStream random, IPosterior posterior, MultiEllipsoid? bound, double floor,
        long callLimit, Candidate result, out long calls)
    {
        calls = 0;
        int d = result.Unit.Length;
        Span<double> work = stackalloc double[2 * d];
        for (long proposals = 0; calls < callLimit && proposals < ProposalLimit; proposals++)
        {
            if (bound is null)
            {
                for (int i = 0; i < d; i++) result.Unit[i] = random.NextOpenDouble();
            }
            else if (!bound.TrySample(ref random, result.Unit, work) || !Candidate.InsideUnitCube(result.Unit))
            {
                continue;
            }
            result.Evaluate(posterior);
            calls++;
            if (result.LogLikelihood > floor) return true;
        }
        return false;
    }
}
