using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Nested;

/// <summary>
/// Constrained draw by random-direction slice sampling, dynesty's 'rslice' (Neal 2003 §4 stepping
/// out and shrinkage; Handley, Hobson &amp; Lasenby 2015 "PolyChord" for its use in nested sampling).
/// Starting from a live point above the floor, each of <c>slices</c> steps picks a direction
/// L n (n uniform on the unit sphere, L the factor of an ellipsoid of the bound containing the
/// current point, times the adapted <c>scale</c>, capped at the half-diagonal √D/2 of the cube),
/// places a unit interval at a random offset around the point, steps it out while its ends satisfy
/// L &gt; L* (and lie in the cube), and shrinks it towards the point until a uniform draw inside
/// satisfies the constraint. The chain leaves the uniform distribution on {L &gt; L*} invariant; its
/// end point after <c>slices</c> steps is the new live point. Calls outside the unit cube are free.
/// </summary>
internal static class SliceSampler
{
    private const int StepOutLimit = 10_000;
    private const int ShrinkLimit = 1_000;

    /// <summary>Counts of one draw: likelihood calls, interval expansions and contractions.</summary>
    public readonly record struct Statistics(long Calls, long Expansions, long Contractions);

    /// <summary>Runs the chain from <paramref name="start"/>; the end point is left in <paramref name="current"/>.</summary>
    public static Statistics Draw(
        ref RandomStream random, IPosterior posterior, NestedPoint start, MultiEllipsoid? bound,
        double floor, double scale, int slices, Candidate current, Candidate trial)
    {
        current.CopyFrom(start);
        int d = current.Unit.Length;
        Span<double> direction = stackalloc double[d];
        Span<double> unitDirection = stackalloc double[d];
        Span<double> work = stackalloc double[2 * d];
        long calls = 0, expansions = 0, contractions = 0;
        double maxLength = Math.Sqrt(d) / 2;
        for (int step = 0; step < slices; step++)
        {
            RandomUnitVector(ref random, unitDirection);
            if (bound is null)
            {
                unitDirection.CopyTo(direction);
            }
            else
            {
                var ellipsoid = bound.Ellipsoids[bound.PickContaining(ref random, current.Unit, work)];
                ellipsoid.Stretch(unitDirection, direction);
            }
            double length = 0;
            for (int i = 0; i < d; i++)
            {
                direction[i] *= scale;
                length += direction[i] * direction[i];
            }
            length = Math.Sqrt(length);
            if (length > maxLength)
            {
                for (int i = 0; i < d; i++) direction[i] *= maxLength / length;
            }

            double offset = random.NextDouble();
            double left = -offset, right = 1 - offset;
            for (int k = 0; k < StepOutLimit && Satisfies(posterior, current, direction, left, floor, trial, ref calls); k++)
            {
                left -= 1;
                expansions++;
            }
            for (int k = 0; k < StepOutLimit && Satisfies(posterior, current, direction, right, floor, trial, ref calls); k++)
            {
                right += 1;
                expansions++;
            }
            for (int k = 0; k < ShrinkLimit; k++)
            {
                double t = left + random.NextDouble() * (right - left);
                if (Satisfies(posterior, current, direction, t, floor, trial, ref calls))
                {
                    current.CopyFrom(trial);
                    break;
                }
                if (t < 0) left = t;
                else right = t;
                contractions++;
            }
        }
        return new Statistics(calls, expansions, contractions);
    }

    private static bool Satisfies(
        IPosterior posterior, Candidate from, ReadOnlySpan<double> direction, double t, double floor,
        Candidate trial, ref long calls)
    {
        for (int i = 0; i < direction.Length; i++) trial.Unit[i] = from.Unit[i] + t * direction[i];
        if (!Candidate.InsideUnitCube(trial.Unit)) return false;
        trial.Evaluate(posterior);
        calls++;
        return trial.LogLikelihood > floor;
    }

    private static void RandomUnitVector(ref RandomStream random, Span<double> v)
    {
        double norm;
        do
        {
            norm = 0;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = random.NextGaussian();
                norm += v[i] * v[i];
            }
        }
        while (!(norm > 0));
        norm = Math.Sqrt(norm);
        for (int i = 0; i < v.Length; i++) v[i] /= norm;
    }
}
