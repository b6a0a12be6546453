using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using Microsoft.Extensions.Localization;

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

    /// <summary>The culture of the answer's language, for numbers and dates: the person's preference, their platform locale, the coalition's default, else English.</summary>
    public required CultureInfo Culture { get; init; }

    /// <summary>The loaded language to answer in (<c>en</c>, <c>es</c>, a language added as files such as <c>ht</c>, or <c>qps-ploc</c>).</summary>
    public string Language { get; init; } = LanguageCatalogs.English;

    /// <summary>The catalogs in <see cref="Language"/>; a string the language lacks comes in English.</summary>
    public IStringLocalizer Strings { get; init; } = CatalogStringLocalizer.None;

    /// <summary>Every loaded language, for commands that offer or switch languages; null outside the router.</summary>
    public LanguageCatalogs? Languages { get; init; }

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

    /// <summary>
    /// The catalog text of <paramref name="key"/> in the caller's language, its named placeholders filled from
    /// <paramref name="arguments"/>: <c>T("coalition.audit.none", new { days })</c>. Values are escaped as markup unless they are
    /// <see cref="Replies.TrustedMarkup"/>; a plural choice uses the language's rule.
    /// </summary>
    public string T(string key, object? arguments = null) => arguments is null ? Strings[key].Value : Strings[key, arguments].Value;

    /// <summary>The caller as a <see cref="Reader"/> at <paramref name="now"/>: dates, times and durations in their language and the coalition's zone.</summary>
    public Reader ReaderAt(DateTimeOffset now) => new(Strings as CatalogStringLocalizer ?? CatalogStringLocalizer.None, TimeZone, now);
}
