using System.ComponentModel.DataAnnotations;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Sessions;

[RequestExample("""
    {"held":true,"attendeeCount":4,"summary":"双方陈述意见，初步同意由李某疏通排水沟"}
    """)]
public sealed record RecordSessionRequest(
    bool? Held, [property: Range(0, 1000)] int? AttendeeCount, [property: MaxLength(4000)] string? Summary, DateTimeOffset? OccurredAt);
