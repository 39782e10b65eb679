using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Annual;

public sealed record SnapshotListItem(Guid Id, int Year, string? RegionCode, string? RegionName, DateTimeOffset GeneratedAt, string Trigger);
