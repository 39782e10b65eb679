using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Timeline;

public sealed record TimelineEntryResponse(int Version, string Action, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? Details);
