using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Mediators.Features.Organizations;

namespace MediationPlatform.Mediators.Domain;

/// <summary>
/// Who may work on a case at a place — one rule for booking a session, a supervisor's choice of mediator and the
/// assignment ladder: the mediator exists, is active and serves the place (one of their region codes is the village,
/// its town or its district: 人民调解法 Art. 7, 34 — a committee works where it was set up); a room is an organisation of
/// kind <c>mediation_room</c> that serves the place. Room means <c>activeCases &lt; maxActiveCases</c>.
/// </summary>
public static class Eligibility
{
    /// <summary>null when <paramref name="m"/> may work on a case at <paramref name="place"/>; otherwise why not, as a sentence's end.</summary>
    public static string? WhyNot(Mediator? m, RegionPath place) => m switch
    {
        null => "does not exist",
        { Active: false } => "is not active",
        _ when !m.Serves(place) => "does not serve the case's village, town or district",
        _ => null,
    };

    /// <summary>null when <paramref name="room"/> may host a session at <paramref name="place"/>; otherwise why not.</summary>
    public static string? WhyNotRoom(Organization? room, RegionPath place) => room switch
    {
        null or { Kind: not Contracts.OrganizationKind.MediationRoom } => "is not a mediation room (an organisation of kind mediation_room)",
        { Active: false } => "is not active",
        _ when !room.Serves(place) => "does not serve the case's village, town or district",
        _ => null,
    };

    /// <summary>Whether one more case fits: the automatic ladder never goes over <c>maxActiveCases</c>.</summary>
    public static bool HasRoom(int activeCases, int maxActiveCases) => activeCases < maxActiveCases;
}
