using System.Net.Http.Headers;
using System.Text.Json;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Reporting.Features.Rebuild;

public sealed record RebuildStatus(string Status, long EventsApplied, long EventsRead, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Sources, string? Error);
