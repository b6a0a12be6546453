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

    public TenantId Tenant => Caller.Tenant;

    public Platform Platform => Caller.Platform;

    public UserRef User => Caller.User;

    /// <summary>True when the reply should be in Spanish.</summary>
    public bool IsSpanish => Culture.TwoLetterISOLanguageName == "es";

    /// <summary>Picks the English or Spanish text for the caller's language.</summary>
    public string Say(string english, string spanish) => IsSpanish ? spanish : english;
}
