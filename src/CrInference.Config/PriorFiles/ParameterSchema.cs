namespace CrInference.Config.PriorFiles;

/// <summary>
/// A parameter a prior file may name: a forward-model parameter or a likelihood nuisance
/// parameter (e.g. <c>solar_phi_GV</c>). <paramref name="Fiducial"/> is the value a parameter
/// left out of the prior file takes; null means the prior file must give it.
/// <paramref name="Minimum"/>/<paramref name="Maximum"/> bound the physically meaningful values
/// (the minimum open when <paramref name="MinimumExclusive"/>); a prior must stay inside them.
/// </summary>
public sealed record ParameterSchema(
    string Name,
    string Unit,
    string Latex,
    double? Fiducial,
    double Minimum = double.NegativeInfinity,
    double Maximum = double.PositiveInfinity,
    bool MinimumExclusive = true)
{
    /// <summary>Whether <paramref name="value"/> lies in the allowed range.</summary>
    public bool Allows(double value) =>
        (double.IsNegativeInfinity(Minimum) || (MinimumExclusive ? value > Minimum : value >= Minimum)) && value <= Maximum;

    /// <summary>The allowed range as text, e.g. "> 0 cm^-3" or "from 0 to 1".</summary>
    public string RangeText()
    {
        string unit = Unit.Length == 0 ? "" : " " + Unit;
        bool hasMin = !double.IsNegativeInfinity(Minimum);
        bool hasMax = !double.IsPositiveInfinity(Maximum);
        string lower = $"{(MinimumExclusive ? ">" : ">=")} {Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        string upper = $"<= {Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return (hasMin, hasMax) switch
        {
            (true, true) => $"{lower} and {upper}{unit}",
            (true, false) => lower + unit,
            (false, true) => upper + unit,
            _ => "any finite value",
        };
    }
}
