namespace CrInference.Physics.Numerics;

/// <summary>
/// Local cubic interpolation on sorted nodes: the Lagrange polynomial through the (at most) four nodes nearest to a point
/// inside them — two on each side where the nodes allow, shifted inward at the ends. Used for tables in ln R
/// (<see cref="Network.RigidityTable"/>) and for a species' density between its solution points.
/// </summary>
public static class LocalLagrange
{
    /// <summary>First node of the stencil for a point between nodes <paramref name="upper"/> − 1 and <paramref name="upper"/>
    /// of <paramref name="nodeCount"/> nodes; the stencil has <see cref="StencilSize"/> nodes.</summary>
    public static int StencilStart(int upper, int nodeCount) => Math.Clamp(upper - 2, 0, nodeCount - StencilSize(nodeCount));

    /// <summary>Nodes in a stencil: four, or all of them when there are fewer.</summary>
    public static int StencilSize(int nodeCount) => Math.Min(4, nodeCount);

    /// <summary>The Lagrange polynomial through (<paramref name="x"/>ᵢ, <paramref name="y"/>ᵢ) at <paramref name="at"/>.</summary>
    public static double At(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double at)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double weight = 1;
            for (int j = 0; j < x.Length; j++)
            {
                if (j != i) weight *= (at - x[j]) / (x[i] - x[j]);
            }
            sum += weight * y[i];
        }
        return sum;
    }
}
