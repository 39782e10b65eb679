using System.Globalization;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>One figure of a published export: its path in the figures object, a Chinese label, and the shown value.</summary>
public sealed record ExportRow(string Metric, string Label, object Value);
