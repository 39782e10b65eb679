using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// A ledger row as a whole case, built through the <see cref="Case"/> aggregate like any other: <c>Case.Register</c>
/// (received at 00:00 CST of 登记日期, source <c>application</c>, channel <c>walk_in</c>, risk <c>low</c> — the ledger has
/// no columns for them), parties through <see cref="PartyFactory"/> (encrypted, hashed, masked), then the outcome with
/// the ledger's own dates as <c>occurredAt</c> (00:00 CST of 结案日期): 调解成功 → start-mediation + resolve, 调解不成功 →
/// start-mediation + fail (advised route <c>other</c>), 撤回 → withdraw, 移交 → a whole referral to the agency the 备注
/// names (<see cref="LedgerVocabulary.AgencyIn"/>). The 备注 is the reason or agreement summary where the action needs one.
/// The ledger's 调解员 travels as the registering mediator, so the assignment ladder keeps the case with them when they
/// qualify (ADR 0014). Nothing here touches the database.
/// </summary>
public sealed class LedgerCaseBuilder(PartyFactory parties)
{
    private static readonly char[] Clause = ['。', '！', '？', '；', ';', '\n', '\r'];

    public Case Build(LedgerRow row, RegionPath place, string number, CaseContext ctx, RegistrationNotes notes)
    {
        var receivedAt = ChinaTime.StartOfDay(row.RegisteredOn);
        var command = new RegisterCaseCommand(CaseKind.Dispute, TitleOf(row), row.Summary, row.Category, null, place.Code,
            CaseSource.Application, CaseChannel.WalkIn, receivedAt, RiskLevel.Low, row.People, row.Amount, PartiesOf(row), null);
        var c = Case.Register(command, place, number, parties.CreateAll(command.Parties), ctx, row.MediatorId, notes);
        if (row.Result is not { } result) return c;
        var closedAt = ChinaTime.StartOfDay(row.ClosedOn!.Value);
        switch (result)
        {
            case LedgerResult.Resolved:
                c.StartMediation(new StepCommand(receivedAt), ctx);
                c.Resolve(new ResolveCommand(row.Agreement, row.Remarks ?? $"{(row.Agreement == AgreementType.Oral ? "口头" : "书面")}调解协议（台账导入）",
                    row.AmountAgreed, null, null, closedAt,
                    Prevented: row.Prevented?.Select(p => new PreventionInput(p.Kind, p.Persons)).ToList()), ctx);
                break;
            case LedgerResult.Unresolved:
                c.StartMediation(new StepCommand(receivedAt), ctx);
                c.Fail(new FailCommand(row.Remarks ?? "调解不成功（台账导入）", AdvisedRoute.Other, closedAt), ctx);
                break;
            case LedgerResult.Withdrawn:
                c.Withdraw(new ReasonCommand(row.Remarks ?? "当事人撤回（台账导入）", closedAt), ctx);
                break;
            case LedgerResult.Transferred:
                c.Refer(new ReferCommand(LedgerVocabulary.AgencyIn(row.Remarks), row.Remarks ?? "移交（台账导入）", true, closedAt), ctx, fromLedger: true);
                break;
        }
        return c;
    }

    /// <summary>The parties as a client would send them: the first applicant carries the ID number and phone.</summary>
    public static List<PartyInput> PartiesOf(LedgerRow row) =>
    [
        .. row.Applicants.Select((name, i) => new PartyInput(PartyRole.Applicant, PartyKind.Person, name,
            i == 0 ? row.ApplicantIdNumber : null, i == 0 ? row.ApplicantPhone : null, null)),
        .. row.Respondents.Select(name => new PartyInput(PartyRole.Respondent, PartyKind.Person, name, null, null, null)),
    ];

    /// <summary>The title: the summary's first clause (at most 60 characters), else the category's name.</summary>
    public static string TitleOf(LedgerRow row)
    {
        var first = row.Summary.Split(Clause, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first)) return LedgerVocabulary.NameOf(row.Category);
        return first.Length <= 60 ? first : first[..60] + "…";
    }
}
