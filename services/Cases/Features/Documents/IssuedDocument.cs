using MediationPlatform.Cases.Domain;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>
/// A document as issued (出具): the data it was rendered from (<see cref="Data"/>, a <see cref="Dossier"/> as JSON —
/// ID numbers and phones sealed as everywhere) and the SHA-256 of that data. Insert-only: a correction of the case makes
/// the next issue a new <see cref="Version"/>, never a silent change of one already handed out.
/// </summary>
public sealed class IssuedDocument
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DocumentKind Kind { get; set; }
    public int Version { get; set; }
    public string Data { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
}
