using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>A fake Legistar Web API on 127.0.0.1: <c>/{client}/bodies</c>, <c>/events</c> (with the OData <c>$filter</c> the bot sends),
/// <c>/events/{id}/eventitems</c>, <c>/matters</c>, <c>/matters/{id}</c> and <c>/matters/{id}/histories</c>, answering with rows shaped
/// exactly like the captured real answers in <c>Meetings/Legistar/</c>. An unknown client answers as the real API does (500 with its message).</summary>
internal sealed partial class LegistarServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _requests = [];
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<string, (int Status, string Body)?>? _override;
    private bool _slow;

    public LegistarServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/v1/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    /// <summary>The base address to configure as <c>legistarBaseUrl</c>.</summary>
    public string Url { get; }

    /// <summary>Every request's path and query, decoded, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public static JsonArray Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meetings", "Legistar", name)))!.AsArray();

    public static JsonObject FixtureObject(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meetings", "Legistar", name)))!.AsObject();

    /// <summary>Adds (or returns) a client; its bodies are NYC's captured list.</summary>
    public FakeClient Client(string name)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(name, out var client))
            {
                client = new FakeClient(name);
                foreach (var body in Fixture("nyc-bodies.json"))
                {
                    client.Bodies.Add(body!.DeepClone().AsObject());
                }

                _clients[name] = client;
            }

            return client;
        }
    }

    /// <summary>Answers requests whose path and query contain <paramref name="match"/> with this status and body, until <see cref="Heal"/>.</summary>
    public void Break(string match, int status, string body)
    {
        lock (_gate)
        {
            _override = path => path.Contains(match, StringComparison.Ordinal) ? (status, body) : null;
        }
    }

    /// <summary>Stops answering at all (until the server is disposed), like a hung server.</summary>
    public void HangUp()
    {
        lock (_gate)
        {
            _slow = true;
        }
    }

    public void Heal()
    {
        lock (_gate)
        {
            _override = null;
            _slow = false;
        }
    }

    public void Dispose()
    {
        _released.TrySetResult();
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var raw = context.Request.Url!.PathAndQuery;
        var path = Uri.UnescapeDataString(raw[(new Uri(Url).AbsolutePath.Length)..]);
        (int Status, string Body) answer;
        bool slow;
        lock (_gate)
        {
            _requests.Add(path);
            slow = _slow;
            answer = _override?.Invoke(path) ?? Route(path, context.Request.Headers["Accept"]);
        }

        try
        {
            if (slow)
            {
                await _released.Task;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (timeout) or the server is closing.
        }
    }

    private (int, string) Route(string path, string? accept)
    {
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var parts = (query.Length > 0 ? path[..path.IndexOf('?', StringComparison.Ordinal)] : path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !_clients.TryGetValue(parts[0], out var client))
        {
            return (500, $"{{\"Message\":\"LegistarConnectionString setting is not set up in InSite for client: {(parts.Length > 0 ? parts[0] : string.Empty)}\"}}");
        }

        if (accept?.Contains("application/json", StringComparison.Ordinal) != true)
        {
            return (200, "<ArrayOfGranicusBody xmlns=\"http://schemas.datacontract.org/2004/07/LegistarWebAPI.Models.v1\"/>");
        }

        if (client.Token is { } needed && !query.Split('&').Contains("token=" + needed))
        {
            return (403, "{\"Message\":\"Token is required.\"}");
        }

        var filter = Regex.Match(query, @"\$filter=([^&]*)").Groups[1].Value;
        return parts[1..] switch
        {
            ["bodies"] => (200, Serialize(client.Bodies)),
            ["events"] => (200, Serialize(client.Events.Where(e => Keep(e, filter)))),
            ["events", var id, "eventitems"] => (200, Serialize(client.Items.GetValueOrDefault(long.Parse(id, CultureInfo.InvariantCulture)) ?? [])),
            ["matters"] => (200, Serialize(client.Matters.Where(m => !MatterFile().IsMatch(filter) || (string?)m["MatterFile"] == MatterFile().Match(filter).Groups[1].Value))),
            ["matters", var id] when client.Matters.FirstOrDefault(m => (long)m["MatterId"]! == long.Parse(id, CultureInfo.InvariantCulture)) is { } matter => (200, matter.ToJsonString()),
            ["matters", var id, "histories"] => (200, Serialize(client.Histories.GetValueOrDefault(long.Parse(id, CultureInfo.InvariantCulture)) ?? [])),
            _ => (404, "{\"Message\":\"No HTTP resource was found that matches the request URI.\"}"),
        };
    }

    /// <summary>The subset of OData the bot sends: EventDate ge/lt, EventLastModifiedUtc gt, EventBodyId eq … or ….</summary>
    private static bool Keep(JsonObject evt, string filter)
    {
        var date = DateTime.Parse((string)evt["EventDate"]!, CultureInfo.InvariantCulture);
        var modified = DateTime.Parse((string)evt["EventLastModifiedUtc"]!, CultureInfo.InvariantCulture);
        foreach (Match clause in Clause().Matches(filter))
        {
            var at = DateTime.Parse(clause.Groups[3].Value, CultureInfo.InvariantCulture);
            var ok = (clause.Groups[1].Value, clause.Groups[2].Value) switch
            {
                ("EventDate", "ge") => date >= at,
                ("EventDate", "lt") => date < at,
                ("EventLastModifiedUtc", "gt") => modified > at,
                _ => throw new InvalidOperationException("unexpected filter " + clause.Value),
            };
            if (!ok)
            {
                return false;
            }
        }

        var bodies = BodyClause().Matches(filter).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return bodies.Count == 0 || bodies.Contains((int)evt["EventBodyId"]!);
    }

    private static string Serialize(IEnumerable<JsonObject> rows) => new JsonArray(rows.Select(r => (JsonNode)r.DeepClone()).ToArray()).ToJsonString();

    [GeneratedRegex(@"(EventDate|EventLastModifiedUtc) (ge|lt|gt) datetime'([^']+)'")]
    private static partial Regex Clause();

    [GeneratedRegex(@"EventBodyId eq (\d+)")]
    private static partial Regex BodyClause();

    [GeneratedRegex(@"MatterFile eq '([^']+)'")]
    private static partial Regex MatterFile();
}

/// <summary>One fake Legistar client's data, changed by tests between checks (under no lock: tests change it only between requests).</summary>
internal sealed class FakeClient(string name)
{
    private static int _modified;

    public string Name { get; } = name;

    public string? Token { get; set; }

    public List<JsonObject> Bodies { get; } = [];

    public List<JsonObject> Events { get; } = [];

    public Dictionary<long, List<JsonObject>> Items { get; } = [];

    public List<JsonObject> Matters { get; } = [];

    public Dictionary<long, List<JsonObject>> Histories { get; } = [];

    /// <summary>A meeting of a body, cloned from a captured NYC event, at a local date and time ("9:30 AM").</summary>
    public JsonObject AddEvent(long id, int bodyId, string bodyName, DateTime local, string agendaStatus = "Final", bool agendaPublished = true)
    {
        var evt = LegistarServer.Fixture("nyc-events.json")[0]!.DeepClone().AsObject();
        evt["EventId"] = id;
        evt["EventGuid"] = Guid.NewGuid().ToString().ToUpperInvariant();
        evt["EventBodyId"] = bodyId;
        evt["EventBodyName"] = bodyName;
        evt["EventInSiteURL"] = $"https://{Name}.legistar.com/MeetingDetail.aspx?LEGID={id}&GID=61&G=2FD004F1-D85B-4588-A648-0A736C77D6E3";
        Move(evt, local);
        Publish(evt, agendaStatus, agendaPublished);
        Events.Add(evt);
        return evt;
    }

    /// <summary>Moves an event to a new local date and time, as Legistar writes them.</summary>
    public void Move(JsonObject evt, DateTime local)
    {
        evt["EventDate"] = local.Date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        evt["EventTime"] = local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        Touch(evt);
    }

    public void Publish(JsonObject evt, string agendaStatus = "Final", bool published = true)
    {
        evt["EventAgendaStatusName"] = agendaStatus;
        evt["EventAgendaFile"] = published ? $"https://{Name}.legistar1.com/{Name}/meetings/2026/12/{evt["EventId"]}_A_Agenda.pdf" : null;
        evt["EventAgendaLastPublishedUTC"] = published ? Stamp() : null;
        Touch(evt);
    }

    /// <summary>Marks the event modified now (Legistar's EventLastModifiedUtc moves forward with every change).</summary>
    public static void Touch(JsonObject evt) => evt["EventLastModifiedUtc"] = Stamp();

    /// <summary>An agenda item, cloned from a captured San José item.</summary>
    public JsonObject AddItem(long eventId, long itemId, string title, string? file = null, string? matterName = null, long? matterId = null)
    {
        var item = LegistarServer.Fixture("sanjose-eventitems-1080.json")[3]!.DeepClone().AsObject();
        item["EventItemId"] = itemId;
        item["EventItemEventId"] = eventId;
        item["EventItemTitle"] = title;
        item["EventItemMatterFile"] = file;
        item["EventItemMatterName"] = matterName;
        item["EventItemMatterId"] = matterId;
        item["EventItemMatterType"] = file is null ? null : "Resolution";
        item["EventItemMatterAttachments"] = new JsonArray();
        if (!Items.TryGetValue(eventId, out var list))
        {
            Items[eventId] = list = [];
        }

        list.Add(item);
        return item;
    }

    /// <summary>Legistar's UTC timestamps have no zone and up to three decimals; each call is later than the last.</summary>
    private static string Stamp() =>
        new DateTime(2026, 12, 1, 0, 0, 0).AddSeconds(Interlocked.Increment(ref _modified)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
