using MediationPlatform.Contracts;
using MediationPlatform.TestKit;

namespace MediationPlatform.Cases.Tests;

[Collection(CasesCollection.Name)]
public sealed class OpenApiContractTests(CasesFixture fixture)
{
    [Fact]
    public async Task The_served_OpenAPI_document_is_the_committed_one()
    {
        using var client = fixture.Factory.CreateClient();
        await OpenApiContract.AssertCommittedAsync(client, "cases");
    }

    [Fact]
    public async Task Every_operation_that_takes_an_Idempotency_Key_or_If_Match_declares_it_as_a_header_with_its_limit()
    {
        using var client = fixture.Factory.CreateClient();
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var missing = new List<string>();
        var declared = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject().Where(m => m.Key is "post" or "patch" or "put"))
            {
                var text = op?["description"]?.GetValue<string>() ?? "";
                var headers = op?["parameters"]?.AsArray().Where(p => p?["in"]?.GetValue<string>() == "header")
                    .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]?["maxLength"]?.GetValue<int>()) ?? [];
                foreach (var (name, limit) in new[] { ("Idempotency-Key", 200), ("If-Match", 20) })
                {
                    if (!text.Contains($"`{name}`", StringComparison.Ordinal)) continue;
                    if (headers.TryGetValue(name, out var max) && max == limit) declared++;
                    else missing.Add($"{method.ToUpperInvariant()} {path}: {name}");
                }
            }
        Assert.True(missing.Count == 0, "operations that describe a header but do not declare it (maxLength):\n" + string.Join("\n", missing));
        Assert.True(declared >= 20, $"only {declared} header parameters declared");
    }

    [Fact]
    public async Task The_ETag_to_send_back_as_If_Match_is_declared_on_the_case_s_read_and_every_change()
    {
        using var client = fixture.Factory.CreateClient();
        var (missing, declared) = await OpenApiContract.ETagDeclarationsAsync(client, ["/api/cases/{id}"]);
        Assert.True(missing.Count == 0, "operations that send an ETag without declaring it:\n" + string.Join("\n", missing));
        Assert.True(declared >= 15, $"only {declared} operations declare the ETag"); // 19: the read and the case commands
    }

    [Fact]
    public async Task Every_request_limit_the_document_declares_is_the_one_the_service_enforces()
    {
        using var client = fixture.Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.All, ["yubei"]));
        var (failures, probes) = await ContractLimits.CheckAsync(client, "cases");
        Assert.True(probes >= 20, $"only {probes} probes: does the document declare its request limits?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void The_request_examples_of_the_document_are_read_by_the_service_as_they_are()
    {
        var (problems, count) = RequestExamples.Check(fixture.Factory.Services, typeof(MediationPlatform.Cases.CasesService).Assembly);
        Assert.True(count >= 5, $"only {count} request examples");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
