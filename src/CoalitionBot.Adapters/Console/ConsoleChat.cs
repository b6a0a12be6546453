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
            writer.WriteLine($"CoalitionBot console chat: you are {_user.Name} ({RoleWord(_role)}) in {TenantId.ConsoleLocal}. Type /help to start, /quit to leave. To connect Discord or Slack, set CoalitionBot__Discord__* or CoalitionBot__Slack__* (see README).");
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
            writer.WriteLine("Commands start with a slash, like /help.");
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
                SwitchUser(rest);
                return true;
            case "press":
                await PressAsync(rest, cancellationToken);
                return true;
        }

        var result = await Apology.GuardAsync(router.RunAsync(CommandRequest.FromText(Caller(), line[1..]), cancellationToken), _options.Locale, logger, "A console command");
        Show(result);
        return true;
    }

    private void SwitchUser(string rest)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            writer.WriteLine("! Usage: /as <name> [member|lead|admin]");
            return;
        }

        var role = Role.Member;
        if (parts.Length == 2 && !Enum.TryParse(parts[1], ignoreCase: true, out role))
        {
            writer.WriteLine($"! `{parts[1]}` is not a role: use member, lead or admin.");
            return;
        }

        var name = parts[0].TrimStart('@');
        _user = new UserRef(name, name);
        _role = role;
        _lastButtons = [];
        writer.WriteLine($"You are now {name} ({RoleWord(role)}).");
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
                ? "! There is no button to press: the last reply had none."
                : $"! Press a button by number (1–{_lastButtons.Count}) or label.");
            return;
        }

        var result = await Apology.GuardAsync(router.PressAsync(new ButtonPress(Caller(), button.ActionId, button.Value), cancellationToken), _options.Locale, logger, "A console button");
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
