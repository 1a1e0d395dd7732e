using CrInference.Physics.Numerics;

namespace CrInference.Physics.Network;

/// <summary>
/// A positive function of rigidity (κ_turb) known at nodes and read anywhere inside them: exactly at a node,
/// else by local cubic Lagrange interpolation of ln value in ln R through the four nearest nodes (fewer when the
/// table has fewer). Interpolating the logarithm keeps the value positive; a table never extrapolates.
/// <see cref="Nodes"/> chooses the nodes: the requested rigidities themselves (exact), filled to at least
/// <see cref="LatticePerDecade"/> nodes per decade across the needed range, so that an expensive function is not
/// evaluated at every rigidity the network derives from the requested ones (parents at R/1.1, the continuous-loss
/// mesh). The interpolation error against direct evaluation is checked by <c>RigidityTableTests</c>.
/// </summary>
public sealed class RigidityTable
{
    /// <summary>Lattice nodes per decade of rigidity.</summary>
    public const int LatticePerDecade = 20;

    private readonly double[] _nodes;
    private readonly double[] _logNodes;
    private readonly double[] _values;
    private readonly double[] _logValues;

    /// <summary>A table of <paramref name="valuesAtNodes"/> (&gt; 0) at <paramref name="nodesGV"/> (sorted, unique, &gt; 0).</summary>
    public RigidityTable(double[] nodesGV, double[] valuesAtNodes)
    {
        if (nodesGV.Length == 0 || nodesGV.Length != valuesAtNodes.Length) throw new ArgumentException("need one value per node and at least one node");
        _nodes = nodesGV;
        _values = valuesAtNodes;
        _logNodes = new double[nodesGV.Length];
        _logValues = new double[nodesGV.Length];
        for (int i = 0; i < nodesGV.Length; i++)
        {
            if (i > 0 && !(nodesGV[i] > nodesGV[i - 1])) throw new ArgumentException("nodes must be strictly increasing");
            _logNodes[i] = Math.Log(nodesGV[i]);
            _logValues[i] = Math.Log(valuesAtNodes[i]);
        }
    }

    /// <summary>The nodes (GV).</summary>
    public IReadOnlyList<double> NodesGV => _nodes;

    /// <summary>The value at <paramref name="rigidityGV"/> (within the nodes; exact at a node).</summary>
    public double At(double rigidityGV)
    {
        int index = StableMath.SearchSorted(_nodes, rigidityGV);
        if (index >= 0) return _values[index];
        int upper = ~index;
        if (upper == 0 || upper == _nodes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(rigidityGV), rigidityGV, $"outside the table [{_nodes[0]}, {_nodes[^1]}] GV");
        }
        int count = LocalLagrange.StencilSize(_nodes.Length);
        int first = LocalLagrange.StencilStart(upper, _nodes.Length);
        return Math.Exp(LocalLagrange.At(_logNodes.AsSpan(first, count), _logValues.AsSpan(first, count), Math.Log(rigidityGV)));
    }

    /// <summary>
    /// The nodes for a function needed at <paramref name="sortedNeededGV"/> (sorted, unique): every point of
    /// <paramref name="sortedExactGV"/> (those must be exact: the requested rigidities, so that a value or a failure there is
    /// the directly evaluated one) plus, in every gap wider than 1/<see cref="LatticePerDecade"/> decade between them and the
    /// ends of the needed range, evenly spaced fill nodes — never beyond the needed range.
    /// </summary>
    public static double[] Nodes(double[] sortedNeededGV, double[] sortedExactGV)
    {
        if (sortedNeededGV.Length == 0) return sortedNeededGV;
        var anchors = new List<double>(sortedExactGV.Length + 2) { sortedNeededGV[0] };
        foreach (double r in sortedExactGV)
        {
            if (r > anchors[^1]) anchors.Add(r);
        }
        if (sortedNeededGV[^1] > anchors[^1]) anchors.Add(sortedNeededGV[^1]);
        double step = Math.Log(10) / LatticePerDecade;
        var nodes = new List<double>(anchors.Count * 2);
        for (int i = 0; i < anchors.Count; i++)
        {
            if (i > 0)
            {
                double width = Math.Log(anchors[i] / anchors[i - 1]);
                int pieces = (int)Math.Ceiling(width / step);
                for (int k = 1; k < pieces; k++) nodes.Add(anchors[i - 1] * Math.Exp(width * k / pieces));
            }
            nodes.Add(anchors[i]);
        }
        return nodes.Count < sortedNeededGV.Length ? nodes.ToArray() : sortedNeededGV;
    }
}
