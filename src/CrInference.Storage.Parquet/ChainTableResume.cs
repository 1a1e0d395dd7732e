namespace CrInference.Storage.Parquet;

/// <summary>
/// The outcome of <see cref="ChainTableWriter.ResumeAsync"/>. Either the run had already been
/// finalised (<see cref="IsComplete"/>; <see cref="Writer"/> and <see cref="Checkpoint"/> are
/// null), or <see cref="Writer"/> continues after its last complete block and
/// <see cref="Checkpoint"/> is the sampler state after that block (null when no block had
/// completed: start from scratch).
/// </summary>
public sealed record ChainTableResume(ChainTableWriter? Writer, ResumeCheckpoint? Checkpoint, bool IsComplete);
