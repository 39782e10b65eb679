using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// The contract's enums on the wire, exactly (api.md, "Contract rules (wave 3)"): a value is read only when it is one of
/// the documented names, byte for byte — no case folding, no trimming, no numbers — and written as that name
/// (<see cref="SnakeEnum.Name{T}"/>: snake_case, or the contract's own spelling where an attribute gives one). Anything
/// else is a <see cref="JsonException"/>, which <see cref="BadRequestExceptionHandler"/> answers with a 400 naming the
/// field and the allowed values. Dictionary keys of an enum type follow the same names.
/// </summary>
public sealed class ExactEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert))!;

    private sealed class Exact<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(v => SnakeEnum.Name(v), v => v, StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected one of: {Allowed}.");
            return Parse(reader.GetString());
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(SnakeEnum.Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(SnakeEnum.Name(value));

        private static T Parse(string? text) =>
            text is not null && ByName.TryGetValue(text, out var value) ? value : throw new JsonException($"Expected one of: {Allowed}.");

        private static string Allowed => string.Join(", ", ByName.Keys);
    }
}
