namespace CrInference.Data;

/// <summary>Where the instrument measured the particles.</summary>
public enum ObserverLocation
{
    /// <summary>Inside the heliosphere near Earth (top of atmosphere, e.g. AMS-02 on the ISS): solar modulation applies.</summary>
    NearEarth,

    /// <summary>Beyond the heliopause (Voyager 1 since 2012-08): interstellar, no solar modulation.</summary>
    LocalInterstellarMedium,
}

/// <summary>
/// The data-taking period of a table: tables of the same period share one solar-modulation potential.
/// <paramref name="First"/> and <paramref name="Last"/> are ISO 8601 dates as precise as the publication gives
/// them (<c>2011-05-19</c>, or <c>2018-05</c> where only the month is stated). Dates and sources: <c>data/README.md</c>.
/// </summary>
public sealed record DataTakingPeriod(string Id, string Instrument, string First, string Last, ObserverLocation Location)
{
    /// <summary>The <see cref="Instrument"/> name of AMS-02 tables.</summary>
    public const string Ams02Instrument = "AMS-02";

    /// <summary>AMS-02, 2011-05-19 to 2013-11-26: proton flux of Aguilar et al. 2015, PRL 114, 171103.</summary>
    public static DataTakingPeriod Ams02From2011To2013 { get; } = new("ams02-2011-2013", Ams02Instrument, "2011-05-19", "2013-11-26", ObserverLocation.NearEarth);

    /// <summary>AMS-02, 2011-05-19 to 2016-05-26: B/C of Aguilar et al. 2016, PRL 117, 231102 and C of Aguilar et al. 2017,
    /// PRL 119, 251101.</summary>
    public static DataTakingPeriod Ams02From2011To2016 { get; } = new("ams02-2011-2016", Ams02Instrument, "2011-05-19", "2016-05-26", ObserverLocation.NearEarth);

    /// <summary>AMS-02, 2011-05 to 2018-05: the tables of Aguilar et al. 2021, Phys. Rep. 894, 1 ("the first seven years").</summary>
    public static DataTakingPeriod Ams02From2011To2018 { get; } = new("ams02-2011-2018", Ams02Instrument, "2011-05", "2018-05", ObserverLocation.NearEarth);

    /// <summary>Voyager 1 beyond the heliopause, 2012/342 to 2015/181 (Cummings et al. 2016, ApJ 831, 18): interstellar.</summary>
    public static DataTakingPeriod Voyager1From2012To2015 { get; } = new("voyager1-2012-2015", "Voyager 1", "2012-12-07", "2015-06-30", ObserverLocation.LocalInterstellarMedium);

    /// <summary>True when solar modulation applies to data of this period.</summary>
    public bool IsModulated => Location == ObserverLocation.NearEarth;
}
