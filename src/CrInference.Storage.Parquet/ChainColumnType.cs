namespace CrInference.Storage.Parquet;

/// <summary>Physical type of a column in a chain table written by <see cref="ChainTableWriter"/>.</summary>
public enum ChainColumnType
{
    /// <summary>32-bit signed integer (the <c>chain</c> column: walker or independent-chain index).</summary>
    Int32,

    /// <summary>64-bit signed integer (the <c>draw</c> column: step index).</summary>
    Int64,

    /// <summary>IEEE 754 double, stored bit for bit (parameters, log densities, weights).</summary>
    Float64,

    /// <summary>Boolean (the <c>accepted</c> column).</summary>
    Boolean,
}
