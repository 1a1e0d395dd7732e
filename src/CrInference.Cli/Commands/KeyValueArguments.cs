using System.Globalization;
using CrInference.Runs;

namespace CrInference.Cli.Commands;

/// <summary>Parses repeated <c>key=value</c> command-line arguments (<c>--set</c>, <c>--option</c>).</summary>
public static class KeyValueArguments
{
    /// <summary>Numeric assignments; one-line error naming the option and the bad item.</summary>
    public static Dictionary<string, double> ParseNumbers(IEnumerable<string>? items, string optionName)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, text) in Split(items, optionName))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UserInputException($"{optionName} {key}={text}: value is not a finite number");
            }
            if (!result.TryAdd(key, value))
            {
                throw new UserInputException($"{optionName} {key}: given twice");
            }
        }
        return result;
    }

    /// <summary>String assignments.</summary>
    public static Dictionary<string, string> ParseStrings(IEnumerable<string>? items, string optionName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in Split(items, optionName))
        {
            if (!result.TryAdd(key, text))
            {
                throw new UserInputException($"{optionName} {key}: given twice");
            }
        }
        return result;
    }

    private static IEnumerable<(string Key, string Value)> Split(IEnumerable<string>? items, string optionName)
    {
        foreach (string item in items ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
            {
                throw new UserInputException($"{optionName} '{item}': expected key=value");
            }
            yield return (item[..eq].Trim(), item[(eq + 1)..].Trim());
        }
    }
}
