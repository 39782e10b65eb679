namespace MediationPlatform.TestKit;

/// <summary>
/// The secrets every service under test gets (the Testing environment reads no appsettings.Development.json): fixed
/// test values, none of them a committed development default, so that nothing silently relies on those.
/// </summary>
public static class TestSecrets
{
    public const string PiiKeyId = "t1";
    public static readonly string PiiKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
    public const string HashKeyId = "h1";
    public static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());
    public static readonly string IdempotencyKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 13)).ToArray());
    public static readonly string WebhookKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 17)).ToArray());

    /// <summary>As configuration keys (<c>Section:Key</c>).</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PersonalData:CurrentKeyId"] = PiiKeyId,
        [$"PersonalData:EncryptionKeys:{PiiKeyId}"] = PiiKey,
        ["PersonalData:CurrentHashKeyId"] = HashKeyId,
        [$"PersonalData:HashKeys:{HashKeyId}"] = HashKey,
        ["Idempotency:HashKey"] = IdempotencyKey,
        ["Webhooks:SecretKey"] = WebhookKey,
    };

    /// <summary>As environment variables (<c>Section__Key</c>), for the real processes the tests start.</summary>
    public static IEnumerable<(string Key, string Value)> Environment() => Settings.Select(kv => (kv.Key.Replace(":", "__"), kv.Value));
}
