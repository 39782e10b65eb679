using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using MediationPlatform.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediationPlatform.TestKit;

/// <summary>Every <see cref="RequestExampleAttribute"/> of a service: read with the service's own JSON rules and limits.</summary>
public static class RequestExamples
{
    /// <summary>What is wrong with the examples of <paramref name="assembly"/>'s request types (empty: all readable), and how many there are.</summary>
    public static (List<string> Problems, int Count) Check(IServiceProvider services, Assembly assembly)
    {
        var options = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var problems = new List<string>();
        var count = 0;
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<RequestExampleAttribute>() is not { } example) continue;
            count++;
            try
            {
                var value = JsonSerializer.Deserialize(example.Json, type, options);
                var results = new List<ValidationResult>();
                if (value is null) problems.Add($"{type.Name}: null");
                else if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
                    problems.Add($"{type.Name}: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
            }
            catch (JsonException e)
            {
                problems.Add($"{type.Name}: {e.Message}");
            }
        }
        return (problems, count);
    }
}
