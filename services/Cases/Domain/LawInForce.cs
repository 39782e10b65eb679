using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// Which text of law governs a rule on a given date, and the article a timeline entry or a document cites for it
/// (ADR 0012, "The law in force on the day"). The periods themselves are counted by <see cref="LegalClock"/>; this says
/// which periods exist and where they come from. Dates are China Standard Time calendar days.
/// </summary>
public static class LawInForce
{
    /// <summary>信访工作条例 (中共中央、国务院, 2022) took effect on 1 May 2022 and replaced 信访条例 (国务院令第431号, 2005).</summary>
    public static readonly DateOnly PetitionWorkRegulationFrom = new(2022, 5, 1);

    /// <summary>民事诉讼法 as amended in 2021 (in force 2022-01-01) renumbered 司法确认 from Art. 194 to Art. 201.</summary>
    public static readonly DateOnly CivilProcedure2021From = new(2022, 1, 1);

    /// <summary>民事诉讼法 as amended in 2023 (in force 2024-01-01) renumbered it again, to Art. 205.</summary>
    public static readonly DateOnly CivilProcedure2023From = new(2024, 1, 1);

    /// <summary>
    /// The petition regulation a matter runs under: the one in force on the day the matter was <b>received</b>
    /// (收到信访事项之日), for its whole life — acceptance, conclusion, extension and reviews (ADR 0012 says why receipt and
    /// not acceptance).
    /// </summary>
    public static PetitionRegulation PetitionRegulationFor(DateTimeOffset receivedAt) =>
        ChinaTime.DateOf(receivedAt) < PetitionWorkRegulationFrom ? PetitionRegulation.Of2005 : PetitionRegulation.Of2022;

    /// <summary>
    /// The article on applying for 司法确认 in the 民事诉讼法 text in force on <paramref name="on"/> (the agreement's
    /// date for its 30-day window, a document's date for what it cites); the 30 days themselves are 人民调解法 Art. 33.
    /// </summary>
    public static string JudicialConfirmationArticle(DateTimeOffset on) => ChinaTime.DateOf(on) switch
    {
        var d when d < CivilProcedure2021From => "《中华人民共和国民事诉讼法》（2017年修正）第一百九十四条",
        var d when d < CivilProcedure2023From => "《中华人民共和国民事诉讼法》（2021年修正）第二百零一条",
        _ => "《中华人民共和国民事诉讼法》（2023年修正）第二百零五条",
    };

    /// <summary>The 30-day window for 司法确认 with both articles that state it, as of the agreement's date.</summary>
    public static string JudicialConfirmationBasis(DateTimeOffset agreedAt) =>
        $"《中华人民共和国人民调解法》第三十三条；{JudicialConfirmationArticle(agreedAt)}";

    /// <summary>The mediation month (一般在一个月内调结), unchanged since 2002.</summary>
    public const string MediationPeriodBasis = "《人民调解工作若干规定》（司法部令第75号）第三十三条";

    /// <summary>A court-entrusted (委派, pre-filing) mediation's 30 days, in force since 2016-07-01.</summary>
    public const string CourtEntrustedPeriodBasis = "《最高人民法院关于人民法院特邀调解的规定》（法释〔2016〕14号）第二十七条";
}

/// <summary>
/// One petition regulation: which matters have the conclusion period and the articles each period comes from.
/// </summary>
/// <param name="Name">the regulation's name as cited.</param>
/// <param name="EveryTypeHasConclusionPeriod">信访条例 (2005) Art. 33 gives every matter 60 days from acceptance;
/// 信访工作条例 (2022) Art. 34 only claims (申诉求决类, Art. 31 (六)).</param>
/// <param name="Acceptance">the articles on deciding acceptance within 15 days of receipt.</param>
/// <param name="Conclusion">the article on the 60-day conclusion period and its one extension.</param>
/// <param name="Opinion">the article on the written opinion (support, explain, not support).</param>
/// <param name="Review">the article on 复查.</param>
/// <param name="SecondReview">the article on 复核.</param>
public sealed record PetitionRegulation(
    string Name, bool EveryTypeHasConclusionPeriod, string Acceptance, string Conclusion, string Opinion, string Review, string SecondReview)
{
    /// <summary>信访条例 (国务院令第431号), 2005-05-01 to 2022-04-30.</summary>
    public static readonly PetitionRegulation Of2005 = new(
        "《信访条例》（2005年）", EveryTypeHasConclusionPeriod: true,
        Acceptance: "《信访条例》（2005年）第二十一条、第二十二条",
        Conclusion: "《信访条例》（2005年）第三十三条",
        Opinion: "《信访条例》（2005年）第三十二条",
        Review: "《信访条例》（2005年）第三十四条",
        SecondReview: "《信访条例》（2005年）第三十五条");

    /// <summary>信访工作条例, from 2022-05-01.</summary>
    public static readonly PetitionRegulation Of2022 = new(
        "《信访工作条例》", EveryTypeHasConclusionPeriod: false,
        Acceptance: "《信访工作条例》第二十二条、第二十三条",
        Conclusion: "《信访工作条例》第三十四条",
        Opinion: "《信访工作条例》第三十二条",
        Review: "《信访工作条例》第三十五条",
        SecondReview: "《信访工作条例》第三十六条");

    /// <summary>Whether a matter of <paramref name="type"/> must be concluded within 60 days of acceptance (and may be extended once).</summary>
    public bool HasConclusionPeriod(PetitionType? type) => EveryTypeHasConclusionPeriod || type == PetitionType.Claim;

    /// <summary>The article for a review of <paramref name="level"/> (复查 or 复核).</summary>
    public string ReviewArticle(ReviewLevel? level) => level == ReviewLevel.SecondReview ? SecondReview : Review;
}
