using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MediationPlatform.Messaging;

/// <summary>
/// Outbox row ids: version-7 UUIDs (RFC 9562) that grow strictly within the process — the 12 bits after the version
/// count within a millisecond (method 1 of RFC 9562 §6.2). <c>Guid.CreateVersion7</c> fills them at random, and EF Core
/// inserts the rows of one <c>SaveChanges</c> in key order, so two events of one unit of work (a ledger row's registration
/// and resolution, a link and a not-accept) could get their <c>sequence</c> — the event log's order — the wrong way round.
/// </summary>
public static class OutboxIds
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    public static Guid Next(DateTimeOffset now)
    {
        long ms;
        int counter;
        lock (Gate)
        {
            ms = now.ToUnixTimeMilliseconds();
            if (ms > _lastMs)
            {
                _lastMs = ms;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                _lastMs++; // 4,096 ids in one millisecond: borrow the next one
                _counter = 0;
            }
            ms = _lastMs;
            counter = _counter;
        }
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, ms);
        time[2..].CopyTo(bytes); // 48-bit big-endian milliseconds
        bytes[6] = (byte)(0x70 | ((counter >> 8) & 0x0F));
        bytes[7] = (byte)(counter & 0xFF);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
