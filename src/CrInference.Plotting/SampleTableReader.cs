using System.Text.Json;
using CrInference.Storage.Parquet;

namespace CrInference.Plotting;

/// <summary>
/// Reads a chain file — any Parquet file, written by CrInference or by another tool — into a
/// <see cref="SampleTable"/> through <see cref="ChainTableReader"/>: numeric columns become
/// columns (integers, floats, booleans as doubles, nulls as NaN), other columns are listed as
/// non-numeric, a <c>weight</c> column becomes the weights, and labels and units come from the run
/// manifest in the footer when it has them.
/// </summary>
/// <remarks>
/// Manifest labels are looked up leniently, as the manifest may come from any version: a
/// <c>parameters</c> (or <c>params</c>) member that is either an array of objects with
/// <c>name</c>, <c>latex</c> (or <c>label</c>) and <c>unit</c>, or an object mapping each name to an
/// object with <c>latex</c>/<c>label</c> and <c>unit</c>. A missing or unreadable manifest only means
/// the plots show column names.
/// </remarks>
public static class SampleTableReader
{
    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="columns"/> null every numeric column is
    /// read; otherwise the named columns plus the <c>chain</c>, <c>draw</c> and <c>weight</c>
    /// columns the file has.
    /// </summary>
    /// <exception cref="PlotInputException">The file is missing, empty (0 bytes) or not Parquet, or a
    /// named column is absent or not numeric; the message is one line naming the file and column.</exception>
    public static async Task<SampleTable> ReadAsync(string path, IReadOnlyCollection<string>? columns = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ChainTable schema = await ChainTableReader.ReadSchemaAsync(path, cancellationToken).ConfigureAwait(false);
            var nonNumeric = schema.Columns.Where(c => !c.IsNumeric).ToDictionary(c => c.Name, c => c.TypeName, StringComparer.Ordinal);
            List<string>? wanted = null;
            if (columns is not null)
            {
                wanted = [];
                foreach (string name in columns.Distinct(StringComparer.Ordinal))
                {
                    if (!schema.Contains(name))
                    {
                        throw PlotInputException.MissingColumn(path, name, schema.Columns.Select(c => c.Name));
                    }

                    if (nonNumeric.TryGetValue(name, out string? typeName))
                    {
                        throw PlotInputException.NonNumericColumn(path, name, typeName);
                    }

                    wanted.Add(name);
                }

                foreach (string bookkeeping in new[] { ChainColumnNames.Chain, ChainColumnNames.Draw, ChainColumnNames.Weight })
                {
                    if (schema.Contains(bookkeeping) && schema.Column(bookkeeping).IsNumeric && !wanted.Contains(bookkeeping))
                    {
                        wanted.Add(bookkeeping);
                    }
                }
            }

            ChainTable table = await ChainTableReader.ReadAsync(path, wanted, cancellationToken).ConfigureAwait(false);
            Dictionary<string, (string? Latex, string? Unit)> labels = ManifestLabels(table.Manifest);
            var sampleColumns = table.Columns
                .Where(c => c.IsNumeric && c.Values is not null)
                .Select(c =>
                {
                    labels.TryGetValue(c.Name, out var label);
                    return new SampleColumn(c.Name, c.Values!, label.Latex, label.Unit);
                })
                .ToList();
            return new SampleTable(sampleColumns, path, null, nonNumeric);
        }
        catch (ChainTableException e)
        {
            throw new PlotInputException(e.Message, e);
        }
    }

    private static Dictionary<string, (string? Latex, string? Unit)> ManifestLabels(string? manifest)
    {
        var labels = new Dictionary<string, (string? Latex, string? Unit)>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(manifest))
        {
            return labels;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(manifest);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return labels;
            }

            foreach (string key in new[] { "parameters", "params" })
            {
                if (!document.RootElement.TryGetProperty(key, out JsonElement parameters))
                {
                    continue;
                }

                if (parameters.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement item in parameters.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && Text(item, "name") is { } name)
                        {
                            labels.TryAdd(name, (Text(item, "latex") ?? Text(item, "label"), Text(item, "unit")));
                        }
                    }
                }
                else if (parameters.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in parameters.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Object)
                        {
                            labels.TryAdd(property.Name, (Text(property.Value, "latex") ?? Text(property.Value, "label"), Text(property.Value, "unit")));
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A manifest we cannot parse only costs the labels; the column names still plot.
            labels.Clear();
        }

        return labels;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
