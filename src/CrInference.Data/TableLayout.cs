namespace CrInference.Data;

/// <summary>
/// The column layout of a bundled table (data/README.md): the exact header, where the axis, value and errors
/// are, and the factor that converts the axis column to the dataset's axis unit.
/// </summary>
/// <param name="Columns">The header, exactly.</param>
/// <param name="HasBinEdges">Columns 0 and 1 are bin edges (centre = their geometric mean); else column 0 is the centre.</param>
/// <param name="ValueColumn">The measured value.</param>
/// <param name="StatColumn">The statistical error.</param>
/// <param name="SysColumn">The total systematic error.</param>
/// <param name="SysComponentColumns">Systematic components listed before the total (empty: total only).</param>
/// <param name="AxisScale">Multiplies the axis column (1e-3 converts MeV/n to GeV/n).</param>
internal sealed record TableLayout(string[] Columns, bool HasBinEdges, int ValueColumn, int StatColumn, int SysColumn, int[] SysComponentColumns, double AxisScale)
{
    /// <summary>AMS-02 proton flux: edges in GV, flux, stat, total sys (m⁻² sr⁻¹ s⁻¹ GV⁻¹).</summary>
    public static TableLayout ProtonFlux { get; } = new(
        ["rigidity_low_GV", "rigidity_high_GV", "flux_per_m2_sr_s_GV", "stat_err_per_m2_sr_s_GV", "sys_err_per_m2_sr_s_GV"],
        true, 2, 3, 4, [], 1);

    /// <summary>AMS-02 B/C against rigidity: edges in GV, ratio, stat, total sys.</summary>
    public static TableLayout RatioInRigidity { get; } = new(
        ["rigidity_low_GV", "rigidity_high_GV", "bc_ratio", "stat_err", "sys_err"], true, 2, 3, 4, [], 1);

    /// <summary>AMS-02 B/C against E_k/n: geometric-mean bin centre in GeV/n, ratio, stat, total sys.</summary>
    public static TableLayout RatioInKineticEnergyPerNucleon { get; } = new(
        ["ekn_geomean_GeV_per_n", "bc_ratio", "stat_err", "sys_err"], false, 1, 2, 3, [], 1);

    /// <summary>AMS-02 carbon flux: edges in GV, flux, stat, three systematic components, total sys.</summary>
    public static TableLayout CarbonFluxWithComponents { get; } = new(
        ["rigidity_low_GV", "rigidity_high_GV", "flux_per_m2_sr_s_GV", "stat_err_per_m2_sr_s_GV", "sys_acc_err_per_m2_sr_s_GV",
         "sys_unf_err_per_m2_sr_s_GV", "sys_scale_err_per_m2_sr_s_GV", "sys_total_err_per_m2_sr_s_GV"],
        true, 2, 3, 7, [4, 5, 6], 1);

    /// <summary>Voyager 1 H: plotting energy in MeV/n (converted to GeV/n), intensity, stat, sys (per MeV/n).</summary>
    public static TableLayout VoyagerIntensity { get; } = new(
        ["ekn_plot_MeV_per_n", "intensity_per_m2_s_sr_MeV_per_n", "stat_err_per_m2_s_sr_MeV_per_n", "sys_err_per_m2_s_sr_MeV_per_n"],
        false, 1, 2, 3, [], 1e-3);

    /// <summary>Short names of the systematic components (the column name without <c>sys_</c> and the unit suffix).</summary>
    public IEnumerable<string> SysComponentNames =>
        SysComponentColumns.Select(c => Columns[c]["sys_".Length..Columns[c].IndexOf("_err", StringComparison.Ordinal)]);
}
