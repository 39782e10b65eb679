using System.Globalization;
using System.Net;
using System.Text;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Imports;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>How a party's ID number and phone are printed: masked, or opened for an unmasked read with a purpose.</summary>
public delegate (string? IdNumber, string? Phone) PartyDisclosure(DossierParty party);

/// <summary>What a rendering is: issued (version, when, hash) or a draft read now.</summary>
public sealed record DocumentStamp(DateTimeOffset PrintedAt, int? IssuedVersion, DateTimeOffset? IssuedAt, string? ContentHash, bool Masked);

/// <summary>
/// The documents as printable A4 HTML in the standard wording and order (人民调解文书格式; 信访 书面告知 and 意见书), one
/// <c>section</c> per document so the 卷宗 can file them one after another. Every value is HTML-encoded; the only fonts
/// named are the Noto CJK faces Debian installs, which Chromium embeds in the PDF.
/// </summary>
public static class DocumentHtml
{
    public static string Title(DocumentKind kind) => kind switch
    {
        DocumentKind.Application => "人民调解申请书",
        DocumentKind.Agreement => "人民调解协议书",
        DocumentKind.OralAgreementRecord => "口头调解协议登记表",
        DocumentKind.SessionRecord => "人民调解记录",
        DocumentKind.FollowUpRecord => "人民调解回访记录",
        DocumentKind.JudicialConfirmationApplication => "司法确认申请书",
        DocumentKind.ClosingReport => "委派调解结案报告",
        DocumentKind.AcceptanceNotice => "信访事项受理告知书",
        DocumentKind.NonAcceptanceNotice => "信访事项不予受理告知书",
        DocumentKind.HandlingOpinion => "信访事项处理意见书",
        DocumentKind.ReviewOpinion => "信访事项复查（复核）意见书",
        DocumentKind.CaseFile => "人民调解卷宗",
        _ => kind.ToString(),
    };

    /// <summary>A whole page: one document, or the 卷宗 (cover, every available document, the timeline).</summary>
    public static string Page(Dossier d, DocumentKind kind, IReadOnlyList<DocumentKind> available, PartyDisclosure disclose, DocumentStamp stamp)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(TitleFor(d, kind))).Append(' ').Append(E(d.FileNumber))
            .Append("</title><style>").Append(Css).Append("</style></head><body>");
        if (kind == DocumentKind.CaseFile)
        {
            Cover(b, d, available, stamp);
            foreach (var k in available.Where(k => k != DocumentKind.CaseFile)) Section(b, d, k, disclose, stamp);
            Timeline(b, d);
        }
        else Section(b, d, kind, disclose, stamp);
        b.Append("</body></html>");
        return b.ToString();
    }

    private static string TitleFor(Dossier d, DocumentKind kind) =>
        kind == DocumentKind.CaseFile && d.Kind == CaseKind.Petition ? "信访事项卷宗"
        : kind == DocumentKind.ReviewOpinion && d.Petition?.ReviewLevel == ReviewLevel.SecondReview ? "信访事项复核意见书"
        : kind == DocumentKind.ReviewOpinion ? "信访事项复查意见书"
        : Title(kind);

    private static void Section(StringBuilder b, Dossier d, DocumentKind kind, PartyDisclosure disclose, DocumentStamp stamp)
    {
        b.Append("<section class=\"doc\" data-kind=\"").Append(E(SnakeName(kind))).Append("\"><h1>").Append(E(TitleFor(d, kind))).Append("</h1>");
        b.Append("<p class=\"no\">").Append(E(d.FileNumber)).Append("</p>");
        switch (kind)
        {
            case DocumentKind.Application: Application(b, d, disclose); break;
            case DocumentKind.Agreement: Agreement(b, d, disclose); break;
            case DocumentKind.OralAgreementRecord: OralAgreement(b, d, disclose); break;
            case DocumentKind.SessionRecord: Sessions(b, d); break;
            case DocumentKind.FollowUpRecord: FollowUps(b, d); break;
            case DocumentKind.JudicialConfirmationApplication: JudicialConfirmation(b, d, disclose); break;
            case DocumentKind.ClosingReport: ClosingReport(b, d); break;
            case DocumentKind.AcceptanceNotice: AcceptanceNotice(b, d); break;
            case DocumentKind.NonAcceptanceNotice: NonAcceptanceNotice(b, d); break;
            case DocumentKind.HandlingOpinion: HandlingOpinion(b, d, disclose); break;
            case DocumentKind.ReviewOpinion: ReviewOpinion(b, d, disclose); break;
        }
        Footer(b, stamp);
        b.Append("</section>");
    }

    // 人民调解申请书 / 受理登记表: who applies against whom, the dispute, the request, the committee's registration
    private static void Application(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        PartyTable(b, d, disclose);
        Field(b, "纠纷类型", Category(d.Category));
        Field(b, "纠纷简要情况", d.Description.Length > 0 ? d.Description : d.Title);
        Field(b, "申请事项", $"请求{d.Place.CommitteeName}对上述“{d.Title}”纠纷进行调解。");
        Field(b, "案件来源", Source(d.Source) + (d.Intake is { } i ? $"（{i.OrganizationName}，编号 {i.ExternalRef}）" : ""));
        b.Append("<p class=\"text\">申请人自愿申请人民调解，知悉人民调解遵循自愿、平等、合法原则，不收取任何费用（《中华人民共和国人民调解法》第三条、第四条），当事人享有第二十三条规定的权利。</p>");
        Signatures(b, d.Parties.Where(p => p.Role == PartyRole.Applicant).Select(p => $"申请人：{p.Name}"), Date(d.ReceivedAt));
        b.Append("<h2>受理登记</h2>");
        Field(b, "受理日期", Date(d.ReceivedAt));
        Field(b, "受理调解组织", d.Place.CommitteeName);
        Field(b, "调解期限", d.Outcome.MediationDueAt is { } due ? $"{Date(due)}前（{d.Outcome.MediationPeriodBasis}）" : "—");
        Field(b, "登记人", d.RegisteredBy);
    }

    // 人民调解协议书 — 人民调解法 Art. 29: the parties; the facts and disputed matters; what was agreed; how and by when it is performed
    private static void Agreement(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        PartyTable(b, d, disclose);
        b.Append("<h2>纠纷主要事实、争议事项</h2><p class=\"text\">").Append(E(d.Description.Length > 0 ? d.Description : d.Title)).Append("</p>");
        b.Append("<h2>经调解，自愿达成如下协议</h2>");
        Terms(b, d);
        b.Append("<h2>履行方式、时限</h2><p class=\"text\">");
        b.Append(E(d.Outcome.PerformanceDueAt is { } due ? $"各方当事人应于{Date(due)}前按上述约定履行完毕" : "各方当事人应按上述约定的方式和期限履行"));
        b.Append("。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》第三十一条）。</p>");
        b.Append("<p class=\"text\">双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向调解组织所在地基层人民法院申请司法确认（")
            .Append(E($"《中华人民共和国人民调解法》第三十三条；{d.Outcome.JudicialConfirmationArticle}")).Append("）。</p>");
        b.Append("<p class=\"text\">本协议一式").Append(d.Parties.Count + 1).Append("份，当事人各执一份，人民调解委员会留存一份；自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。</p>");
        Signatures(b, d.Parties.Select(p => $"{Role(p.Role)}：{p.Name}").Append($"人民调解员：{d.MediatorName ?? ""}"), d.Outcome.EndedAt is { } at ? Date(at) : "");
        Seal(b, d.Place.CommitteeName, d.Outcome.EndedAt);
    }

    // 口头调解协议 — 人民调解法 Art. 28: effective when agreed; the mediator records its content
    private static void OralAgreement(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        PartyTable(b, d, disclose);
        Field(b, "纠纷事项", d.Title);
        Field(b, "纠纷简要情况", d.Description);
        b.Append("<h2>口头协议内容</h2>");
        Terms(b, d);
        Field(b, "达成日期", d.Outcome.EndedAt is { } at ? Date(at) : "");
        Field(b, "履行期限", d.Outcome.PerformanceDueAt is { } due ? Date(due) : "即时履行");
        b.Append("<p class=\"text\">口头调解协议自各方当事人达成协议之日起生效（《中华人民共和国人民调解法》第二十八条）。</p>");
        Signatures(b, [$"人民调解员（登记人）：{d.MediatorName ?? ""}"], d.Outcome.EndedAt is { } e ? Date(e) : "");
    }

    private static void Sessions(StringBuilder b, Dossier d)
    {
        Field(b, "纠纷事项", d.Title);
        Field(b, "当事人", string.Join("、", d.Parties.Select(p => $"{p.Name}（{Role(p.Role)}）")));
        var n = 0;
        foreach (var s in d.Sessions)
        {
            n++;
            b.Append("<h2>第").Append(n).Append("次调解</h2>");
            Field(b, "时间", DateTime(s.StartsAt ?? s.OccurredAt));
            Field(b, "地点", s.Location ?? d.Place.CommitteeName);
            Field(b, "调解员", s.Mediators.Count > 0 ? string.Join("、", s.Mediators) : d.MediatorName ?? "");
            Field(b, "到场人数", s.Held ? $"{s.AttendeeCount}人" : "—");
            Field(b, "调解情况", s.Held ? s.Summary ?? "" : "未举行" + (s.Summary is { } why ? $"：{why}" : ""));
        }
        if (n == 0) b.Append("<p class=\"text\">尚无调解记录。</p>");
        Signatures(b, [$"调解员：{d.MediatorName ?? ""}", "记录人："], "");
    }

    private static void FollowUps(StringBuilder b, Dossier d)
    {
        Field(b, "纠纷事项", d.Title);
        Field(b, "调解结果", d.Outcome.AgreementType is { } t ? $"调解成功（{(t == AgreementType.Written ? "书面" : "口头")}协议，{(d.Outcome.EndedAt is { } e ? Date(e) : "")}）" : Status(d.Status));
        var n = 0;
        foreach (var f in d.FollowUps)
        {
            n++;
            b.Append("<h2>第").Append(n).Append("次回访</h2>");
            Field(b, "回访时间", Date(f.OccurredAt));
            Field(b, "回访人", f.By);
            Field(b, "协议履行情况", f.Performed switch { true => "已履行", false => "未履行", _ => "—" });
            if (f.PerformedObligations.Count > 0)
                Field(b, "已履行的协议事项", string.Join("；", f.PerformedObligations.Where(i => i >= 0 && i < d.Obligations.Count)
                    .Select(i => $"第{i + 1}项：{d.Obligations[i].PartyName}{d.Obligations[i].What}")));
            Field(b, "当事人意见", f.Satisfied switch { true => "满意", false => "不满意", _ => "—" });
            Field(b, "回访情况", f.Note ?? "");
        }
        Signatures(b, ["回访人："], "");
    }

    // 司法确认申请书 — joint application within 30 days to the basic court where the mediation organisation is
    private static void JudicialConfirmation(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        b.Append("<h2>申请人</h2>");
        PartyTable(b, d, disclose, "申请人");
        b.Append("<h2>请求事项</h2><p class=\"text\">请求人民法院确认申请人于").Append(E(d.Outcome.EndedAt is { } at ? Date(at) : ""))
            .Append("经").Append(E(d.Place.CommitteeName)).Append("调解达成的《人民调解协议书》（").Append(E(d.FileNumber)).Append("）有效。</p>");
        b.Append("<h2>事实和理由</h2><p class=\"text\">").Append(E(d.Description.Length > 0 ? d.Description : d.Title))
            .Append("。经").Append(E(d.Place.CommitteeName)).Append("主持调解，申请人自愿达成如下协议：</p>");
        Terms(b, d);
        b.Append("<p class=\"text\">申请人依据").Append(E($"《中华人民共和国人民调解法》第三十三条、{d.Outcome.JudicialConfirmationArticle}"))
            .Append("，自调解协议生效之日起三十日内")
            .Append(E(d.Outcome.JudicialConfirmationDueAt is { } due ? $"（即{Date(due)}前）" : ""))
            .Append("共同向调解组织所在地基层人民法院提出申请。</p>");
        b.Append("<p class=\"text\">申请人承诺：出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如果因为该协议内容而给他人造成损害的，愿意承担相应的民事责任和其他法律责任。</p>");
        b.Append("<p class=\"text\">此致<br>").Append(E(d.Place.DistrictName is { } district ? $"{district}人民法院" : "调解组织所在地基层人民法院")).Append("</p>");
        Field(b, "附", "人民调解协议书、身份证明材料、与争议有关的证明材料");
        Signatures(b, d.Parties.Select(p => $"申请人：{p.Name}"), "　　年　　月　　日");
    }

    // 结案报告 to the entrusting court — 特邀调解规定 Art. 26 (result, agreement, judicial confirmation), within Art. 27's 30 days
    private static void ClosingReport(StringBuilder b, Dossier d)
    {
        var court = d.Intake?.OrganizationName is { Length: > 0 } name ? name : "委派人民法院";
        b.Append("<p class=\"text\">").Append(E(court)).Append("：</p>");
        b.Append("<p class=\"text\">你院于").Append(E(Date(d.ReceivedAt))).Append("委派调解的")
            .Append(E(d.Intake?.ExternalRef is { } r ? $"（{r}）" : "")).Append(E($"“{d.Title}”纠纷（{string.Join("与", d.Parties.Select(p => p.Name))}）"))
            .Append("，本委员会已依法调解终结。调解期限为").Append(E(d.Outcome.MediationDueAt is { } due ? $"{Date(due)}前" : "三十日"))
            .Append("（").Append(E(LawInForce.CourtEntrustedPeriodBasis)).Append("）。现报告如下：</p>");
        Field(b, "调解员", d.MediatorName ?? "");
        Field(b, "调解次数", $"{d.Sessions.Count(s => s.Held)}次");
        Field(b, "调解结果", Status(d.Status) + (d.Outcome.EndedAt is { } e ? $"（{Date(e)}）" : ""));
        if (d.Status == CaseStatus.Resolved)
        {
            Field(b, "协议形式", d.Outcome.AgreementType == AgreementType.Written ? "书面调解协议" : "口头调解协议");
            b.Append("<h2>协议内容</h2>");
            Terms(b, d);
            Field(b, "司法确认", d.Outcome.JudicialConfirmation switch
            {
                JudicialConfirmationStatus.Applied => "当事人已申请司法确认",
                JudicialConfirmationStatus.Confirmed => "人民法院已确认调解协议有效",
                JudicialConfirmationStatus.Rejected => "人民法院裁定驳回申请",
                _ => d.Outcome.JudicialConfirmationDueAt is { } until ? $"当事人尚未申请（可于{Date(until)}前共同申请）" : "当事人未申请",
            });
        }
        else Field(b, "未达成协议的原因", d.Outcome.Reason ?? "");
        b.Append("<p class=\"text\">依据《最高人民法院关于人民法院特邀调解的规定》第二十六条，特此报告，并附调解材料。</p>");
        Signatures(b, [], d.Outcome.EndedAt is { } end ? Date(end) : "");
        Seal(b, d.Place.CommitteeName, d.Outcome.EndedAt);
    }

    // 受理告知 — 信访工作条例 Art. 23 (2005: Art. 22): written notice within 15 days; the conclusion period if the matter has one
    private static void AcceptanceNotice(StringBuilder b, Dossier d)
    {
        var p = d.Petition!;
        Addressee(b, d);
        b.Append("<p class=\"text\">你于").Append(E(Date(d.ReceivedAt))).Append("提出的“").Append(E(d.Title))
            .Append("”信访事项，经审查，符合受理条件，本机关已于").Append(E(p.AcceptedAt is { } at ? Date(at) : ""))
            .Append("予以受理（").Append(E(p.AcceptanceArticle)).Append("）。</p>");
        if (p.HasConclusionPeriod && p.ConclusionDueAt is { } due)
            b.Append("<p class=\"text\">本机关将自受理之日起六十日内办结，即于").Append(E(Date(due)))
                .Append("前作出处理并书面答复；情况复杂的，经批准可以适当延长办理期限，延长期限不超过三十日，并告知你延期理由（").Append(E(p.ConclusionArticle)).Append("）。</p>");
        else
            b.Append("<p class=\"text\">本机关将依照").Append(E(p.Regulation)).Append("的规定及时办理，并将处理情况告知你。</p>");
        b.Append("<p class=\"text\">特此告知。</p>");
        Signatures(b, [], p.AcceptedAt is { } a ? Date(a) : "");
        Seal(b, Office(d), p.AcceptedAt);
    }

    private static void NonAcceptanceNotice(StringBuilder b, Dossier d)
    {
        var p = d.Petition!;
        Addressee(b, d);
        b.Append("<p class=\"text\">你于").Append(E(Date(d.ReceivedAt))).Append("提出的“").Append(E(d.Title))
            .Append("”信访事项，经审查，").Append(E(p.NotAcceptedReason ?? "不符合受理条件")).Append("，本机关决定不予受理（").Append(E(p.AcceptanceArticle)).Append("）。</p>");
        b.Append("<p class=\"text\">对依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，请依照有关法律、行政法规规定的程序向有关机关提出。</p>");
        b.Append("<p class=\"text\">特此告知。</p>");
        Signatures(b, [], p.NotAcceptedAt is { } at ? Date(at) : "");
        Seal(b, Office(d), p.NotAcceptedAt);
    }

    // 处理意见书 — 信访工作条例 Art. 32: the request, the facts and reasons, the decision and its basis; Art. 35: 复查 within 30 days, and where
    private static void HandlingOpinion(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        var p = d.Petition!;
        PartyTable(b, d, disclose, "信访人");
        b.Append("<h2>信访请求</h2><p class=\"text\">").Append(E(d.Title)).Append(d.Description.Length > 0 ? "：" + E(d.Description) : "").Append("</p>");
        b.Append("<h2>查明的事实和理由</h2><p class=\"text\">").Append(E(p.OpinionSummary ?? "")).Append("</p>");
        b.Append("<h2>处理意见</h2><p class=\"text\">").Append(E(OpinionText(p.Opinion))).Append("（").Append(E(p.OpinionArticle)).Append("）。</p>");
        b.Append("<h2>救济途径</h2><p class=\"text\">信访人对本处理意见不服的，可以自收到本意见书之日起三十日内，向")
            .Append(E(p.ReviewBody)).Append("请求复查（").Append(E(p.ReviewArticle)).Append("）")
            .Append(E(p.ReviewDueAt is { } due ? $"，即于{Date(due)}前" : "")).Append("。</p>");
        Signatures(b, [], p.ConcludedAt is { } at ? Date(at) : "");
        Seal(b, Office(d), p.ConcludedAt);
    }

    private static void ReviewOpinion(StringBuilder b, Dossier d, PartyDisclosure disclose)
    {
        var p = d.Petition!;
        var second = p.ReviewLevel == ReviewLevel.SecondReview;
        PartyTable(b, d, disclose, "信访人");
        b.Append("<h2>").Append(second ? "复核请求" : "复查请求").Append("</h2><p class=\"text\">信访人不服").Append(second ? "复查意见" : "本机关作出的信访事项处理意见")
            .Append("，于").Append(E(p.ReviewRequestedAt is { } at ? Date(at) : "")).Append("提出").Append(second ? "复核" : "复查").Append("请求（“").Append(E(d.Title)).Append("”）。</p>");
        b.Append("<h2>原处理意见</h2><p class=\"text\">").Append(E(OpinionText(p.Opinion))).Append(p.OpinionSummary is { } s ? "：" + E(s) : "").Append("</p>");
        b.Append("<h2>").Append(second ? "复核意见" : "复查意见").Append("</h2><p class=\"text\">").Append(E(OpinionText(p.ReviewOpinion)))
            .Append(p.ReviewOpinionSummary is { } r ? "：" + E(r) : "").Append("（").Append(E(second ? p.SecondReviewArticle : p.ReviewArticle)).Append("）。</p>");
        if (second)
            b.Append("<p class=\"text\">本复核意见为最终意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，各级机关不再受理（").Append(E(p.SecondReviewArticle)).Append("）。</p>");
        else
            b.Append("<p class=\"text\">信访人对复查意见不服的，可以自收到本意见书之日起三十日内向复查机关的上一级机关请求复核（").Append(E(p.SecondReviewArticle)).Append("）。</p>");
        Signatures(b, [], p.ReviewConcludedAt is { } c ? Date(c) : "");
        Seal(b, second ? p.ReviewBody : Office(d), p.ReviewConcludedAt);
    }

    private static void Cover(StringBuilder b, Dossier d, IReadOnlyList<DocumentKind> available, DocumentStamp stamp)
    {
        b.Append("<section class=\"doc cover\" data-kind=\"case_file\"><h1 class=\"cover-title\">").Append(E(TitleFor(d, DocumentKind.CaseFile))).Append("</h1>");
        b.Append("<p class=\"no\">").Append(E(d.FileNumber)).Append("</p><table class=\"fields cover-fields\">");
        Row(b, "案由", $"{d.Title}（{(d.Kind == CaseKind.Dispute ? Category(d.Category) : "信访事项")}）");
        Row(b, "当事人", string.Join("、", d.Parties.Select(p => $"{p.Name}（{Role(p.Role)}）")));
        Row(b, "调解组织", d.Kind == CaseKind.Dispute ? d.Place.CommitteeName : Office(d));
        Row(b, "调解员", d.MediatorName ?? "—");
        Row(b, "受理日期", Date(d.ReceivedAt));
        Row(b, "结案日期", d.Outcome.EndedAt is { } e ? Date(e) : "—");
        Row(b, "处理结果", Status(d.Status));
        Row(b, "保管期限", RetentionOf(d));
        Row(b, "案件编号", d.Number);
        Row(b, "立卷日期", Date(stamp.IssuedAt ?? stamp.PrintedAt));
        b.Append("</table><h2>卷内目录</h2><ol class=\"toc\">");
        foreach (var k in available.Where(k => k != DocumentKind.CaseFile)) b.Append("<li>").Append(E(TitleFor(d, k))).Append("</li>");
        b.Append("<li>案件办理过程记录</li></ol></section>");
    }

    private static void Timeline(StringBuilder b, Dossier d)
    {
        b.Append("<section class=\"doc\" data-kind=\"timeline\"><h1>案件办理过程记录</h1><p class=\"no\">").Append(E(d.FileNumber))
            .Append("</p><table class=\"grid\"><thead><tr><th>序号</th><th>时间</th><th>事项</th><th>办理人</th></tr></thead><tbody>");
        var n = 0;
        foreach (var s in d.Timeline)
            b.Append("<tr><td>").Append(++n).Append("</td><td>").Append(E(DateTime(s.OccurredAt))).Append("</td><td>").Append(E(StepName(s.Action)))
                .Append("</td><td>").Append(E(s.Actor)).Append("</td></tr>");
        b.Append("</tbody></table></section>");
    }

    /// <summary>The 卷宗's retention (保管期限): <see cref="Case.RetentionYearsFor"/>, the rule the retention job reads too.</summary>
    public static string RetentionOf(Dossier d) => $"{Case.RetentionYearsFor(d.Kind, d.Outcome.AgreementType)}年";

    private static void PartyTable(StringBuilder b, Dossier d, PartyDisclosure disclose, string? roleLabel = null)
    {
        b.Append("<table class=\"grid parties\"><thead><tr><th>身份</th><th>姓名（名称）</th><th>身份证件号码</th><th>联系电话</th><th>住所</th></tr></thead><tbody>");
        foreach (var p in d.Parties)
        {
            var (id, phone) = disclose(p);
            b.Append("<tr><td>").Append(E(roleLabel is null || p.Role != PartyRole.Applicant && roleLabel == "信访人" ? Role(p.Role) : roleLabel))
                .Append("</td><td>").Append(E(p.Name)).Append(p.Kind == PartyKind.Organization ? "（单位）" : "")
                .Append("</td><td>").Append(E(id ?? "—")).Append("</td><td>").Append(E(phone ?? "—")).Append("</td><td>").Append(E(p.Address ?? "—")).Append("</td></tr>");
        }
        b.Append("</tbody></table>");
    }

    private static void Terms(StringBuilder b, Dossier d)
    {
        b.Append("<ol class=\"terms\">");
        if (d.Obligations.Count == 0) b.Append("<li>").Append(E(d.Outcome.AgreementSummary ?? "")).Append("</li>");
        foreach (var o in d.Obligations)
        {
            b.Append("<li>").Append(E(o.PartyName)).Append(E(o.DueAt is { } due ? $"于{Date(due)}前" : "")).Append(E(o.What));
            if (o.Amount is { } amount) b.Append("（金额：").Append(E(Money(amount))).Append('）');
            if (o.PerformedAt is { } done) b.Append("〔已于").Append(E(Date(done))).Append("履行〕");
            b.Append("</li>");
        }
        b.Append("</ol>");
        if (d.Obligations.Count > 0 && !string.IsNullOrWhiteSpace(d.Outcome.AgreementSummary))
            b.Append("<p class=\"text\">协议摘要：").Append(E(d.Outcome.AgreementSummary)).Append("</p>");
        if (d.Outcome.AmountAgreed is { } total) b.Append("<p class=\"text\">协议涉及金额：").Append(E(Money(total))).Append("</p>");
    }

    private static void Addressee(StringBuilder b, Dossier d) =>
        b.Append("<p class=\"text\">").Append(E(string.Join("、", d.Parties.Where(p => p.Role == PartyRole.Applicant).Select(p => p.Name).DefaultIfEmpty("信访人")))).Append("：</p>");

    private static void Field(StringBuilder b, string label, string? value) =>
        b.Append("<p class=\"field\"><span class=\"label\">").Append(E(label)).Append("：</span>").Append(E(value ?? "")).Append("</p>");

    private static void Row(StringBuilder b, string label, string value) =>
        b.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static void Signatures(StringBuilder b, IEnumerable<string> lines, string date)
    {
        b.Append("<div class=\"signatures\">");
        foreach (var line in lines) b.Append("<p>").Append(E(line)).Append("<span class=\"blank\"></span>（签名、盖章或按指印）</p>");
        if (date.Length > 0) b.Append("<p class=\"date\">").Append(E(date)).Append("</p>");
        b.Append("</div>");
    }

    private static void Seal(StringBuilder b, string body, DateTimeOffset? at) =>
        b.Append("<div class=\"seal\"><p>").Append(E(body)).Append("（印章）</p>").Append(at is { } d ? "" : "<p>　　年　　月　　日</p>").Append("</div>");

    private static void Footer(StringBuilder b, DocumentStamp stamp)
    {
        b.Append("<p class=\"stamp\">");
        b.Append(stamp.IssuedVersion is { } v
            ? E($"第{v}版，出具于{DateTime(stamp.IssuedAt!.Value)}，数据摘要 SHA-256 {stamp.ContentHash}")
            : E($"草稿（未出具），打印于{DateTime(stamp.PrintedAt)}"));
        if (stamp.Masked) b.Append(E("；个人信息已脱敏"));
        b.Append("</p>");
    }

    private static string Office(Dossier d) => $"{d.Place.TownName}人民政府信访办公室";

    public static string Date(DateTimeOffset at)
    {
        var d = ChinaTime.DateOf(at);
        return $"{d.Year}年{d.Month}月{d.Day}日";
    }

    private static string DateTime(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaTime.Offset);
        return $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}";
    }

    private static string Money(decimal amount) => "人民币" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + "元";

    private static string Category(DisputeCategory c) => LedgerVocabulary.NameOf(c);

    private static string Role(PartyRole r) => r switch { PartyRole.Applicant => "申请人", PartyRole.Respondent => "被申请人", _ => "第三人" };

    private static string Source(CaseSource s) => s switch
    {
        CaseSource.Application => "当事人申请调解",
        CaseSource.Screening => "主动排查调解",
        CaseSource.PoliceTransfer => "公安机关移送（委托）调解",
        CaseSource.CourtEntrusted => "人民法院委派调解",
        CaseSource.PetitionTransfer => "信访部门移送调解",
        _ => "政府部门交办",
    };

    private static string Status(CaseStatus s) => s switch
    {
        CaseStatus.Resolved => "调解成功",
        CaseStatus.Unresolved => "调解不成功",
        CaseStatus.Withdrawn => "当事人撤回",
        CaseStatus.Transferred => "移交（退回）",
        CaseStatus.NotAccepted => "不予受理",
        CaseStatus.Concluded => "办结",
        CaseStatus.ReviewConcluded => "复查（复核）办结",
        _ => "办理中",
    };

    private static string OpinionText(Opinion? o) => o switch
    {
        Opinion.Support => "请求事实清楚，符合法律、法规、规章或者其他有关规定的，予以支持",
        Opinion.Explain => "请求事由合理但缺乏法律依据的，作出解释说明",
        Opinion.NotSupport => "请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定的，不予支持",
        _ => "",
    };

    private static string StepName(string action) => action switch
    {
        "registered" => "登记", "assigned" => "指派调解员", "mediation_started" => "开始调解", "resolved" => "调解成功",
        "failed" => "调解不成功", "withdrawn" => "撤回", "follow_up" => "回访", "judicial_confirmation" => "司法确认",
        "referred" => "移交", "accepted" => "受理", "not_accepted" => "不予受理", "concluded" => "办结",
        "review_requested" => "请求复查（复核）", "review_concluded" => "复查（复核）办结", "deadline_extended" => "延长期限",
        "note" => "备注", "edited" => "更正", "document_issued" => "出具文书", "returned" => "退回", "awaiting_mediator" => "等待调解员",
        "session_scheduled" => "安排调解会", "session_rescheduled" => "调解会改期", "session_cancelled" => "取消调解会",
        _ => action,
    };

    private static string SnakeName(DocumentKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        @page { size: A4; margin: 22mm 20mm 20mm 20mm; }
        body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.7; color: #000; margin: 0; }
        section.doc { page-break-after: always; break-after: page; }
        section.doc:last-child { page-break-after: auto; break-after: auto; }
        h1 { font-size: 20pt; text-align: center; letter-spacing: 0.2em; margin: 0 0 4pt; }
        h1.cover-title { font-size: 28pt; margin-top: 60mm; }
        h2 { font-size: 13pt; margin: 12pt 0 4pt; }
        p.no { text-align: right; margin: 0 0 10pt; }
        p.text { text-indent: 2em; margin: 4pt 0; }
        p.field { margin: 3pt 0; } span.label { font-weight: bold; }
        table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
        table.grid th, table.grid td { border: 1px solid #000; padding: 3pt 5pt; font-size: 10.5pt; vertical-align: top; }
        table.fields th { text-align: left; width: 28%; padding: 4pt; font-weight: bold; } table.fields td { padding: 4pt; border-bottom: 1px solid #000; }
        ol.terms li { margin: 3pt 0; }
        div.signatures { margin-top: 18pt; } div.signatures p { margin: 10pt 0; }
        span.blank { display: inline-block; width: 40mm; border-bottom: 1px solid #000; margin: 0 4pt; }
        p.date { text-align: right; }
        div.seal { text-align: right; margin-top: 8pt; }
        p.stamp { margin-top: 16pt; font-size: 8pt; color: #444; border-top: 1px solid #999; padding-top: 3pt; }
        """;
}
