using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.Coalition;

/// <summary>Admins set the coalition up in chat: time zone, language, channels, leads; every change goes to the audit log.</summary>
public sealed partial class CoalitionSettingsCommands(CoalitionBotDbContext db, AuditLog audit, TimeProvider clock, IOptions<BotOptions> options) : CommandModule
{
    internal const int MaxAuditLines = 25;

    [Command("coalition setup", "What is set up for this coalition and what is missing", Role = Role.Admin)]
    public async Task<CommandResult> SetupAsync(CancellationToken cancellationToken)
    {
        var settings = await db.TenantSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var leads = await db.LeadGrants.AsNoTracking().OrderBy(g => g.GrantedAt).ToListAsync(cancellationToken);
        var missing = new List<string>();
        var fields = new List<ReplyField>();

        void Add(string name, string? value, string hint)
        {
            if (value is null)
            {
                missing.Add(hint);
            }

            fields.Add(new ReplyField(name, value is null ? Context.T("coalition.setup.not-set") : Context.T("coalition.setup.set", new { value = new TrustedMarkup(value) })));
        }

        Add(Context.T("coalition.setup.timezone"), settings?.TimeZone is { } zone ? Markup.Escape(zone) : null,
            Context.T("coalition.setup.timezone.hint", new { zone = options.Value.DefaultTimeZone }));
        Add(Context.T("coalition.setup.language"), settings?.Language is { } language ? LanguageName(language) : null,
            Context.T("coalition.setup.language.hint"));
        foreach (var purpose in Enum.GetValues<CoalitionChannel>())
        {
            Add(ChannelTitle(purpose), settings?.ChannelFor(purpose) is { } channel ? new ChannelRef(channel).Mention : null,
                Context.T("coalition.setup.channel.hint", new { purpose = ChannelWord(purpose) }));
        }

        Add(Context.T("coalition.setup.leads"), leads.Count == 0 ? null : string.Join(", ", leads.Take(10).Select(Describe)) + (leads.Count > 10 ? " …" : string.Empty),
            Context.T("coalition.setup.leads.hint"));

        return new Reply
        {
            Title = Context.T("coalition.setup.title", new { done = fields.Count - missing.Count, total = fields.Count }),
            Fields = fields,
            Bullets = missing.Select(m => Context.T("coalition.setup.next", new { step = new TrustedMarkup(m) })).ToList(),
            Footer = Context.T("coalition.setup.footer"),
            Ephemeral = true,
        };
    }

    [Command("coalition timezone", "Set the coalition's time zone (like America/Chicago)", Role = Role.Admin)]
    public Task<CommandResult> TimeZoneAsync(
        [Option("An IANA time zone, like America/Chicago or America/Los_Angeles", MaxLength = 64)] string zone,
        CancellationToken cancellationToken)
    {
        var id = TimeZoneNames.Resolve(zone);
        if (id is not null)
        {
            return SetTimeZoneAsync(id, cancellationToken);
        }

        var suggestion = TimeZoneNames.Suggest(zone);
        if (suggestion is null)
        {
            return Task.FromResult(CommandResult.Invalid(Context.T("coalition.timezone.unknown", new { zone })));
        }

        return Task.FromResult(new CommandResult
        {
            Kind = ResultKind.Invalid,
            Reply = new Reply
            {
                Text = Context.T("coalition.timezone.suggest", new { zone, suggestion }),
                Buttons = [new ReplyButton("coalition.timezone", Context.T("coalition.timezone.use", new { suggestion }), suggestion, ButtonStyle.Primary)],
                Ephemeral = true,
            },
        });
    }

    [Button("coalition.timezone", Role = Role.Admin)]
    public Task<CommandResult> UseSuggestedTimeZoneAsync(string value, CancellationToken cancellationToken) =>
        TimeZoneNames.Resolve(value) is { } id
            ? SetTimeZoneAsync(id, cancellationToken, fromButton: true)
            : Task.FromResult(CommandResult.Invalid(Context.T("coalition.timezone.invalid")));

    [Command("coalition language", "Set the language for people whose platform gives none", Role = Role.Admin)]
    public async Task<CommandResult> LanguageAsync(
        [Option("A language code: en (English), es (Spanish), or one added as files, like ht", MaxLength = 35)] string language,
        CancellationToken cancellationToken)
    {
        if (LanguageNames.Resolve(Context.Languages, language) is not { } code)
        {
            return CommandResult.Invalid(Context.T("coalition.language.unknown", new { code = language.Trim(), languages = LanguageNames.Offered(Context.Languages) }));
        }

        var settings = await SettingsAsync(cancellationToken);
        if (settings.Language == code)
        {
            return Answer(Context.T("coalition.language.same", new { language = new TrustedMarkup(LanguageName(code)) }));
        }

        var before = settings.Language;
        settings.Language = code;
        await SaveAsync(settings, "language.set", Change(before, code), cancellationToken);
        return Answer(Context.T("coalition.language.set", new { language = new TrustedMarkup(LanguageName(code)) }));
    }

    [Command("coalition channel", "Choose the channel for reminders, the digest or announcements", Role = Role.Admin)]
    public async Task<CommandResult> ChannelAsync(
        [Option("What the channel is for")] CoalitionChannel purpose,
        [Option("The channel, like #council")] ChannelRef? channel = null,
        [Option("yes: stop posting these anywhere")] bool clear = false,
        CancellationToken cancellationToken = default)
    {
        var word = ChannelWord(purpose);
        var settings = await SettingsAsync(cancellationToken);
        var current = settings.ChannelFor(purpose);
        if (channel is null && !clear)
        {
            var now = current is null ? Context.T("coalition.channel.not-set") : new ChannelRef(current).Mention;
            return Answer(Context.T("coalition.channel.show", new { title = Trusted(ChannelTitle(purpose)), channel = new TrustedMarkup(now), purpose = word }));
        }

        if (channel is not null && clear)
        {
            return CommandResult.Invalid(Context.T("coalition.channel.both"));
        }

        if (channel is not null && !PlatformId().IsMatch(channel.Id))
        {
            return CommandResult.Invalid(Context.T("coalition.channel.invalid", new { channel = channel.Id }));
        }

        var next = channel?.Id;
        if (next == current)
        {
            return Answer(Context.T("coalition.channel.same", new { title = Trusted(ChannelTitle(purpose)), channel = Trusted(Shown(next)) }));
        }

        settings.SetChannel(purpose, next);
        await SaveAsync(settings, next is null ? "channel.clear" : "channel.set", $"{word}: {Change(Mention(current), Mention(next))}", cancellationToken);
        return Answer(next is null
            ? Context.T("coalition.channel.cleared", new { title = Trusted(ChannelTitle(purpose)) })
            : Context.T("coalition.channel.set", new { title = Trusted(ChannelTitle(purpose)), channel = Trusted(Shown(next)) }));
    }

    [Command("coalition leads", "See, add or remove leads (a person or a role)", Role = Role.Admin)]
    public async Task<CommandResult> LeadsAsync(
        [Option("list, add or remove")] LeadsAction action = LeadsAction.List,
        [Option("A person (@ana) or a role (@&organizers)", MaxLength = 120)] string? who = null,
        CancellationToken cancellationToken = default)
    {
        if (action == LeadsAction.List)
        {
            return string.IsNullOrWhiteSpace(who)
                ? await ListLeadsAsync(cancellationToken)
                : CommandResult.Invalid(Context.T("coalition.leads.what", new { who }));
        }

        if (string.IsNullOrWhiteSpace(who))
        {
            return CommandResult.Invalid(Context.T("coalition.leads.who", new { action = ActionWord(action) }));
        }

        var subject = ParseSubject(who);
        if (subject is null)
        {
            return CommandResult.Invalid(Context.T("coalition.leads.invalid", new { who }));
        }

        var (kind, id, name) = subject.Value;
        var existing = await db.LeadGrants.FirstOrDefaultAsync(g => g.SubjectKind == kind && g.SubjectId == id, cancellationToken);
        var shown = Trusted(ShowSubject(kind, id, name ?? existing?.SubjectName));
        var kindWord = kind == LeadSubject.Role ? "role" : "person";
        if (action == LeadsAction.Add)
        {
            if (existing is not null)
            {
                return Answer(Context.T("coalition.leads.already", new { who = shown }));
            }

            db.LeadGrants.Add(new LeadGrant
            {
                SubjectKind = kind, SubjectId = id, SubjectName = name, GrantedBy = Context.User.Id, GrantedAt = clock.GetUtcNow(),
            });
            audit.Record(Context.User, "lead.add", kindWord, (id, name));
            await db.SaveChangesAsync(cancellationToken);
            return Answer(Context.T(kind == LeadSubject.Role ? "coalition.leads.added-role" : "coalition.leads.added-person", new { who = shown }));
        }

        if (existing is null)
        {
            return CommandResult.NotFound(Context.T("coalition.leads.not-lead", new { who = shown }));
        }

        db.LeadGrants.Remove(existing);
        audit.Record(Context.User, "lead.remove", kindWord, (id, existing.SubjectName ?? name));
        await db.SaveChangesAsync(cancellationToken);
        return Answer(Context.T("coalition.leads.removed", new { who = shown }));
    }

    [Command("coalition audit", "Who changed which setting, and when", Role = Role.Admin)]
    public async Task<CommandResult> AuditAsync(
        [Option("How many days back (default 30)", MinValue = 1, MaxValue = 365)] int days = 30,
        CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        var (entries, total) = await audit.SinceAsync(since, MaxAuditLines, cancellationToken);
        if (total == 0)
        {
            return Answer(Context.T("coalition.audit.none", new { days }));
        }

        return new Reply
        {
            Title = Context.T("coalition.audit.title", new { days }),
            Bullets = entries.Select(DescribeEntry).ToList(),
            Footer = total > entries.Count
                ? Context.T("coalition.audit.more", new { shown = entries.Count, total })
                : Context.T("coalition.audit.zone", new { zone = Context.TimeZone.Id }),
            Ephemeral = true,
        };
    }

    internal static (LeadSubject Kind, string Id, string? Name)? ParseSubject(string text)
    {
        if (ValueParsers.ParseRole(text) is { } role && PlatformId().IsMatch(role.Id))
        {
            return (LeadSubject.Role, role.Id, role.Name);
        }

        if (ValueParsers.ParseUser(text) is { } user && PlatformId().IsMatch(user.Id))
        {
            return (LeadSubject.User, user.Id, user.DisplayName);
        }

        return null;
    }

    private async Task<CommandResult> SetTimeZoneAsync(string id, CancellationToken cancellationToken, bool fromButton = false)
    {
        var settings = await SettingsAsync(cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        var localNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var time = localNow.ToString("t", Context.Culture);
        if (settings.TimeZone == id)
        {
            return Answer(Context.T("coalition.timezone.same", new { zone = id, time }));
        }

        var before = settings.TimeZone;
        settings.TimeZone = id;
        await SaveAsync(settings, "timezone.set", Change(before, id), cancellationToken);
        var reply = Context.T("coalition.timezone.set", new { zone = id, time });
        return fromButton ? CommandResult.Update(new Reply { Text = reply, Ephemeral = true }) : Answer(reply);
    }

    private async Task<CommandResult> ListLeadsAsync(CancellationToken cancellationToken)
    {
        var leads = await db.LeadGrants.AsNoTracking().OrderBy(g => g.GrantedAt).ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return Answer(Context.T("coalition.leads.none"));
        }

        return new Reply
        {
            Title = Context.T("coalition.leads.title", new { count = leads.Count }),
            Bullets = leads.Select(g => Context.T("coalition.leads.since", new { who = Trusted(Describe(g)), date = Local(g.GrantedAt).ToString("d", Context.Culture) })).ToList(),
            Footer = Context.T("coalition.leads.footer"),
            Ephemeral = true,
        };
    }

    private async Task<TenantSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var settings = await db.TenantSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSettings();
            db.TenantSettings.Add(settings);
        }

        return settings;
    }

    private async Task SaveAsync(TenantSettings settings, string action, string detail, CancellationToken cancellationToken)
    {
        settings.UpdatedAt = clock.GetUtcNow();
        audit.Record(Context.User, action, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private string DescribeEntry(AuditEntry entry)
    {
        var when = Local(entry.At).ToString("g", Context.Culture);
        var who = entry.ActorName is { } actor ? Markup.Escape(actor) : Context.T("coalition.audit.name-erased");
        var subject = entry.SubjectId is null
            ? (entry.Action.StartsWith("lead.", StringComparison.Ordinal) ? Context.T("coalition.audit.name-erased") : string.Empty)
            : ShowSubject(entry.Detail == "role" ? LeadSubject.Role : LeadSubject.User, entry.SubjectId, entry.SubjectName);
        var what = entry.Action switch
        {
            "timezone.set" => Context.T("coalition.audit.timezone", new { detail = entry.Detail }),
            "language.set" => Context.T("coalition.audit.language", new { detail = entry.Detail }),
            "channel.set" or "channel.clear" => Context.T("coalition.audit.channel", new { detail = Trusted(EscapeKeepingChannels(entry.Detail)) }),
            "lead.add" => Context.T("coalition.audit.lead-add", new { who = Trusted(subject) }),
            "lead.remove" => Context.T("coalition.audit.lead-remove", new { who = Trusted(subject) }),
            "data.export" => Context.T("coalition.audit.export"),
            "personal-data.erase" => Context.T("coalition.audit.erase"),
            _ => Markup.Escape(entry.Action) + (entry.Detail is null ? string.Empty : ": " + Markup.Escape(entry.Detail)),
        };
        return Context.T("coalition.audit.entry", new { when, who = Trusted(who), what = Trusted(what) });
    }

    private static string Describe(LeadGrant grant) => ShowSubject(grant.SubjectKind, grant.SubjectId, grant.SubjectName);

    private static string ShowSubject(LeadSubject kind, string id, string? name) =>
        kind == LeadSubject.Role ? Markup.Escape($"@&{name ?? id}") : new UserRef(id).Mention;

    private string Shown(string? channelId) => channelId is null ? Context.T("coalition.channel.none") : new ChannelRef(channelId).Mention;

    private static TrustedMarkup Trusted(string markup) => new(markup);

    private static string? Mention(string? channelId) => channelId is null ? null : new ChannelRef(channelId).Mention;

    /// <summary>An audit detail that reads the same in every language: <c>UTC → America/Chicago</c>, <c>– → es</c>.</summary>
    private static string Change(string? before, string? after) => $"{before ?? "–"} → {after ?? "–"}";

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Context.TimeZone);

    private string LanguageName(string code) => LanguageNames.WithCode(Context, code);

    private string ChannelTitle(CoalitionChannel purpose) => Context.T($"coalition.channel.{ChannelWord(purpose)}");

    private static string ChannelWord(CoalitionChannel purpose) => purpose.ToString().ToLowerInvariant();

    private static string ActionWord(LeadsAction action) => action.ToString().ToLowerInvariant();

    private static CommandResult Answer(string text) => CommandResult.Ok(new Reply { Text = text, Ephemeral = true });

    /// <summary>Escapes stored text but keeps channel mentions (<c>&lt;#C123&gt;</c>) that the bot itself wrote into a detail.</summary>
    private static string EscapeKeepingChannels(string? text) =>
        text is null ? string.Empty : string.Concat(ChannelMentionPart().Split(text).Select(part => ChannelMentionPart().IsMatch(part) ? part : Markup.Escape(part)));

    [GeneratedRegex("(<#[A-Za-z0-9_.-]{1,64}>)")]
    private static partial Regex ChannelMentionPart();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex PlatformId();
}
