using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Organizations;

public sealed class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public List<string> ServesRegionCodes { get; set; } = [];
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>The secret a rotation replaced (stored as <see cref="WebhookSecret"/> is), still signing beside the new one.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>Until when <see cref="PreviousWebhookSecret"/> signs too (<c>X-Signature-Previous</c>); null when none.</summary>
    public DateTimeOffset? PreviousWebhookSecretUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// False once the organisation is wound up or merged: referrals no longer route to it, its room takes no bookings, no
    /// mediator joins it, it hands no dispute in. What it already has stays its own (referrals, deliveries, history).
    /// </summary>
    public bool Active { get; set; } = true;

    /// <summary>Grows by one with every change (PATCH); the ETag and the concurrency token (<see cref="History.DirectoryRevision"/>).</summary>
    public int Revision { get; set; } = 1;

    /// <summary>
    /// Sets the webhook. When the secret changes on a webhook that had one, the replaced secret goes on signing beside the
    /// new one until <paramref name="now"/> + <paramref name="window"/>, so that the agency's system, which switches its
    /// secret at a moment of its own, verifies every delivery meanwhile (ADR 0007, rotation). A second rotation within the
    /// window keeps only the secret it replaced; a zero window ends the old secret at once, and so does
    /// <paramref name="revokePrevious"/> (a secret that leaked: nothing is signed with it any more, from now).
    /// </summary>
    public void SetWebhook(string url, string protectedSecret, bool secretChanged, DateTimeOffset now, TimeSpan window, bool revokePrevious = false)
    {
        if (revokePrevious) (PreviousWebhookSecret, PreviousWebhookSecretUntil) = (null, null);
        else if (secretChanged)
        {
            var keep = WebhookSecret is not null && window > TimeSpan.Zero;
            PreviousWebhookSecret = keep ? WebhookSecret : null;
            PreviousWebhookSecretUntil = keep ? now + window : null;
        }
        else if (PreviousWebhookSecretAt(now) is null) (PreviousWebhookSecret, PreviousWebhookSecretUntil) = (null, null); // its window has closed: forget it
        WebhookUrl = url;
        WebhookSecret = protectedSecret;
    }

    /// <summary>Removes the webhook, with any previous secret.</summary>
    public void RemoveWebhook()
    {
        WebhookUrl = null;
        WebhookSecret = null;
        PreviousWebhookSecret = null;
        PreviousWebhookSecretUntil = null;
    }

    /// <summary>The previous secret (as stored) while its window is open at <paramref name="at"/>; otherwise null.</summary>
    public string? PreviousWebhookSecretAt(DateTimeOffset at) => PreviousWebhookSecretUntil > at ? PreviousWebhookSecret : null;

    /// <summary>Whether the organisation serves a place (referral routing, rooms, supervision notices).</summary>
    public bool Serves(RegionPath place) => place.IsWithinAny(ServesRegionCodes);
}
