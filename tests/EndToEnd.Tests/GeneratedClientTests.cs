using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Clients.Cases;
using MediationPlatform.Clients.Cases.Models;
using MediationPlatform.TestKit;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// An integrator's view: the C# client Kiota generates from the committed contracts/openapi/cases.json (built by the
/// solution, contracts/MediationPlatform.Clients) drives a dispute's life and a police intake through the gateway with
/// typed answers — the case, the intake record — and typed refusals: a 409 with the current status and the allowed
/// actions, a 412 for a stale If-Match, a 404.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedClientTests(PlatformFixture platform)
{
    private sealed class Token(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();
        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? context = null, CancellationToken ct = default) =>
            Task.FromResult(token);
    }

    private CasesClient Client(string token, out HttpClient http)
    {
        http = new HttpClient(platform.Handler());
        var adapter = new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new Token(token)), httpClient: http)
        {
            BaseUrl = platform.Gateway.ToString().TrimEnd('/'),
        };
        return new CasesClient(adapter);
    }

    [Fact]
    public async Task A_client_generated_from_the_committed_contract_drives_a_dispute_and_an_intake_with_typed_answers()
    {
        var town = await DemoTown.GetAsync(platform);
        var mediator = Client(town.MediatorToken, out var mediatorHttp);
        using var _ = mediatorHttp;

        var created = await mediator.Api.Cases.PostAsync(new RegisterCaseCommand
        {
            Kind = CaseKind.Dispute, Title = "客户端登记的邻里纠纷", Category = DisputeCategory.Neighbourhood, RegionCode = town.Village,
            Source = CaseSource.Application, Channel = CaseChannel.Walk_in, RiskLevel = RiskLevel.Low,
            Parties = [new PartyInput { Role = PartyRole.Applicant, Kind = PartyKind.Person, Name = "张某", IdNumber = "500112198001011234" }],
        });
        Assert.NotNull(created);
        Assert.Equal(CaseStatus.Registered, created!.Status);
        Assert.Equal("500112********1234", created.Parties![0].IdNumber);
        var id = created.Id!.Value;

        var started = await mediator.Api.Cases[id].StartMediation.PostAsync(new StepCommand());
        Assert.Equal(CaseStatus.Mediating, started!.Status);

        // a stale If-Match: a typed 412
        var stale = await Assert.ThrowsAsync<ProblemDetails>(() => mediator.Api.Cases[id].Notes.PostAsync(new NoteCommand { Text = "双方同意再谈" },
            c => c.Headers.Add("If-Match", "\"1\"")));
        Assert.Equal(412, stale.ResponseStatusCode);

        var resolved = await mediator.Api.Cases[id].Resolve.PostAsync(new ResolveCommand
        {
            AgreementType = AgreementType.Written, AgreementSummary = "李某疏通排水沟", AmountAgreed = 500,
        });
        Assert.Equal(CaseStatus.Resolved, resolved!.Status);
        Assert.Equal(AgreementType.Written, resolved.Outcome!.AgreementType);

        // a step the status does not allow: a typed 409 naming the status and what is allowed
        var conflict = await Assert.ThrowsAsync<ActionConflictProblem>(() => mediator.Api.Cases[id].Withdraw.PostAsync(new ReasonCommand { Reason = "撤回" }));
        Assert.Equal(409, conflict.ResponseStatusCode);
        Assert.Equal("resolved", conflict.CurrentStatus);
        Assert.Contains("follow-ups", conflict.AllowedActions!);

        // a case that does not exist: a typed 404
        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => mediator.Api.Cases[Guid.NewGuid()].StartMediation.PostAsync(new StepCommand()));
        Assert.Equal(404, missing.ResponseStatusCode);

        // the police station's system hands a dispute in and follows it
        using var tokenClient = platform.Client(platform.Gateway);
        var tokenResponse = await tokenClient.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = town.PoliceClientId, ["client_secret"] = town.PoliceClientSecret,
        }));
        var policeToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var police = Client(policeToken, out var policeHttp);
        using var __ = policeHttp;
        var externalRef = "JK" + Guid.NewGuid().ToString("N")[..10];
        IntakeRecord? record = null;
        var handedIn = await Eventually.TrueAsync(async () =>
        {
            try
            {
                record = await police.Api.Intake.PostAsync(new IntakeRequest
                {
                    ExternalRef = externalRef, RegionCode = town.Village, Category = DisputeCategory.Neighbourhood, Title = "接警移交的邻里纠纷",
                    Parties = [new PartyInput { Role = PartyRole.Applicant, Kind = PartyKind.Person, Name = "刘某" }],
                });
                return true;
            }
            catch (ProblemDetails p) when (p.ResponseStatusCode == 403) { return false; } // the directory's organisation is on its way
        }, TimeSpan.FromSeconds(15), 200);
        Assert.True(handedIn && record is not null, "the police system could not hand the dispute in");
        Assert.Equal((Agency.Police, IntakeStatus.Received, externalRef), (record!.Agency!.Value, record.Status!.Value, record.ExternalRef));
        var again = await police.Api.Intake[record.Id!.Value].GetAsync();
        Assert.Equal(record.Case!.Id, again!.Case!.Id);
        var refused = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => police.Api.Intake.PostAsync(new IntakeRequest
        {
            ExternalRef = externalRef + "-x", RegionCode = "nowhere", Category = DisputeCategory.Neighbourhood, Title = "x",
            Parties = [new PartyInput { Role = PartyRole.Applicant, Name = "某" }],
        }));
        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.True(refused.Errors?.AdditionalData.ContainsKey("regionCode"), "the 400 names regionCode");
    }
}
