namespace CrInference.Config.PriorFiles;

/// <summary>
/// A non-numeric model option a prior file may set under <c>options</c>: its name, the values it
/// allows and the value it takes when the file leaves it out. The composition layer fills it from
/// the model's own option list (<see cref="IPriorFileSchema"/>).
/// </summary>
/// <param name="Name">Option name, e.g. <c>kappa</c>.</param>
/// <param name="Allowed">Every value the option accepts.</param>
/// <param name="Default">The value when the prior file does not set it and no preset decides otherwise.</param>
/// <param name="DefaultGiven">Null, or the value when the file leaves the option out, given the options it does set
/// (e.g. a physics preset that changes other options' defaults); supplied by the composition layer.</param>
public sealed record OptionSchema(
    string Name,
    IReadOnlyList<string> Allowed,
    string Default,
    Func<IReadOnlyDictionary<string, string>, string>? DefaultGiven = null)
{
    /// <summary>The value this option takes when a file sets only <paramref name="given"/>.</summary>
    public string DefaultFor(IReadOnlyDictionary<string, string> given) => DefaultGiven?.Invoke(given) ?? Default;
}
