using System.Collections.Immutable;
using CrInference.Core.Priors;

namespace CrInference.Core;

/// <summary>One sampled parameter: its name (as in the prior file and the chain column), its
/// LaTeX label and unit for plots, and its prior.</summary>
public sealed record ParameterSpec(string Name, string Latex, string Unit, IPrior1D Prior);

/// <summary>
/// The ordered list of sampled parameters. Index i of every parameter vector a sampler
/// handles is parameter i here. Vectors are in <em>sampled</em> coordinates (see
/// <see cref="IPrior1D"/>); <see cref="ToPhysical"/> converts them for the chain file.
/// </summary>
public sealed class ParameterSpace
{
    private readonly Dictionary<string, int> _index;

    public ParameterSpace(IEnumerable<ParameterSpec> parameters)
    {
        Parameters = [.. parameters];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!_index.TryAdd(Parameters[i].Name, i))
            {
                throw new ArgumentException($"parameter '{Parameters[i].Name}' is listed twice");
            }
        }
    }

    public ImmutableArray<ParameterSpec> Parameters { get; }

    public int Dimension => Parameters.Length;

    public IEnumerable<string> Names => Parameters.Select(p => p.Name);

    /// <summary>Index of <paramref name="name"/>; throws naming the known parameters if absent.</summary>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i)
            ? i
            : throw new KeyNotFoundException($"unknown parameter '{name}' (known: {string.Join(", ", Names)})");

    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>Sum of the priors' log densities in sampled coordinates; −∞ outside the support.</summary>
    public double LogPrior(ReadOnlySpan<double> sampled)
    {
        double sum = 0;
        for (int i = 0; i < Parameters.Length; i++)
        {
            sum += Parameters[i].Prior.LogDensitySampled(sampled[i]);
            if (double.IsNegativeInfinity(sum)) return sum;
        }
        return sum;
    }

    /// <summary>Maps a point of the unit hypercube to sampled coordinates through the priors' inverse CDFs.</summary>
    public void FromUnitCube(ReadOnlySpan<double> unit, Span<double> sampled)
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            var prior = Parameters[i].Prior;
            sampled[i] = prior.ToSampled(prior.FromUnitInterval(unit[i]));
        }
    }

    /// <summary>Sampled coordinates to physical values (what the chain file stores).</summary>
    public void ToPhysical(ReadOnlySpan<double> sampled, Span<double> physical)
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            physical[i] = Parameters[i].Prior.FromSampled(sampled[i]);
        }
    }

    /// <summary>Physical values to sampled coordinates.</summary>
    public void ToSampled(ReadOnlySpan<double> physical, Span<double> sampled)
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            sampled[i] = Parameters[i].Prior.ToSampled(physical[i]);
        }
    }
}
