namespace MediationPlatform.TestKit;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, int pollMs = 50)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(pollMs);
        }
        return await condition();
    }
}
