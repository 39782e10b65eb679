using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using static MediationPlatform.Cases.Domain.CaseAction;
using static MediationPlatform.Contracts.CaseStatus;

namespace MediationPlatform.Cases.Tests;

/// <summary>Every (kind, status, action) combination against an independent table of what api.md allows.</summary>
public sealed class StateMachineTests
{
    private static readonly Dictionary<(CaseKind, CaseStatus), (CaseAction Action, CaseStatus Next)[]> Expected = new()
    {
        // Return: the state table allows it in every open status; the aggregate rules it out for disputes nobody handed in
        [(CaseKind.Dispute, Registered)] = [(StartMediation, Mediating), (Withdraw, Withdrawn), (Refer, Registered), (Note, Registered), (Return, Transferred)],
        [(CaseKind.Dispute, Assigned)] = [(StartMediation, Mediating), (Withdraw, Withdrawn), (Extend, Assigned), (Refer, Assigned), (Note, Assigned), (Return, Transferred)],
        [(CaseKind.Dispute, Mediating)] = [(Resolve, Resolved), (Fail, Unresolved), (Withdraw, Withdrawn), (Extend, Mediating), (Refer, Mediating), (Note, Mediating), (Return, Transferred)],
        [(CaseKind.Dispute, Resolved)] = [(JudicialConfirmation, Resolved), (FollowUp, Resolved), (Note, Resolved)],
        [(CaseKind.Dispute, Unresolved)] = [(Note, Unresolved)],
        [(CaseKind.Dispute, Withdrawn)] = [(Note, Withdrawn)],
        [(CaseKind.Dispute, Transferred)] = [(Note, Transferred)],
        // ToMediation (访调): the state table allows it while registered or accepted; the aggregate rules it out for non-claims
        [(CaseKind.Petition, Registered)] = [(Accept, Accepted), (NotAccept, NotAccepted), (Refer, Registered), (Note, Registered), (ToMediation, Transferred)],
        [(CaseKind.Petition, Accepted)] = [(Extend, Accepted), (Conclude, Concluded), (Refer, Accepted), (Note, Accepted), (ToMediation, Transferred)],
        [(CaseKind.Petition, NotAccepted)] = [(Note, NotAccepted)],
        [(CaseKind.Petition, Transferred)] = [(Note, Transferred)],
        [(CaseKind.Petition, Concluded)] = [(Review, UnderReview), (Note, Concluded)],
        [(CaseKind.Petition, UnderReview)] = [(ConcludeReview, ReviewConcluded), (Note, UnderReview)],
        [(CaseKind.Petition, ReviewConcluded)] = [(Review, UnderReview), (Note, ReviewConcluded)],
    };

    public static TheoryData<CaseKind, CaseStatus, CaseAction> AllCombinations()
    {
        var data = new TheoryData<CaseKind, CaseStatus, CaseAction>();
        foreach (var (kind, status) in Expected.Keys)
            foreach (var action in Enum.GetValues<CaseAction>())
                data.Add(kind, status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Each_action_is_allowed_exactly_where_the_contract_allows_it_and_leads_to_the_right_status(
        CaseKind kind, CaseStatus status, CaseAction action)
    {
        // corrections (PATCH) and links between cases are allowed in every status and keep it
        var expected = action is Update or Link ? [(action, status)] : Expected[(kind, status)].Where(e => e.Action == action).ToList();
        Assert.Equal(expected.Count == 1, CaseStateMachine.IsAllowed(kind, status, action));
        if (expected.Count == 1) Assert.Equal(expected[0].Next, CaseStateMachine.NextStatus(kind, status, action));
        else Assert.Throws<InvalidOperationException>(() => CaseStateMachine.NextStatus(kind, status, action));
    }

    [Fact]
    public void Allowed_actions_list_what_the_409_answer_names()
    {
        Assert.Equal([Resolve, Fail, Withdraw, Extend, Refer, Note, Link, Return], CaseStateMachine.AllowedActions(CaseKind.Dispute, Mediating));
        Assert.Equal([Note, Link], CaseStateMachine.AllowedActions(CaseKind.Dispute, Withdrawn));
    }
}
