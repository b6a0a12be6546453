using System.Text;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Host.Tests.Slack;

/// <summary>The real host (Program.BuildAsync) on 127.0.0.1 with Slack configured against a <see cref="FakeSlackServer"/>, plus the probe plugin.</summary>
internal sealed class SlackHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";

    private SlackHost(WebApplication app, HttpClient http, FakeSlackServer slack, TimeProvider clock)
    {
        App = app;
        Http = http;
        Slack = slack;
        Clock = clock;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public FakeSlackServer Slack { get; }

    public TimeProvider Clock { get; }

    public ProbeGate Gate => App.Services.GetRequiredService<ProbeGate>();

    public static async Task<SlackHost> StartAsync(IDictionary<string, string> settings, FakeTimeProvider? clock = null, Action<FakeSlackServer>? beforeStart = null)
    {
        var slack = await FakeSlackServer.StartAsync();
        beforeStart?.Invoke(slack);
        var folder = Directory.CreateTempSubdirectory("coalitionbot-slack-").FullName;
        var pluginsFile = Path.Combine(folder, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, """{ "plugins": [ { "name": "help" } ] }""");
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--CoalitionBot:PluginsFile", pluginsFile,
            "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bot.db")}",
            "--CoalitionBot:Slack:ApiBaseUrl", slack.ApiUrl.ToString(),
            "--CoalitionBot:Slack:HooksBaseUrl", slack.ResponseUrl(string.Empty).ToString(),
            "--Logging:LogLevel:Default", "Warning",
        };
        foreach (var (key, value) in settings)
        {
            args.Add("--" + key);
            args.Add(value);
        }

        var app = await Program.BuildAsync([.. args], builder =>
        {
            var loaded = CoreServices.LoadPlugins(builder.Configuration, folder, BuiltInPlugins.Catalog).ToList();
            loaded.Add(new LoadedPlugin(new ProbePlugin(), null, null));
            builder.Services.AddPlugins(loaded);
            if (clock is not null)
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new SlackHost(app, http, slack, clock ?? TimeProvider.System);
    }

    /// <summary>Posts a body signed as Slack would sign it now (or at <paramref name="signedAt"/>).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType = "application/x-www-form-urlencoded", DateTimeOffset? signedAt = null, string? secret = null, IDictionary<string, string>? headers = null)
    {
        var request = SignedRequest(path, body, contentType, signedAt ?? Clock.GetUtcNow(), secret ?? SigningSecret, Clock);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Http.SendAsync(request);
    }

    /// <summary>A request to a host's Slack endpoint, signed as Slack signs it at <paramref name="signedAt"/>.</summary>
    public static HttpRequestMessage SignedRequest(string path, string body, string contentType, DateTimeOffset signedAt, string secret, TimeProvider clock)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", new SlackSignature(secret, clock).Sign(timestamp, bytes));
        return request;
    }

    /// <summary>A slash command's form body, as Slack sends it.</summary>
    public string CommandForm(string command, string text, string responseId = "cmd", string user = "U1", string team = "T1") =>
        CommandForm(Slack.ResponseUrl(responseId), command, text, user, team);

    /// <summary>A slash command's form body, as Slack sends it, answering to <paramref name="responseUrl"/>.</summary>
    public static string CommandForm(Uri responseUrl, string command, string text, string user = "U1", string team = "T1") =>
        string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "legacy",
            ["team_id"] = team,
            ["team_domain"] = "coalition",
            ["channel_id"] = "C1",
            ["channel_name"] = "general",
            ["user_id"] = user,
            ["user_name"] = "ana",
            ["command"] = command,
            ["text"] = text,
            ["response_url"] = responseUrl.ToString(),
            // Slack gives every invocation its own trigger id, and the bot drops a repeated one as a redelivery.
            ["trigger_id"] = $"1.2.{Guid.NewGuid():N}",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
