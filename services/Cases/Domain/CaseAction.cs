namespace MediationPlatform.Cases.Domain;

/// <summary>The actions of api.md, named as in their routes.</summary>
public enum CaseAction
{
    StartMediation, Resolve, Fail, Withdraw, Extend, JudicialConfirmation, FollowUp,
    Accept, NotAccept, Conclude, Review, ConcludeReview, Refer, Note, Link,

    /// <summary>PATCH /api/cases/{id}: corrections of title, description, category, risk level and parties.</summary>
    Update,
}
