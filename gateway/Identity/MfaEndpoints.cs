using System.ComponentModel.DataAnnotations;
using MediationPlatform.Gateway.Accounts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Identity;

/// <summary>The enrolment answer: the secret for an authenticator app, its otpauth URI, and ten recovery codes shown once.</summary>
public sealed record MfaEnrolment(string Secret, string OtpauthUri, IReadOnlyList<string> RecoveryCodes);

/// <summary>A code from the authenticator app (6 digits).</summary>
public sealed record MfaConfirmRequest([property: MaxLength(10)] string? Code); // 6 digits; spaces around them are trimmed

/// <summary>
/// The second factor (api.md "Accounts and audit"): <c>POST /api/account/mfa</c> hands out a TOTP secret,
/// <c>POST /api/account/mfa/confirm</c> turns it on with a code, <c>DELETE /api/users/{id}/mfa</c> (admin) resets it.
/// </summary>
public static class MfaEndpoints
{
    public static void MapMfaEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account/mfa").WithTags("Identity (身份)").RequireAuthorization();
        account.MapPost("/", Enrol).WithName("EnrolMfa")
            .WithSummary("Enrol a second factor: a TOTP secret (RFC 6238, 6 digits, 30 s) and recovery codes")
            .WithDescription("For a signed-in person (not a system client). Answers `{ secret (base32), otpauthUri, recoveryCodes }` — the codes are shown only now. " +
                "Nothing changes at sign-in until `POST /api/account/mfa/confirm` with a code; enrolling again before that replaces the secret. " +
                "409 when a second factor is already on (an admin resets it).")
            .Produces<MfaEnrolment>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        account.MapPost("/confirm", Confirm).WithName("ConfirmMfa")
            .WithSummary("Turn the second factor on with a code from the authenticator app → 204")
            .WithDescription("From then on the password grant needs the form field `otp` (the current code, or a recovery code once). 400 naming `code` when it does not match; 409 when nothing is being enrolled.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapDelete("/api/users/{id:guid}/mfa", Reset).WithTags("Identity (身份)").RequireAuthorization(Policies.Admin).WithName("ResetUserMfa")
            .WithSummary("Reset a user's second factor (admin) → 204")
            .WithDescription("Removes the secret and the recovery codes and revokes the user's tokens; the user enrols again. 404 for an unknown user.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<MfaEnrolment>, ProblemHttpResult>> Enrol(CurrentUser me, GatewayDbContext db, SecondFactor factor, AuditRecorder audit, TimeProvider clock,
        CancellationToken ct)
    {
        var user = Guid.TryParse(me.Id, out var id) ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is null)
            return TypedResults.Problem(statusCode: 403, title: "Not a person", detail: "Only people who sign in with a password enrol a second factor; system clients use their secret.");
        if (user.MfaSecret is not null)
            return TypedResults.Problem(statusCode: 409, title: "Already enrolled", detail: "A second factor is on for this account; an admin can reset it (DELETE /api/users/{id}/mfa).");
        var secret = SecondFactor.NewSecret();
        var codes = SecondFactor.NewRecoveryCodes();
        user.MfaPendingSecret = factor.Seal(secret, user.Id);
        user.RecoveryCodeHashes = codes.Select(SecondFactor.HashOf).ToList();
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "mfa_enrolment_started", user.Id.ToString(), null, ct);
        return TypedResults.Ok(new MfaEnrolment(secret, SecondFactor.UriOf(secret, user.UserName), codes));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Confirm(MfaConfirmRequest request, CurrentUser me, GatewayDbContext db, SecondFactor factor,
        TokenRevocation revocation, TimeProvider clock, AuditRecorder audit, CancellationToken ct)
    {
        var user = Guid.TryParse(me.Id, out var id) ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is null) return TypedResults.Problem(statusCode: 403, title: "Not a person", detail: "Only people enrol a second factor.");
        if (user.MfaPendingSecret is null)
            return TypedResults.Problem(statusCode: 409, title: "Nothing to confirm", detail: "Enrol first (POST /api/account/mfa).");
        var now = clock.GetUtcNow();
        var step = SecondFactor.StepOf(factor.Open(user.MfaPendingSecret, user.Id), request.Code?.Trim(), now.UtcDateTime);
        if (step is null) return new Validation().Add("code", "The code does not match the secret: a 6-digit code from the authenticator app, within 30 s.").Problem();
        user.MfaSecret = user.MfaPendingSecret;
        user.MfaPendingSecret = null;
        user.MfaEnabledAt = now;
        user.MfaLastStep = step.Value;
        user.SecurityStamp = Guid.NewGuid(); // tokens issued without the factor stop working: sign in again with it
        user.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "mfa_enabled", user.Id.ToString(), null, ct);
        revocation.Changed(user);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> Reset(Guid id, GatewayDbContext db, TokenRevocation revocation, ILogger<MfaEnrolment> logger, CurrentUser me,
        AuditRecorder audit, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return TypedResults.NotFound();
        user.MfaSecret = null;
        user.MfaPendingSecret = null;
        user.MfaEnabledAt = null;
        user.RecoveryCodeHashes = [];
        user.SecurityStamp = Guid.NewGuid();
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "mfa_reset", user.Id.ToString(), null, ct);
        revocation.Changed(user);
        logger.LogWarning("Second factor of account {UserId} reset by {AdminId}", user.Id, me.Id);
        return TypedResults.NoContent();
    }
}
