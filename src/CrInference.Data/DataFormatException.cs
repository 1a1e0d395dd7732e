namespace CrInference.Data;

/// <summary>A missing, unreadable or malformed data file; the message is one line naming the file and row.</summary>
public sealed class DataFormatException(string message) : Exception(message);
