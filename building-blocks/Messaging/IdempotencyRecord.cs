namespace MediationPlatform.Messaging;

/// <summary>
/// The first answer to a POST carrying an <c>Idempotency-Key</c>, written in the same transaction as the change it
/// answers, so a retried request gets that answer back instead of making a second change.
/// </summary>
public sealed class IdempotencyRecord
{
    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
