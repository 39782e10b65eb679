namespace MediationPlatform.ServiceDefaults.Auth;

public static class Policies
{
    public const string Admin = "admin";
}
