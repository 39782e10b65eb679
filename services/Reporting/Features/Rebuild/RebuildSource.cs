using System.Net.Http.Headers;
using System.Text.Json;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Reporting.Features.Rebuild;

/// <summary>An event log to replay: a service (named as in <see cref="ProjectionCatalog"/>) and where it serves /api/event-log.</summary>
public sealed class RebuildSource
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
}
