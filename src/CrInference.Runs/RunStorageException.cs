namespace CrInference.Runs;

/// <summary>A run could not write its files (a full disk, a quota, a folder removed under it). What it stored before is
/// intact; the message is one line naming the folder, the cause and the command that continues the run. The CLI prints
/// <c>error: {Message}</c> and exits with code 1 (not the user's input).</summary>
public sealed class RunStorageException(string message, Exception inner) : Exception(message, inner);
