namespace CrInference.Physics.FastModes;

/// <summary>The fast-mode transport pictures of KQ22 (open choices C.29, C.30).</summary>
public enum FastModeVariant
{
    /// <summary>Isotropic weak cascade, P ∝ k^{−3/2} (KQ22 §3, Appendix A; Yan &amp; Lazarian 2008). Figure 3.</summary>
    Isotropic,

    /// <summary>Anisotropic low-β weak cascade, τ⁻¹ ∝ sin θ, P ∝ k^{−3/2}/sin θ (KQ22 §5.2, eqs. 36–40). Figure 7 black.</summary>
    Anisotropic,

    /// <summary>Steepened fast modes → weak shocks, energy-independent κ = vλ/3 (KQ22 §5.1). Figure 7 blue dotted.</summary>
    Shocks,
}

/// <summary>Which field-line wandering sets θ_min and the averaging window of the anisotropic
/// cascade (open choice C.29).</summary>
public enum AnisotropicWandering
{
    /// <summary>Alfvénic wandering, eq. 39 (the choice of KQ22 Figure 7).</summary>
    Alfvenic,

    /// <summary>Wandering by the undamped fast modes themselves, eq. 40.</summary>
    FastMode,

    /// <summary>The larger of eqs. 39 and 40.</summary>
    Larger,
}
