namespace CrInference.Physics.FastModes;

/// <summary>
/// κ at one rigidity and its diagnostic parts, cm² s⁻¹. <see cref="Total"/> uses D^G + D^T in A3;
/// <see cref="GyroOnly"/> uses D^G alone (A1) and <see cref="TtdOnly"/> D^T alone (A2). Each is capped at
/// the free-streaming value v L/3 (open choice C.26, "unconfined"); <see cref="Unconfined"/> flags a capped total.
/// </summary>
public readonly record struct KappaParts(double Total, double GyroOnly, double TtdOnly, bool Unconfined);
