using System.Text.Json.Nodes;

namespace CoalitionBot.Adapters.Discord;

/// <summary>The initial answer to an interaction, and the work to run once Discord has it (finishing a deferred answer, follow-ups).</summary>
public sealed record InteractionAnswer
{
    /// <param name="body">The interaction response object, or null for a malformed interaction (400).</param>
    /// <param name="error">Why the interaction was rejected.</param>
    /// <param name="continuation">Runs after the answer was delivered.</param>
    public InteractionAnswer(JsonObject? body, string? error = null, Func<CancellationToken, Task>? continuation = null)
    {
        Json = body is null ? null : JsonAnswer.Serialize(body);
        Error = error;
        Continuation = continuation;
    }

    /// <summary>The interaction response as sent, UTF-8 JSON; null for a malformed interaction (400).</summary>
    /// <remarks>Kept serialized: answers are held for duplicate deliveries, and one array costs the garbage collector far less than a JSON tree.</remarks>
    public byte[]? Json { get; }

    /// <summary>The interaction response as a JSON object (parsed from <see cref="Json"/> on each call).</summary>
    public JsonObject? Body => Json is null ? null : JsonNode.Parse(Json)!.AsObject();

    /// <summary>Why the interaction was rejected.</summary>
    public string? Error { get; }

    /// <summary>Runs after the answer was delivered.</summary>
    public Func<CancellationToken, Task>? Continuation { get; init; }

    public static InteractionAnswer Bad(string error) => new(null, error);
}
