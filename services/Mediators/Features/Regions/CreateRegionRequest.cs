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

/// <summary><c>shortName</c>: the abbreviation in file numbers (文号, e.g. 木 in （2021）木人调字第17号); default the name's first character.</summary>
public sealed record CreateRegionRequest(string? Code, string? Name, RegionKind? Kind, string? ParentCode, string? ShortName = null);
