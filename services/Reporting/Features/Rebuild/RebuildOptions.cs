using System.Net.Http.Headers;
using System.Text.Json;
using MediationPlatform.Messaging;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Projections;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Reporting.Features.Rebuild;

public sealed class RebuildOptions
{
    public List<RebuildSource> Sources { get; set; } = [];
    /// <summary>Events per page and per transaction; 5,000 is the most the event log serves in one answer.</summary>
    public int PageSize { get; set; } = 5000;
}
