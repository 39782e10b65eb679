using System.Text.RegularExpressions;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Regions;

public sealed record RegionResponse(string Code, string Name, RegionKind Kind, string? ParentCode, string? TownCode, string? DistrictCode, string ShortName)
{
    public static RegionResponse From(Region r) => new(r.Code, r.Name, r.Kind, r.ParentCode, r.TownCode, r.DistrictCode, r.ShortNameOrDefault);
}
