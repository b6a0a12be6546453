using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CoalitionBot.Adapters.Tests;

/// <summary>
/// Checks payloads against the platforms' own API descriptions in <c>../shared/specs/</c> (Discord's OpenAPI 3.1, Slack's
/// Swagger 2.0 Web API), so a golden payload is not only what we meant to send but also something the platform accepts.
/// </summary>
internal static class PlatformSpecs
{
    private static readonly Lazy<JsonObject> Discord = new(() => Load("discord-openapi.json"));
    private static readonly Lazy<JsonObject> Slack = new(() => Load("slack-web-openapi-v2.json"));
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>What is wrong with a JSON body for a Discord route (<c>"/channels/{channel_id}/messages"</c>, <c>"post"</c>); empty when the spec accepts it.</summary>
    public static IReadOnlyList<string> DiscordRequestErrors(string path, string method, JsonNode body)
    {
        var schema = Schemas.GetOrAdd($"discord {method} {path}", _ =>
        {
            var operation = Discord.Value["paths"]?[path]?[method]
                ?? throw new ArgumentException($"Discord's spec has no {method} {path}.", nameof(path));
            var request = operation["requestBody"]!["content"]!["application/json"]!["schema"]!;
            return Compile(request, Discord.Value["components"]!["schemas"]!.AsObject(), "#/components/schemas/");
        });
        return Errors(schema, body);
    }

    /// <summary>
    /// What is wrong with the arguments of a Slack Web API method (<c>"chat.postMessage"</c>) sent as JSON: every argument must be one
    /// the method takes, of its type, and <c>blocks</c> must be Block Kit blocks as the spec defines them; empty when the spec accepts it.
    /// </summary>
    public static IReadOnlyList<string> SlackArgumentErrors(string method, JsonObject arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parameters = (Slack.Value["paths"]?["/" + method]?["post"]?["parameters"]?.AsArray()
                ?? throw new ArgumentException($"Slack's spec has no method {method}.", nameof(method)))
            .Select(p => p!.AsObject())
            .Where(p => p["in"]?.GetValue<string>() is "formData" or "query")
            .ToDictionary(p => p["name"]!.GetValue<string>(), StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (name, value) in arguments)
        {
            if (!parameters.TryGetValue(name, out var parameter))
            {
                errors.Add($"{method} takes no argument \"{name}\"");
                continue;
            }

            var type = parameter["type"]?.GetValue<string>();
            if (name == "blocks")
            {
                var blocks = Schemas.GetOrAdd("slack blocks", _ => Compile(new JsonObject { ["$ref"] = "#/definitions/blocks" }, Slack.Value["definitions"]!.AsObject(), "#/definitions/"));
                errors.AddRange(Errors(blocks, value ?? JsonValue.Create((string?)null)!).Select(e => $"blocks{e}"));
            }
            else if (!Fits(value, type))
            {
                errors.Add($"{method} argument \"{name}\" should be a {type}, not {value?.ToJsonString() ?? "null"}");
            }
        }

        errors.AddRange(parameters.Values.Where(p => p["required"]?.GetValue<bool>() == true && !arguments.ContainsKey(p["name"]!.GetValue<string>()) && p["name"]!.GetValue<string>() != "token")
            .Select(p => $"{method} needs the argument \"{p["name"]}\""));
        return errors;
    }

    private static bool Fits(JsonNode? value, string? type) => type switch
    {
        "string" => value is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
        "integer" or "number" => value is JsonValue v && v.TryGetValue<double>(out _),
        _ => true,
    };

    /// <summary>One JSON Schema (2020-12) from a spec's schema object and all the definitions it may refer to.</summary>
    private static JsonSchema Compile(JsonNode root, JsonObject definitions, string refPrefix)
    {
        var document = root.DeepClone().AsObject();
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        document["$defs"] = definitions.DeepClone();
        return JsonSchema.FromText(document.ToJsonString().Replace($"\"{refPrefix}", "\"#/$defs/", StringComparison.Ordinal));
    }

    private static List<string> Errors(JsonSchema schema, JsonNode instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : results.Details.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct().ToList();
    }

    private static JsonObject Load(string name)
    {
        // The specs live in shared/, beside the repository's folder (see shared/specs/README.md).
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CoalitionBot.sln")))
        {
            folder = folder.Parent;
        }

        var file = folder is null ? null : Path.Combine(folder.FullName, "..", "shared", "specs", name);
        return file is not null && File.Exists(file)
            ? JsonNode.Parse(File.ReadAllText(file))!.AsObject()
            : throw new FileNotFoundException($"The platform spec {name} is expected in shared/specs/ beside the repository.", name);
    }
}
