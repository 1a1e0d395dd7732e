namespace CrInference.Runs;

/// <summary>Bad input from the user (a value, a file, a combination of options). The CLI prints
/// <c>error: {Message}</c> on one line and exits with code 2.</summary>
public sealed class UserInputException(string message) : Exception(message);
