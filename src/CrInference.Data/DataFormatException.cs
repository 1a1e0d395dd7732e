namespace CrInference.Data;

/// <summary>A missing, unreadable or malformed data file; the message is one line naming the file, line and column.</summary>
public sealed class DataFormatException(string message) : Exception(message);
