using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

// The papers a case can print (api.md "Documents"): which exist in its state, its file number, and issuing one.
public sealed partial class Case
{
    /// <summary>
    /// Whether <paramref name="kind"/> exists for this case now (api.md Clarifications, Documents): the agreement after a
    /// written resolution, the oral record after an oral one, the 司法确认 application for a written agreement, the
    /// session and follow-up records once there is something to record, the closing report when a court-entrusted case
    /// ended, the petition notices after acceptance / non-acceptance, the opinions after conclusion; the application and
    /// the 卷宗 always (a file in progress can be printed).
    /// </summary>
    public bool HasDocument(DocumentKind kind, int sessionsHeld) => kind switch
    {
        DocumentKind.Application => Kind == CaseKind.Dispute,
        DocumentKind.Agreement or DocumentKind.JudicialConfirmationApplication =>
            Kind == CaseKind.Dispute && Status == CaseStatus.Resolved && AgreementType == Contracts.AgreementType.Written,
        DocumentKind.OralAgreementRecord => Kind == CaseKind.Dispute && Status == CaseStatus.Resolved && AgreementType == Contracts.AgreementType.Oral,
        DocumentKind.SessionRecord => Kind == CaseKind.Dispute && sessionsHeld > 0,
        DocumentKind.FollowUpRecord => Kind == CaseKind.Dispute && FollowUps > 0,
        DocumentKind.ClosingReport => Kind == CaseKind.Dispute && Source == CaseSource.CourtEntrusted && EndedAt is not null,
        DocumentKind.AcceptanceNotice => Kind == CaseKind.Petition && AcceptedAt is not null,
        DocumentKind.NonAcceptanceNotice => Kind == CaseKind.Petition && Status == CaseStatus.NotAccepted,
        DocumentKind.HandlingOpinion => Kind == CaseKind.Petition && ConcludedAt is not null,
        DocumentKind.ReviewOpinion => Kind == CaseKind.Petition && Status == CaseStatus.ReviewConcluded,
        DocumentKind.CaseFile => true,
        _ => false,
    };

    /// <summary>
    /// The file number (文号) from the case number <c>MUER-2021-D-00017</c> and the town's short name:
    /// <c>（2021）木人调字第17号</c> for a dispute, <c>（2021）木信字第17号</c> for a petition.
    /// </summary>
    public string FileNumber(string townShortName)
    {
        var parts = Number.Split('-');
        var year = parts.Length >= 2 ? parts[1] : ChinaTime.YearOf(ReceivedAt).ToString();
        var sequence = parts.Length >= 1 && int.TryParse(parts[^1], out var n) ? n.ToString() : parts[^1];
        return $"（{year}）{townShortName}{(Kind == CaseKind.Dispute ? "人调" : "信")}字第{sequence}号";
    }

    /// <summary>
    /// 出具: a document was issued as version <paramref name="version"/> with the hash of the data it was rendered from —
    /// a timeline entry (<c>document_issued</c>) that does not change the case (its version and ETag stay).
    /// </summary>
    public void NoteDocumentIssued(DocumentKind kind, int version, string contentHash, CaseContext ctx) =>
        Notice(ctx, ctx.Now, "document_issued", new { kind, version, contentHash });
}
