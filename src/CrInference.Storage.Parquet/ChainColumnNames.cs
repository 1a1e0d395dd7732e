namespace CrInference.Storage.Parquet;

/// <summary>
/// Reserved column names and footer keys of chain files, in one place (as Cobaya's <c>OutPar</c>).
/// Names follow ArviZ (<c>chain</c>, <c>draw</c>); every <c>log_*</c> column is a natural log.
/// Parameter columns carry the parameter's name from the prior file, in physical units.
/// </summary>
public static class ChainColumnNames
{
    /// <summary>Walker index (ensemble) or independent-chain index; int32.</summary>
    public const string Chain = "chain";

    /// <summary>Step index; int64.</summary>
    public const string Draw = "draw";

    /// <summary>ln prior density of the physical values.</summary>
    public const string LogPrior = "log_prior";

    /// <summary>Total ln likelihood.</summary>
    public const string LogLikelihood = "log_likelihood";

    /// <summary>ln prior + ln likelihood.</summary>
    public const string LogPosterior = "log_posterior";

    /// <summary>Importance weight (1 for MCMC draws; nested-sampling posterior weight).</summary>
    public const string Weight = "weight";

    /// <summary>Whether the walker's proposal at this step was accepted; boolean.</summary>
    public const string Accepted = "accepted";

    /// <summary>Prefix of the per-dataset ln likelihood columns: <c>log_likelihood__&lt;dataset&gt;</c>.</summary>
    public const string LogLikelihoodPrefix = "log_likelihood__";

    /// <summary>Footer key-value metadata key under which the run manifest JSON is stored.</summary>
    public const string ManifestMetadataKey = "crinference.manifest";

    /// <summary>The per-dataset ln likelihood column for <paramref name="datasetId"/>.</summary>
    public static string LogLikelihoodFor(string datasetId) => LogLikelihoodPrefix + datasetId;

    /// <summary>True for bookkeeping columns (chain, draw, weight, accepted, every <c>log_*</c>)
    /// that plots skip unless asked for.</summary>
    public static bool IsBookkeeping(string name) =>
        name is Chain or Draw or Weight or Accepted || name.StartsWith("log_", StringComparison.Ordinal);

    /// <summary>The type a chain file gives the column <paramref name="name"/>: int32 for
    /// <see cref="Chain"/>, int64 for <see cref="Draw"/>, boolean for <see cref="Accepted"/>,
    /// float64 otherwise.</summary>
    public static ChainColumnType TypeOf(string name) => name switch
    {
        Chain => ChainColumnType.Int32,
        Draw => ChainColumnType.Int64,
        Accepted => ChainColumnType.Boolean,
        _ => ChainColumnType.Float64,
    };
}
