using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>One prevention as sent with <c>resolve</c>: <c>kind</c> criminal_case, group_petition, group_fight or suicide; <c>persons</c> ≥ 1.</summary>
public sealed record PreventionInput(PreventedKind? Kind, [property: Range(1, 100_000)] int? Persons);
