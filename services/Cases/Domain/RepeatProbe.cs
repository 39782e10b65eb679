using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>What the repeat-matter rule (<see cref="RepeatMatterRule"/>) looks at of a case.</summary>
public sealed record RepeatProbe(
    Guid Id, string Number, CaseKind Kind, DisputeCategory Category, PetitionType? PetitionType, string? TownCode,
    CaseStatus Status, DateTimeOffset ReceivedAt, IReadOnlyList<ApplicantKey> Applicants)
{
    public bool IsOpen => CaseStateMachine.IsOpen(Kind, Status);

    public static RepeatProbe Of(Case c) =>
        new(c.Id, c.Number, c.Kind, c.Category, c.PetitionType, c.TownCode, c.Status, c.ReceivedAt, ApplicantKey.Of(c.Parties));

    public PossibleDuplicate AsDuplicate(string reason) => new(Id, Number, Status, ReceivedAt, reason);
}
