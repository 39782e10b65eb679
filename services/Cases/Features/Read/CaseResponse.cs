using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Read;

public sealed record PartyResponse(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address);

public sealed record DeadlinesResponse(
    DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ReviewDueAt);

/// <summary>A case as clients see it. ID numbers and phones are always masked here.</summary>
public sealed record CaseResponse(
    Guid Id, string Number, CaseKind Kind, string Title, string Description, DisputeCategory Category,
    PetitionType? PetitionType, string RegionCode, CaseSource Source, CaseChannel Channel, DateTimeOffset ReceivedAt,
    RiskLevel RiskLevel, int PartyCount, decimal? AmountInvolved, string? ExternalRef, CaseStatus Status,
    Guid? AssignedMediatorId, DeadlinesResponse Deadlines, bool Overdue, object? Outcome, IReadOnlyList<object> Referrals,
    IReadOnlyList<PartyResponse> Parties, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CaseResponse From(Case c, DateTimeOffset now)
    {
        var deadlines = new DeadlinesResponse(c.MediationDueAt, c.AcceptanceDueAt, c.ConclusionDueAt, c.ReviewDueAt);
        var open = c.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating or CaseStatus.Accepted;
        var overdue = open && new[] { c.MediationDueAt, c.AcceptanceDueAt, c.ConclusionDueAt }.Any(d => d is { } due && due < now);
        return new CaseResponse(c.Id, c.Number, c.Kind, c.Title, c.Description, c.Category, c.PetitionType, c.RegionCode,
            c.Source, c.Channel, c.ReceivedAt, c.RiskLevel, c.PartyCount, c.AmountInvolved, c.ExternalRef, c.Status,
            c.AssignedMediatorId, deadlines, overdue, null, [],
            c.Parties.Select(p => new PartyResponse(p.Id, p.Role, p.Kind, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address)).ToList(),
            c.Version, c.CreatedAt, c.UpdatedAt);
    }

    public static string ETagOf(int version) => $"\"{version}\"";
}
