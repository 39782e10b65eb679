namespace MediationPlatform.Reporting.Features.Annual;

public sealed class UnknownRegionException(string code) : Exception($"Region '{code}' is not known to the reporting service.");
