using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Mediators;

public sealed record MediatorResponse(
    Guid Id, string Name, string Phone, MediatorKind Kind, Guid OrganizationId, IReadOnlyList<string> RegionCodes,
    IReadOnlyList<DisputeCategory> Specialties, int MaxActiveCases, bool Active, int ActiveCases, DateTimeOffset? LastAssignedAt, int Revision)
{
    /// <summary>The phone in full only when <paramref name="showPhone"/> (the reader's regions cover the mediator's); else 138****5678.</summary>
    public static MediatorResponse From(Mediator m, bool showPhone) => new(m.Id, m.Name, showPhone ? m.Phone : Mask(m.Phone), m.Kind,
        m.OrganizationId, m.RegionCodes, m.Specialties, m.MaxActiveCases, m.Active, m.ActiveCases, m.LastAssignedAt, m.Revision);

    private static string Mask(string phone) => phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}

public sealed record UpdateMediatorRequest(
    [property: MaxLength(100)] string? Name, [property: MaxLength(40)] string? Phone, [property: MaxLength(1000), EachMaxLength(40)] List<string>? RegionCodes,
    [property: MaxLength(20)] List<DisputeCategory>? Specialties, [property: Range(1, 1000)] int? MaxActiveCases, bool? Active);
