namespace CrInference.Plotting;

/// <summary>
/// One numeric column of a <see cref="SampleTable"/>: its name, one value per row, and optional
/// display metadata (a LaTeX-ish label such as <c>\log_{10} D_0</c> and a unit such as
/// <c>cm^2 s^-1</c>), typically taken from a chain file's manifest.
/// </summary>
/// <param name="Name">Column name as stored in the file (for example <c>log10_D0</c>).</param>
/// <param name="Values">One value per row; the array is not copied.</param>
/// <param name="Label">LaTeX-ish label, shown as plain text via <see cref="LabelText"/>; null to show <paramref name="Name"/>.</param>
/// <param name="Unit">Unit string, shown in brackets after the label; null for none.</param>
public sealed record SampleColumn(string Name, double[] Values, string? Label = null, string? Unit = null)
{
    /// <summary>Short readable name for titles: the converted label, or the raw column name.</summary>
    public string DisplayName => Label is { Length: > 0 } ? LabelText.FromLatex(Label) : Name;

    /// <summary>Axis label: <see cref="DisplayName"/> followed by the converted unit in brackets.</summary>
    public string AxisLabel => Unit is { Length: > 0 } ? $"{DisplayName} [{LabelText.FromLatex(Unit)}]" : DisplayName;
}
