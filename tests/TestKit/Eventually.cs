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

    /// <summary>
    /// Reads until <paramref name="done"/> holds for the value or the timeout passes, and returns the last value read — so
    /// the test asserts on it and says what it saw instead of "Expected True".
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, int pollMs = 50)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(pollMs);
            value = await read();
        }
        return value;
    }
}
