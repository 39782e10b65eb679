using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Register;
using MediationPlatform.Cases.PersonalData;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Cases.Features.Lifecycle;

/// <summary>
/// PATCH body: every field is optional; an absent (or null) field stays as it is. <c>parties</c> replaces the whole list.
/// </summary>
public sealed record UpdateCaseRequest(
    string? Title, string? Description, DisputeCategory? Category, RiskLevel? RiskLevel, List<PartyRequest>? Parties);

/// <summary>
/// <c>PATCH /api/cases/{id}</c>: corrections of title, description, category, risk level and parties, through
/// <see cref="CaseCommand"/> (idempotency, 404/403, If-Match 412, validation). Publishes <c>CaseUpdated</c>
/// (change <c>edited</c>, with the new category and risk level — no personal data); the timeline entry names the
/// changed fields, never their personal values.
/// </summary>
public static class UpdateCase
{
    public static void MapUpdateCase(this RouteGroupBuilder g) =>
        g.MapPatch("/{id:guid}", Update)
            .WithSummary("Correct a case: title, description, category, riskLevel, parties (更正案件信息)")
            .WithDescription("Send only the fields to change; `parties` replaces the whole list (ID numbers and phones are " +
                "encrypted and hashed as at registration). Allowed in every status; it is a correction, not a step, so it does not " +
                "move the date later back-dated steps are checked against. Send `If-Match` with the ETag you read to get 412 instead " +
                "of overwriting a newer change; `Idempotency-Key` makes a retry safe. A PATCH that changes nothing answers 200 " +
                "with the case unchanged (same version).");

    private static Task<IResult> Update(Guid id, UpdateCaseRequest? r, HttpContext http, CasesDbContext db, CurrentUser user,
        PersonalDataProtector protector, CancellationToken ct) =>
        CaseCommand.RunAsync(http, db, user, id, CaseAction.Update, null, r, (c, at, now, v) =>
        {
            if (r is null || (r.Title, r.Description, r.Category, r.RiskLevel, r.Parties) == (null, null, null, null, null))
            {
                v.Add("body", "Send at least one of title, description, category, riskLevel, parties.");
                return null;
            }
            if (r.Title is not null) v.Require("title", r.Title, 200);
            v.MaxLength("description", r.Description, 4000);
            RegisterCase.ValidateParties(r.Parties, v);
            if (!v.IsValid) return null;

            var changed = new List<string>();
            object? categoryChange = null, riskChange = null;
            if (r.Title is not null && r.Title.Trim() != c.Title) { c.Title = r.Title.Trim(); changed.Add("title"); }
            if (r.Description is not null && r.Description.Trim() != c.Description) { c.Description = r.Description.Trim(); changed.Add("description"); }
            if (r.Category is { } category && category != c.Category)
            {
                categoryChange = new { from = c.Category, to = category };
                c.Category = category;
                changed.Add("category");
            }
            if (r.RiskLevel is { } risk && risk != c.RiskLevel)
            {
                riskChange = new { from = c.RiskLevel, to = risk };
                c.RiskLevel = risk;
                changed.Add("riskLevel");
            }
            int? partiesBefore = null;
            if (r.Parties is not null && !SameParties(c.Parties, r.Parties, protector))
            {
                partiesBefore = c.Parties.Count;
                db.Parties.RemoveRange(c.Parties);
                c.Parties.Clear();
                foreach (var p in r.Parties)
                {
                    var party = RegisterCase.NewParty(p, c.Id, protector);
                    db.Parties.Add(party); // Added state explicitly (a client-set key); fix-up puts it into c.Parties
                    if (!c.Parties.Contains(party)) c.Parties.Add(party);
                }
                changed.Add("parties");
            }
            if (changed.Count == 0) return ActionEffect.Unchanged;
            var details = new
            {
                changed,
                category = categoryChange,
                riskLevel = riskChange,
                parties = partiesBefore is null ? null : new { before = partiesBefore, after = c.Parties.Count },
            };
            return new ActionEffect("edited", details,
                (ver, o, n) => new CaseUpdated(c.Id, ver, o, n, "edited", c.Status, c.Category, c.RiskLevel, c.AssignedMediatorId))
            {
                IsStep = false,
            };
        }, ct);

    /// <summary>Whether the requested parties equal the stored ones (same order of roles, names, addresses, ID hashes, phones).</summary>
    private static bool SameParties(List<Party> stored, List<PartyRequest> requested, PersonalDataProtector protector)
    {
        if (stored.Count != requested.Count) return false;
        var a = stored.OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var b = requested.OrderBy(p => p.Role).ThenBy(p => p.Name!.Trim(), StringComparer.Ordinal).ToList();
        for (var i = 0; i < a.Count; i++)
        {
            var (s, q) = (a[i], b[i]);
            if (s.Role != q.Role || s.Kind != (q.Kind ?? PartyKind.Person) || s.Name != q.Name!.Trim() || s.Address != q.Address?.Trim()) return false;
            var idHash = q.IdNumber is { Length: > 0 } id ? protector.HashIdNumber(id) : null;
            if (s.IdNumberHash != idHash) return false;
            var phone = s.PhoneEncrypted is null ? null : protector.Decrypt(s.PhoneEncrypted);
            if (phone != (q.Phone is { Length: > 0 } ph ? ph.Trim() : null)) return false;
        }
        return true;
    }
}
