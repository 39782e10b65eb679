using System.ComponentModel.DataAnnotations;
using System.Reflection;
using MediationPlatform.Kernel;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// What the binder itself enforces, written into the document as the limit it amounts to (issue 19): a uuid is 36
/// characters (a route's <c>{id:guid}</c> answers 404, a query or body value 400 otherwise), a date-time at most 35
/// (<c>2026-12-06T10:30:00.1234567+08:00</c> is 33; longer does not parse: 400), a date 10; and the wire names of
/// <see cref="SnakeEnumOfAttribute"/> parameters as the enum they are, <see cref="EachMaxLengthAttribute"/> as the items' maxLength,
/// and a request type's <see cref="RequestExampleAttribute"/> as its example.
/// </summary>
public sealed class RequestLimitSchemas : ISchemaFilter, IParameterFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        Bound(schema);
        if (schema is OpenApiSchema typed && context.Type?.GetCustomAttribute<RequestExampleAttribute>() is { } example)
            typed.Examples = [System.Text.Json.Nodes.JsonNode.Parse(example.Json)!]; // written as `example` in an OpenAPI 3.0 document
        if (schema is not OpenApiSchema s) return;
        var member = (ICustomAttributeProvider?)context.MemberInfo ?? context.ParameterInfo;
        if (member is null) return;
        if (Attribute<EachMaxLengthAttribute>(member) is { } each && s.Items is OpenApiSchema items) items.MaxLength = each.Length;
        if (Attribute<EachRangeAttribute>(member) is { } range && s.Items is OpenApiSchema numbers)
        {
            numbers.Minimum = range.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            numbers.Maximum = range.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Attribute<AllowedValuesAttribute>(member) is { } allowed) s.Enum = Names(allowed.Values.Select(v => v?.ToString() ?? ""));
    }

    private static T? Attribute<T>(ICustomAttributeProvider member) where T : Attribute =>
        member.GetCustomAttributes(typeof(T), true).OfType<T>().FirstOrDefault();

    private static List<System.Text.Json.Nodes.JsonNode> Names(IEnumerable<string> names) =>
        [.. names.Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))];

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter.Schema is null) return;
        Bound(parameter.Schema);
        var member = (ICustomAttributeProvider?)context.ParameterInfo ?? context.PropertyInfo;
        if (member is null || parameter.Schema is not OpenApiSchema s) return;
        if (Attribute<SnakeEnumOfAttribute>(member) is { } snake) s.Enum = Names(snake.AllowEmpty ? snake.Names.Prepend("") : snake.Names);
        if (Attribute<AllowedValuesAttribute>(member) is { } allowed) s.Enum = Names(allowed.Values.Select(v => v?.ToString() ?? ""));
    }

    private static void Bound(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema s || s.Type is not { } type || !type.HasFlag(JsonSchemaType.String) || s.MaxLength is not null) return;
        s.MaxLength = s.Format switch
        {
            "uuid" => 36,
            "date-time" => 35,
            "date" => 10,
            _ => null,
        };
    }
}
