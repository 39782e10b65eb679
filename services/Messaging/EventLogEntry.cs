using System.Text.Json;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.Messaging;

/// <summary>One event of a service's log: its position (the outbox sequence), message id, type name and payload.</summary>
public sealed record EventLogEntry(long Position, Guid Id, string Type, Guid? AggregateId, DateTimeOffset CreatedAt, JsonElement Payload);
