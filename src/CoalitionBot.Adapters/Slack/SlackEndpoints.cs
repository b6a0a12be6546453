using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Slack's HTTP request URLs: <c>/slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>; every request's signature is checked over the raw body first.</summary>
public static partial class SlackEndpoints
{
    /// <summary>Maps the endpoints when Slack is configured and runs in HTTP mode; does nothing otherwise.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // AddSlack registers SlackStatus; without it Slack is not configured and nothing is mapped.
        if (endpoints.ServiceProvider.GetService<SlackStatus>() is null
            || endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.EffectiveMode != SlackMode.Http)
        {
            return endpoints;
        }

        endpoints.MapPost("/slack/commands", CommandsAsync);
        endpoints.MapPost("/slack/interactions", InteractionsAsync);
        endpoints.MapPost("/slack/events", EventsAsync);
        return endpoints;
    }

    private static async Task CommandsAsync(HttpContext http, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var body = await verifier.ReadAsync(http, allowSslCheck: true);
        if (body is null)
        {
            return;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        // Slack's SSL check carries no signature and asks for nothing but a 200.
        if (Field(form, "ssl_check") == "1")
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (!verifier.Verify(http, body))
        {
            return;
        }

        var command = SlashCommand.Read(name => Field(form, name), out var error);
        if (command is null)
        {
            await BadRequestAsync(http, error!);
            return;
        }

        var answer = await dispatcher.CommandAsync(command, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (answer is not null)
        {
            await JsonAnswer.WriteAsync(http.Response, answer.WriteTo, "application/json; charset=utf-8", http.RequestAborted);
        }
    }

    private static async Task InteractionsAsync(HttpContext http, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var body = await verifier.ReadAsync(http);
        if (body is null || !verifier.Verify(http, body))
        {
            return;
        }

        var payload = Field(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)), "payload");
        using var document = JsonInput.TryParse(payload, out var error);
        if (document is null)
        {
            await BadRequestAsync(http, "payload: " + error);
            return;
        }

        var json = document.RootElement.Clone();
        if (json.ValueKind != JsonValueKind.Object)
        {
            await BadRequestAsync(http, "payload is not a JSON object");
            return;
        }

        if (SlackJson.String(json, "type") == "block_actions")
        {
            var action = BlockAction.FromJson(json, out var actionError);
            if (action is null)
            {
                await BadRequestAsync(http, actionError!);
                return;
            }

            dispatcher.Press(action);
        }

        // Other interactions (shortcuts, modals) are not used by any plugin yet: acknowledge them so Slack shows no error.
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task EventsAsync(HttpContext http, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var body = await verifier.ReadAsync(http);
        if (body is null || !verifier.Verify(http, body))
        {
            return;
        }

        if (JsonInput.TryParseElement(body, out var error) is not { } json)
        {
            await BadRequestAsync(http, error!);
            return;
        }

        switch (SlackJson.String(json, "type"))
        {
            case "url_verification":
                await http.Response.WriteAsJsonAsync(new { challenge = SlackJson.String(json, "challenge") ?? string.Empty }, http.RequestAborted);
                return;
            case "event_callback":
                if (http.Request.Headers.TryGetValue("X-Slack-Retry-Num", out var retry))
                {
                    // A retry of an event this or another instance may have handled already: the event id decides.
                    Log.Retry(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints)), retry.ToString(), http.Request.Headers["X-Slack-Retry-Reason"].ToString());
                }

                await dispatcher.EventAsync(json);
                http.Response.StatusCode = StatusCodes.Status200OK;
                return;
            case null:
                await BadRequestAsync(http, "type is missing");
                return;
            default:
                http.Response.StatusCode = StatusCodes.Status200OK;
                return;
        }
    }

    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static Task BadRequestAsync(HttpContext http, string reason)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsync("Bad request: " + reason, http.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Slack retried an event (attempt {Attempt}, reason {Reason})")]
        public static partial void Retry(ILogger logger, string attempt, string reason);
    }
}

/// <summary>Reads a Slack request's raw body within the size limit and checks its signature; answers 413 or 401 itself when it fails.</summary>
public sealed partial class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestVerifier> logger)
{
    private readonly SlackSignature _signature = new(options.Value.SigningSecret ?? "unset", clock);
    private readonly int _maxBytes = options.Value.MaxBodyBytes;

    /// <summary>
    /// The raw body of a request whose signature headers are present and fresh, or null after answering: 401 before reading
    /// anything when they are missing or stale, 413 when the body is over the limit. An unsigned request may only be
    /// Slack's SSL check (<paramref name="allowSslCheck"/>), which is tiny: its body is read up to 1 KiB.
    /// </summary>
    public async Task<byte[]?> ReadAsync(HttpContext http, bool allowSslCheck = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!_signature.HasFreshHeaders(Timestamp(http), SignatureHeader(http)))
        {
            if (allowSslCheck)
            {
                return await RequestBody.ReadAsync(http, MaxUnsignedBytes);
            }

            Reject(http);
            return null;
        }

        return await RequestBody.ReadAsync(http, _maxBytes);
    }

    /// <summary>True when the request is signed by Slack; otherwise answers 401 and nothing runs.</summary>
    public bool Verify(HttpContext http, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ok = _signature.IsValid(Timestamp(http), SignatureHeader(http), body);
        if (!ok)
        {
            Reject(http);
        }

        return ok;
    }

    private const int MaxUnsignedBytes = 1024;

    private static string Timestamp(HttpContext http) => http.Request.Headers["X-Slack-Request-Timestamp"].ToString();

    private static string SignatureHeader(HttpContext http) => http.Request.Headers["X-Slack-Signature"].ToString();

    private void Reject(HttpContext http)
    {
        Log.Rejected(logger, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Rejected a request to {Path}: missing, stale or wrong Slack signature")]
        public static partial void Rejected(ILogger logger, PathString path);
    }
}
