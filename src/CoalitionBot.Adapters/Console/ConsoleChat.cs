using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Core.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Console;

/// <summary>The local chat: reads <c>/command</c> lines from standard input, answers on standard output, and stops the host at end of input.</summary>
public sealed class ConsoleChat(
    CommandRouter router,
    ConsoleStreams streams,
    ConsoleWriter writer,
    ConsoleImages images,
    IOptions<ConsoleOptions> options,
    IHostApplicationLifetime lifetime,
    OutboxDispatcher outbox,
    BackgroundGate gate,
    ILogger<ConsoleChat> logger) : BackgroundService, IAdapterStatus
{
    private readonly ConsoleOptions _options = options.Value;
    private IReadOnlyList<ReplyButton> _lastButtons = [];
    private UserRef _user = new(options.Value.User, options.Value.User);
    private Role _role = options.Value.Role;
    private volatile bool _running;

    public string Name => "console";

    public bool IsRunning => _running;

    public string? Problem => null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        try
        {
            await Task.Yield();
            writer.WriteLine(await SayAsync(
                "core.console.welcome", new { name = new TrustedMarkup(_user.Name), role = RoleWord(_role), coalition = new TrustedMarkup(TenantId.ConsoleLocal.Value) }, stoppingToken));
            while (!stoppingToken.IsCancellationRequested)
            {
                if (streams.IsInteractive)
                {
                    writer.Write("> ");
                }

                // Console reads block and ignore cancellation: read on the thread pool, stop waiting on shutdown.
                var line = await Task.Run(streams.Input.ReadLine, CancellationToken.None).WaitAsync(stoppingToken);
                var more = line is not null && await HandleLineAsync(line.Trim(), stoppingToken);

                // The first answer is out: the background loops held back at start-up may run now.
                gate.Open();
                if (!more)
                {
                    // What the last commands queued and is due (an announcement, a direct message) is shown before leaving,
                    // not left for the next start.
                    await outbox.RunOnceAsync(stoppingToken);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
            gate.Open();
        }

        lifetime.StopApplication();
    }

    /// <summary>Handles one line; returns false when the user asked to leave.</summary>
    private async Task<bool> HandleLineAsync(string line, CancellationToken cancellationToken)
    {
        if (line.Length == 0 || line.StartsWith('#'))
        {
            return true;
        }

        if (!line.StartsWith('/'))
        {
            writer.WriteLine(await SayAsync("core.console.slash", null, cancellationToken));
            return true;
        }

        var words = line[1..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
        var rest = words.Length > 1 ? words[1] : string.Empty;
        switch (verb)
        {
            case "quit" or "exit":
                return false;
            case "as":
                await SwitchUserAsync(rest, cancellationToken);
                return true;
            case "press":
                await PressAsync(rest, cancellationToken);
                return true;
        }

        var result = await Apology.GuardAsync(router.RunAsync(CommandRequest.FromText(Caller(), line[1..]), cancellationToken), router.StringsFor(_options.Locale), logger, "A console command");
        Show(result);
        return true;
    }

    private async Task SwitchUserAsync(string rest, CancellationToken cancellationToken)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            writer.WriteLine(await SayAsync("core.console.as-usage", null, cancellationToken));
            return;
        }

        var role = Role.Member;
        if (parts.Length == 2 && (!Enum.TryParse(parts[1], ignoreCase: true, out role) || !Enum.IsDefined(role) || int.TryParse(parts[1], out _)))
        {
            writer.WriteLine(await SayAsync("core.console.not-a-role", new { role = new TrustedMarkup(parts[1]) }, cancellationToken));
            return;
        }

        var name = parts[0].TrimStart('@');
        _user = new UserRef(name, name);
        _role = role;
        _lastButtons = [];
        writer.WriteLine(await SayAsync("core.console.you-are", new { name = new TrustedMarkup(name), role = RoleWord(role) }, cancellationToken));
    }

    private async Task PressAsync(string which, CancellationToken cancellationToken)
    {
        ReplyButton? button = null;
        if (int.TryParse(which, out var number) && number >= 1 && number <= _lastButtons.Count)
        {
            button = _lastButtons[number - 1];
        }
        else if (which.Length > 0)
        {
            button = _lastButtons.FirstOrDefault(b => string.Equals(b.Label, which, StringComparison.OrdinalIgnoreCase))
                ?? _lastButtons.FirstOrDefault(b => b.Label.StartsWith(which, StringComparison.OrdinalIgnoreCase));
        }

        if (button is null)
        {
            writer.WriteLine(_lastButtons.Count == 0
                ? await SayAsync("core.console.no-button", null, cancellationToken)
                : await SayAsync("core.console.press-how", new { count = _lastButtons.Count }, cancellationToken));
            return;
        }

        var result = await Apology.GuardAsync(router.PressAsync(new ButtonPress(Caller(), button.ActionId, button.Value), cancellationToken), router.StringsFor(_options.Locale), logger, "A console button");
        Show(result);
    }

    private void Show(CommandResult result)
    {
        writer.WriteLine(ConsoleRenderer.Render(result));
        foreach (var line in images.Save(result.Reply))
        {
            writer.WriteLine(line);
        }

        if (result.Reply.Buttons.Count > 0 || result.IsSuccess)
        {
            _lastButtons = result.Reply.Buttons;
        }

        logger.LogDebug("Shown a {Kind} reply", result.Kind);
    }

    /// <summary>A line of the console's own, in the language the person's commands are answered in (printed as it is: values
    /// are passed as <see cref="TrustedMarkup"/> so nothing is escaped).</summary>
    private async Task<string> SayAsync(string key, object? arguments, CancellationToken cancellationToken)
    {
        var strings = await router.StringsForAsync(Caller(), cancellationToken);
        return arguments is null ? strings[key].Value : strings[key, arguments].Value;
    }

    private Caller Caller() => new(
        TenantId.ConsoleLocal,
        Platform.Console,
        _user,
        new ChannelRef(_options.Channel, _options.Channel),
        _role,
        _options.Locale);

    private static string RoleWord(Role role) => role.ToString().ToLowerInvariant();
}

/// <summary>Writes whole lines to the console output, so chat replies and bot messages never interleave mid-line.</summary>
public sealed class ConsoleWriter(ConsoleStreams streams)
{
    private readonly Lock _gate = new();

    public void WriteLine(string text)
    {
        lock (_gate)
        {
            streams.Output.WriteLine(text);
            streams.Output.Flush();
        }
    }

    public void Write(string text)
    {
        lock (_gate)
        {
            streams.Output.Write(text);
            streams.Output.Flush();
        }
    }
}

/// <summary>Delivers the bot's own messages in the console chat: <c>[#council] …</c> or <c>[DM ana] …</c>.</summary>
public sealed class ConsoleMessenger(ConsoleWriter writer, ConsoleImages images) : IMessenger
{
    public Platform Platform => Platform.Console;

    public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var body = ConsoleRenderer.Render(message).Replace("\n", "\n  ", StringComparison.Ordinal);
        writer.WriteLine($"[{target}] {body}");
        foreach (var line in images.Save(message))
        {
            writer.WriteLine($"[{target}] {line}");
        }

        return Task.FromResult(SendResult.Ok);
    }
}
