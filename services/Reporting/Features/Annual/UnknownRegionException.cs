using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Annual;

public sealed class UnknownRegionException(string code) : Exception($"Region '{code}' is not known to the reporting service.");
