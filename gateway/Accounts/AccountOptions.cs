namespace MediationPlatform.Gateway.Accounts;

/// <summary>Configuration section <c>Accounts</c>: lockout after wrong passwords, and how fast a revocation reaches every gateway.</summary>
public sealed class AccountOptions
{
    /// <summary>Wrong passwords in a row that lock the account (ASP.NET Core Identity's default is 5).</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account refuses sign-in (Identity's default is 5 minutes; a case system's is longer).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each gateway re-reads the accounts' stamps: the longest a revoked token still works elsewhere.</summary>
    public TimeSpan RevocationRefresh { get; set; } = TimeSpan.FromSeconds(30);
}
