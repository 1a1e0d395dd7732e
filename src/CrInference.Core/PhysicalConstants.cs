namespace CrInference.Core;

/// <summary>
/// Every physical constant and unit conversion of CrInference, in CGS, with its source.
/// Physics code works in CGS internally; these are the only place where numbers such as
/// the proton mass or a parsec appear.
/// </summary>
/// <remarks>
/// Sources: CODATA 2018 (Tiesinga et al. 2021, Rev. Mod. Phys. 93, 025010) for the
/// fundamental constants; IAU 2012 Resolution B2 (astronomical unit) and IAU 2015
/// Resolution B2 (parsec derived from the au) for lengths; the Julian year (IAU) for time.
/// </remarks>
public static class PhysicalConstants
{
    /// <summary>Speed of light c, cm s⁻¹ (exact, SI definition).</summary>
    public const double SpeedOfLightCmPerS = 2.99792458e10;

    /// <summary>Elementary charge e, statcoulomb (CODATA 2018: 1.602176634e-19 C × c/10).</summary>
    public const double ElementaryChargeEsu = 4.803204712570263e-10;

    /// <summary>Boltzmann constant k_B, erg K⁻¹ (CODATA 2018, exact: 1.380649e-23 J/K).</summary>
    public const double BoltzmannErgPerK = 1.380649e-16;

    /// <summary>Proton mass m_p, g (CODATA 2018: 1.67262192369e-27 kg).</summary>
    public const double ProtonMassG = 1.67262192369e-24;

    /// <summary>Electron mass m_e, g (CODATA 2018: 9.1093837015e-31 kg).</summary>
    public const double ElectronMassG = 9.1093837015e-28;

    /// <summary>Atomic mass unit u, g (CODATA 2018: 1.66053906660e-27 kg).</summary>
    public const double AtomicMassUnitG = 1.66053906660e-24;

    /// <summary>Proton rest energy m_p c², GeV (CODATA 2018: 938.27208816 MeV).</summary>
    public const double ProtonRestEnergyGeV = 0.93827208816;

    /// <summary>Atomic mass unit energy equivalent u c², GeV (CODATA 2018: 931.49410242 MeV).</summary>
    public const double AtomicMassUnitEnergyGeV = 0.93149410242;

    /// <summary>Electron rest energy m_e c², GeV (CODATA 2018: 0.51099895000 MeV).</summary>
    public const double ElectronRestEnergyGeV = 0.51099895000e-3;

    /// <summary>One electronvolt in erg (CODATA 2018, exact: 1.602176634e-19 J).</summary>
    public const double ErgPerEv = 1.602176634e-12;

    /// <summary>One GeV in erg.</summary>
    public const double ErgPerGeV = ErgPerEv * 1e9;

    /// <summary>Momentum of 1 GeV/c in g cm s⁻¹.</summary>
    public const double GramCmPerSPerGeVOverC = ErgPerGeV / SpeedOfLightCmPerS;

    /// <summary>Astronomical unit, cm (IAU 2012 Resolution B2, exact).</summary>
    public const double AstronomicalUnitCm = 1.495978707e13;

    /// <summary>Parsec, cm (IAU 2015 Resolution B2: 648000/π au).</summary>
    public const double ParsecCm = AstronomicalUnitCm * 648000.0 / Math.PI;

    /// <summary>Kiloparsec, cm.</summary>
    public const double KiloparsecCm = 1e3 * ParsecCm;

    /// <summary>Julian year, s (IAU: 365.25 d of 86400 s).</summary>
    public const double YearS = 365.25 * 86400.0;

    /// <summary>Megayear (Julian), s.</summary>
    public const double MegayearS = 1e6 * YearS;

    /// <summary>Microgauss in gauss.</summary>
    public const double MicrogaussG = 1e-6;

    /// <summary>One millibarn in cm².</summary>
    public const double MillibarnCm2 = 1e-27;

    /// <summary>One km s⁻¹ in cm s⁻¹.</summary>
    public const double KmPerSInCmPerS = 1e5;

    /// <summary>Square metre in cm² (for AMS flux units m⁻² sr⁻¹ s⁻¹ GV⁻¹).</summary>
    public const double SquareMetreCm2 = 1e4;
}
