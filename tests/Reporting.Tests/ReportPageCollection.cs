namespace MediationPlatform.Reporting.Tests;

/// <summary>The HTTP and the browser tests of the report page share one generated year (<see cref="ReportPageFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ReportPageCollection : ICollectionFixture<ReportPageFixture>
{
    public const string Name = "report page";
}
