using System.Globalization;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Commands;

/// <summary>Base class of plugin command modules: handlers are methods marked with <see cref="CommandAttribute"/> or <see cref="ButtonAttribute"/>.</summary>
/// <remarks>A module is created in the command's own DI scope, so its constructor can take scoped services such as a DbContext.</remarks>
public abstract class CommandModule
{
    private CommandContext? _context;

    /// <summary>The command being handled: who, where, their role, language and time zone.</summary>
    public CommandContext Context
    {
        get => _context ?? throw new InvalidOperationException("The module is used outside a command.");
        internal set => _context = value;
    }
}

/// <summary>Everything a handler knows about the command it is handling.</summary>
public sealed record CommandContext
{
    public required Caller Caller { get; init; }

    /// <summary>The caller's role after stored lead grants are applied.</summary>
    public required Role Role { get; init; }

    /// <summary>The language to answer in: the person's preference, their platform locale, the coalition's default, else English.</summary>
    public required CultureInfo Culture { get; init; }

    /// <summary>The coalition's IANA time zone, used to read and show local times.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>An id attached to logs and to error replies, to find one command's story.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>The channels the coalition chose with <c>/coalition channel</c>, by purpose (platform channel ids).</summary>
    public IReadOnlyDictionary<Persistence.CoalitionChannel, string> CoalitionChannels { get; init; } = new Dictionary<Persistence.CoalitionChannel, string>();

    /// <summary>
    /// The channel for something the bot will post on its own: the one the person named, else the coalition's channel for that
    /// purpose, else the channel the command was typed in. Commands say which one they chose.
    /// </summary>
    public ChannelRef? ChannelFor(Persistence.CoalitionChannel purpose, ChannelRef? named = null) =>
        named ?? (CoalitionChannels.TryGetValue(purpose, out var id) ? new ChannelRef(id) : Caller.Channel);

    /// <summary>True when <see cref="ChannelFor"/> with no channel named gives the coalition's own channel for the purpose.</summary>
    public bool HasCoalitionChannel(Persistence.CoalitionChannel purpose) => CoalitionChannels.ContainsKey(purpose);

    public TenantId Tenant => Caller.Tenant;

    public Platform Platform => Caller.Platform;

    public UserRef User => Caller.User;

    /// <summary>True when the reply should be in Spanish.</summary>
    public bool IsSpanish => Culture.TwoLetterISOLanguageName == "es";

    /// <summary>Picks the English or Spanish text for the caller's language.</summary>
    public string Say(string english, string spanish) => IsSpanish ? spanish : english;
}
