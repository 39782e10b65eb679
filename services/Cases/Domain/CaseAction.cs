namespace MediationPlatform.Cases.Domain;

/// <summary>The actions of api.md, named as in their routes.</summary>
public enum CaseAction
{
    StartMediation, Resolve, Fail, Withdraw, Extend, JudicialConfirmation, FollowUp,
    Accept, NotAccept, Conclude, Review, ConcludeReview, Refer, Note, Link,

    /// <summary>退回: a dispute an agency handed in goes back to it (POST /api/cases/{id}/return).</summary>
    Return,

    /// <summary>访调: a claim petition moved to people's mediation as a linked dispute (POST /api/cases/{id}/to-mediation).</summary>
    ToMediation,

    /// <summary>PATCH /api/cases/{id}: corrections of title, description, category, risk level and parties.</summary>
    Update,
}
