namespace MediationPlatform.Gateway.Data;

/// <summary>A person who signs in with the password grant. The hash is ASP.NET Core Identity's (PBKDF2).</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public List<string> RegionCodes { get; set; } = [];
    public Guid? OrganizationId { get; set; }
    public Guid? MediatorId { get; set; }
    public bool Disabled { get; set; }

    /// <summary>Wrong passwords in a row since the last sign-in or lockout.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Until when sign-in is refused after too many wrong passwords (null: not locked).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// Changes whenever what a token says about the user stops being true (roles, regions, links, password, disabled):
    /// tokens carry it as the <c>stamp</c> claim, and the gateway refuses a token whose stamp is not the current one.
    /// </summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();

    /// <summary>The confirmed TOTP secret, sealed (<c>SecondFactor</c>); null: no second factor.</summary>
    public string? MfaSecret { get; set; }

    /// <summary>A secret handed out by enrolment and not yet confirmed with a code.</summary>
    public string? MfaPendingSecret { get; set; }

    public DateTimeOffset? MfaEnabledAt { get; set; }

    /// <summary>The time step of the last code accepted: a code is used once.</summary>
    public long MfaLastStep { get; set; }

    /// <summary>SHA-256 of the unused recovery codes.</summary>
    public List<string> RecoveryCodeHashes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
