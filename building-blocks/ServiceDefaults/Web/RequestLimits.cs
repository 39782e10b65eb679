using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// The request limits of the contract, one source for the OpenAPI documents and the server (issue 19): the data
/// annotations on an endpoint's parameters and on the properties of its request types (<c>[MaxLength]</c>,
/// <c>[Range]</c>, <c>[RegularExpression]</c>, <c>[AllowedValues]</c>, <c>[Length]</c>) are what Swashbuckle writes into the
/// document (maxLength, minimum/maximum, maxItems, pattern, enum) and what this filter enforces on every request before
/// the endpoint runs — a 400 problem naming each field (<c>parties[0].name</c>, <c>pageSize</c>). The endpoints' own
/// rules (required fields, cross-field rules, the directory) still run after it. <c>ContractLimitTests</c> sends every
/// declared limit plus one to the running service.
/// </summary>
public static class RequestLimits
{
    private static readonly ConcurrentDictionary<Type, PropertyCheck[]> Types = new();

    private sealed record PropertyCheck(PropertyInfo Property, string Name, ValidationAttribute[] Attributes, bool Nested);

    /// <summary>Adds the filter to every endpoint of <paramref name="group"/> whose parameters or request types carry limits.</summary>
    public static TBuilder WithRequestLimits<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder =>
        group.AddEndpointFilterFactory(Factory);

    private static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters()
            .Select((p, i) => (Index: i, Name: ParameterName(p), Attributes: p.GetCustomAttributes<ValidationAttribute>(true).ToArray(),
                Nested: p.GetCustomAttribute<AsParametersAttribute>() is not null || HasChecks(p.ParameterType)))
            .Where(c => c.Attributes.Length > 0 || c.Nested)
            .ToArray();
        if (checks.Length == 0) return next;
        return async invocation =>
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (index, name, attributes, nested) in checks)
            {
                var value = invocation.Arguments[index];
                Check(value, name, attributes, errors);
                if (nested && value is not null) CheckNested(value, prefix: null, errors, depth: 0);
            }
            return errors.Count == 0 ? await next(invocation) : ValidationProblems.Problem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        };
    }

    /// <summary>An object's properties, or each element of a list (<c>name[i]</c>).</summary>
    private static void CheckNested(object value, string? prefix, Dictionary<string, List<string>> errors, int depth)
    {
        if (depth > 8) return;
        if (value is IEnumerable list and not string)
        {
            var i = 0;
            foreach (var element in list)
            {
                if (element is not null) CheckNested(element, $"{prefix}[{i}]", errors, depth + 1);
                i++;
            }
            return;
        }
        foreach (var check in Checks(value.GetType()))
        {
            var item = check.Property.GetValue(value);
            var name = prefix is null ? check.Name : $"{prefix}.{check.Name}";
            Check(item, name, check.Attributes, errors);
            if (item is not null && check.Nested) CheckNested(item, name, errors, depth + 1);
        }
    }

    private static void Check(object? value, string name, ValidationAttribute[] attributes, Dictionary<string, List<string>> errors)
    {
        foreach (var attribute in attributes)
        {
            // a missing value is the endpoint's rule (required or optional), not a limit
            if (value is null || attribute is RequiredAttribute || attribute.IsValid(value)) continue;
            if (!errors.TryGetValue(name, out var list)) errors[name] = list = [];
            list.Add(Message(attribute, name, value));
        }
    }

    private static string Message(ValidationAttribute attribute, string name, object value) => attribute switch
    {
        MaxLengthAttribute m => $"'{name}' must be at most {m.Length} {(value is string ? "characters" : "items")}.",
        LengthAttribute l => $"'{name}' must be {l.MinimumLength}–{l.MaximumLength} characters or items.",
        RangeAttribute r => $"'{name}' must be {r.Minimum}–{r.Maximum}.",
        RegularExpressionAttribute x => $"'{name}' does not have the expected form ({x.Pattern}).",
        AllowedValuesAttribute a => $"'{name}' must be one of: {string.Join(", ", a.Values)}.",
        _ => attribute.FormatErrorMessage(name),
    };

    /// <summary>Whether a value of this type (an object, or a list of them) has properties with limits.</summary>
    private static bool HasChecks(Type type)
    {
        var target = ElementType(type) ?? Nullable.GetUnderlyingType(type) ?? type;
        return IsRequestType(target) && Checks(target).Length > 0;
    }

    private static bool IsRequestType(Type t) =>
        !t.IsPrimitive && !t.IsEnum && t != typeof(string) && t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true
        && t.Namespace?.StartsWith("Microsoft", StringComparison.Ordinal) != true;

    private static PropertyCheck[] Checks(Type t)
    {
        if (Types.TryGetValue(t, out var known)) return known;
        if (!IsRequestType(t)) return Types[t] = [];
        Types[t] = []; // while it is worked out: a type that refers to itself
        var list = new List<PropertyCheck>();
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            var attributes = p.GetCustomAttributes<ValidationAttribute>(true).ToArray();
            var nested = HasChecks(p.PropertyType);
            if (attributes.Length > 0 || nested) list.Add(new PropertyCheck(p, JsonName(p), attributes, nested));
        }
        return Types[t] = [.. list];
    }

    private static Type? ElementType(Type t) =>
        t == typeof(string) ? null
        : t.IsArray ? t.GetElementType()
        : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0]
        : null;

    private static string JsonName(PropertyInfo p) =>
        p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? p.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private static string ParameterName(ParameterInfo p) =>
        p.GetCustomAttribute<FromQueryAttribute>()?.Name
        ?? p.GetCustomAttribute<FromRouteAttribute>()?.Name
        ?? p.GetCustomAttribute<FromHeaderAttribute>()?.Name
        ?? p.Name ?? "value";
}
