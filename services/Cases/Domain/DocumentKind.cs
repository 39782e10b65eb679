namespace MediationPlatform.Cases.Domain;

/// <summary>The papers the law asks for (api.md "Documents"), in the order a 卷宗 files them.</summary>
public enum DocumentKind
{
    /// <summary>人民调解申请书 / 受理登记表.</summary>
    Application,

    /// <summary>人民调解协议书 (人民调解法 Art. 29).</summary>
    Agreement,

    /// <summary>口头调解协议登记 (人民调解法 Art. 28).</summary>
    OralAgreementRecord,

    /// <summary>调解记录: every session.</summary>
    SessionRecord,

    /// <summary>回访记录: every follow-up.</summary>
    FollowUpRecord,

    /// <summary>司法确认申请书 (民事诉讼法 2023 Art. 205, earlier numbering before 2024).</summary>
    JudicialConfirmationApplication,

    /// <summary>结案报告 to the entrusting court (特邀调解规定 Art. 26).</summary>
    ClosingReport,

    /// <summary>信访事项受理告知书 (信访工作条例 Art. 23; 信访条例 2005 Art. 22).</summary>
    AcceptanceNotice,

    /// <summary>信访事项不予受理告知书.</summary>
    NonAcceptanceNotice,

    /// <summary>信访事项处理意见书 (信访工作条例 Art. 32).</summary>
    HandlingOpinion,

    /// <summary>复查 / 复核意见书 (Art. 35, 36).</summary>
    ReviewOpinion,

    /// <summary>卷宗: a cover, every available document in order, the timeline.</summary>
    CaseFile,
}
