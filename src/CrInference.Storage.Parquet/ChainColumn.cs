namespace CrInference.Storage.Parquet;

/// <summary>One column of a chain table: its name (as it appears in the Parquet schema) and type.
/// Columns are REQUIRED (never null) in the files this project writes.</summary>
public sealed record ChainColumn(string Name, ChainColumnType Type);
