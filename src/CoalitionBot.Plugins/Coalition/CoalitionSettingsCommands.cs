using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.Coalition;

/// <summary>Admins set the coalition up in chat: time zone, language, channels, leads; every change goes to the audit log.</summary>
public sealed partial class CoalitionSettingsCommands(CoalitionBotDbContext db, AuditLog audit, TimeProvider clock, IOptions<BotOptions> options) : CommandModule
{
    internal const int MaxAuditLines = 25;

    [Command("coalition setup", "What is set up for this coalition and what is missing", Role = Role.Admin,
        DescriptionEs = "Qué está configurado en esta coalición y qué falta")]
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

            fields.Add(new ReplyField(name, value is null ? Context.Say("✗ not set", "✗ sin configurar") : "✓ " + value));
        }

        Add(Context.Say("Time zone", "Zona horaria"), settings?.TimeZone is { } zone ? Markup.Escape(zone) : null,
            Context.Say($"`/coalition timezone America/Chicago` (until then: {Markup.Escape(options.Value.DefaultTimeZone)})",
                $"`/coalition timezone America/Chicago` (mientras tanto: {Markup.Escape(options.Value.DefaultTimeZone)})"));
        Add(Context.Say("Default language", "Idioma predeterminado"), settings?.Language is { } language ? LanguageName(language) : null,
            Context.Say("`/coalition language es` or `en` (until then: English)", "`/coalition language es` o `en` (mientras tanto: inglés)"));
        foreach (var purpose in Enum.GetValues<CoalitionChannel>())
        {
            Add(ChannelTitle(purpose), settings?.ChannelFor(purpose) is { } channel ? new ChannelRef(channel).Mention : null,
                $"`/coalition channel {ChannelWord(purpose)} #channel`");
        }

        Add(Context.Say("Leads", "Coordinadores"), leads.Count == 0 ? null : string.Join(", ", leads.Take(10).Select(Describe)) + (leads.Count > 10 ? " …" : string.Empty),
            "`/coalition leads add @person`");

        var set = fields.Count - missing.Count;
        return new Reply
        {
            Title = Context.Say($"Coalition setup: {set} of {fields.Count} done", $"Configuración de la coalición: {set} de {fields.Count} listo"),
            Fields = fields,
            Bullets = missing.Select(m => Context.Say("Next: ", "Siguiente: ") + m).ToList(),
            Footer = Context.Say(
                "Admins come from the platform. Privacy: `/privacy me`, `/coalition export`, `/coalition delete`. Changes: `/coalition audit`.",
                "Los administradores vienen de la plataforma. Privacidad: `/privacy me`, `/coalition export`, `/coalition delete`. Cambios: `/coalition audit`."),
            Ephemeral = true,
        };
    }

    [Command("coalition timezone", "Set the coalition's time zone (like America/Chicago)", Role = Role.Admin,
        DescriptionEs = "Fijar la zona horaria de la coalición (como America/Chicago)")]
    public Task<CommandResult> TimeZoneAsync(
        [Option("An IANA time zone, like America/Chicago or America/Los_Angeles", MaxLength = 64, DescriptionEs = "Una zona horaria IANA, como America/Chicago o America/Los_Angeles")] string zone,
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
            return Task.FromResult(CommandResult.Invalid(Context.Say(
                Markup.Format($"`{zone}` is not a time zone I know. Use a region/city name such as America/Chicago, America/New_York, America/Denver, America/Los_Angeles or Europe/Madrid. Nothing was changed."),
                Markup.Format($"`{zone}` no es una zona horaria que conozca. Use un nombre región/ciudad como America/Chicago, America/New_York, America/Denver, America/Los_Angeles o Europe/Madrid. No se cambió nada."))));
        }

        return Task.FromResult(new CommandResult
        {
            Kind = ResultKind.Invalid,
            Reply = new Reply
            {
                Text = Context.Say(
                    Markup.Format($"`{zone}` is not a full time zone name. Did you mean **{suggestion}**? Press the button or type `/coalition timezone {suggestion}`. Nothing was changed yet."),
                    Markup.Format($"`{zone}` no es un nombre completo de zona horaria. ¿Quiso decir **{suggestion}**? Pulse el botón o escriba `/coalition timezone {suggestion}`. Aún no se cambió nada.")),
                Buttons = [new ReplyButton("coalition.timezone", Context.Say($"Use {suggestion}", $"Usar {suggestion}"), suggestion, ButtonStyle.Primary)],
                Ephemeral = true,
            },
        });
    }

    [Button("coalition.timezone", Role = Role.Admin)]
    public Task<CommandResult> UseSuggestedTimeZoneAsync(string value, CancellationToken cancellationToken) =>
        TimeZoneNames.Resolve(value) is { } id
            ? SetTimeZoneAsync(id, cancellationToken, fromButton: true)
            : Task.FromResult(CommandResult.Invalid(Context.Say("That time zone is not valid. Nothing was changed.", "Esa zona horaria no es válida. No se cambió nada.")));

    [Command("coalition language", "Set the language for people whose platform gives none", Role = Role.Admin,
        DescriptionEs = "Fijar el idioma para quienes su plataforma no indica uno")]
    public async Task<CommandResult> LanguageAsync(
        [Option("en (English) or es (Spanish)", DescriptionEs = "en (inglés) o es (español)")] CoalitionLanguage language,
        CancellationToken cancellationToken)
    {
        var code = language == CoalitionLanguage.Spanish ? "es" : "en";
        var settings = await SettingsAsync(cancellationToken);
        if (settings.Language == code)
        {
            return Answer(Context.Say($"The default language is already {LanguageName(code)}.", $"El idioma predeterminado ya es {LanguageName(code)}."));
        }

        var before = settings.Language;
        settings.Language = code;
        await SaveAsync(settings, "language.set", Change(before, code), cancellationToken);
        return Answer(Context.Say(
            $"Default language set to {LanguageName(code)}. People whose platform gives no language, and the bot's own posts, use it; everyone's own platform language still comes first.",
            $"Idioma predeterminado: {LanguageName(code)}. Lo usan quienes su plataforma no indica idioma y los mensajes automáticos; el idioma de la plataforma de cada persona tiene prioridad."));
    }

    [Command("coalition channel", "Choose the channel for reminders, the digest or announcements", Role = Role.Admin,
        DescriptionEs = "Elegir el canal de recordatorios, resumen o anuncios")]
    public async Task<CommandResult> ChannelAsync(
        [Option("What the channel is for", DescriptionEs = "Para qué es el canal")] CoalitionChannel purpose,
        [Option("The channel, like #council", DescriptionEs = "El canal, como #concejo")] ChannelRef? channel = null,
        [Option("yes: stop posting these anywhere", DescriptionEs = "sí: dejar de publicar esto")] bool clear = false,
        CancellationToken cancellationToken = default)
    {
        var word = ChannelWord(purpose);
        var settings = await SettingsAsync(cancellationToken);
        var current = settings.ChannelFor(purpose);
        if (channel is null && !clear)
        {
            var now = current is null ? Context.Say("not set", "sin configurar") : new ChannelRef(current).Mention;
            return Answer(Context.Say(
                $"{ChannelTitle(purpose)}: {now}. Set it with `/coalition channel {word} #channel`, or stop it with `/coalition channel {word} clear:yes`.",
                $"{ChannelTitle(purpose)}: {now}. Elíjalo con `/coalition channel {word} #canal`, o quítelo con `/coalition channel {word} clear:yes`."));
        }

        if (channel is not null && clear)
        {
            return CommandResult.Invalid(Context.Say(
                "Give a channel or `clear:yes`, not both. Nothing was changed.", "Indique un canal o `clear:yes`, no ambos. No se cambió nada."));
        }

        if (channel is not null && !PlatformId().IsMatch(channel.Id))
        {
            return CommandResult.Invalid(Context.Say(
                Markup.Format($"`{channel.Id}` is not a channel. Pick one from the list or type it like #council. Nothing was changed."),
                Markup.Format($"`{channel.Id}` no es un canal. Elija uno de la lista o escríbalo como #concejo. No se cambió nada.")));
        }

        var next = channel?.Id;
        if (next == current)
        {
            return Answer(Context.Say($"{ChannelTitle(purpose)} is already {Shown(next)}.", $"{ChannelTitle(purpose)} ya es {Shown(next)}."));
        }

        settings.SetChannel(purpose, next);
        await SaveAsync(settings, next is null ? "channel.clear" : "channel.set", $"{word}: {Change(Mention(current), Mention(next))}", cancellationToken);
        return Answer(next is null
            ? Context.Say($"{ChannelTitle(purpose)}: cleared; the bot won't post these until you choose a channel again.",
                $"{ChannelTitle(purpose)}: quitado; el bot no publicará esto hasta que elija otro canal.")
            : Context.Say($"{ChannelTitle(purpose)}: {Shown(next)}. Make sure the bot can post there.",
                $"{ChannelTitle(purpose)}: {Shown(next)}. Asegúrese de que el bot pueda publicar allí."));
    }

    [Command("coalition leads", "See, add or remove leads (a person or a role)", Role = Role.Admin,
        DescriptionEs = "Ver, agregar o quitar coordinadores (una persona o un rol)")]
    public async Task<CommandResult> LeadsAsync(
        [Option("list, add or remove", DescriptionEs = "list, add o remove")] LeadsAction action = LeadsAction.List,
        [Option("A person (@ana) or a role (@&organizers)", MaxLength = 120, DescriptionEs = "Una persona (@ana) o un rol (@&organizadores)")] string? who = null,
        CancellationToken cancellationToken = default)
    {
        if (action == LeadsAction.List)
        {
            return string.IsNullOrWhiteSpace(who)
                ? await ListLeadsAsync(cancellationToken)
                : CommandResult.Invalid(Context.Say(
                    Markup.Format($"Say what to do: `/coalition leads add {who}` or `/coalition leads remove {who}`."),
                    Markup.Format($"Diga qué hacer: `/coalition leads add {who}` o `/coalition leads remove {who}`.")));
        }

        if (string.IsNullOrWhiteSpace(who))
        {
            return CommandResult.Invalid(Context.Say(
                $"Who? Mention a person or a role: `/coalition leads {ActionWord(action)} @ana` or `/coalition leads {ActionWord(action)} @&organizers`.",
                $"¿Quién? Mencione a una persona o un rol: `/coalition leads {ActionWord(action)} @ana` o `/coalition leads {ActionWord(action)} @&organizadores`."));
        }

        var subject = ParseSubject(who);
        if (subject is null)
        {
            return CommandResult.Invalid(Context.Say(
                Markup.Format($"`{who}` is not a person or a role. Mention one, like @ana or @&organizers. Nothing was changed."),
                Markup.Format($"`{who}` no es una persona ni un rol. Mencione uno, como @ana o @&organizadores. No se cambió nada.")));
        }

        var (kind, id, name) = subject.Value;
        var existing = await db.LeadGrants.FirstOrDefaultAsync(g => g.SubjectKind == kind && g.SubjectId == id, cancellationToken);
        var shown = ShowSubject(kind, id, name ?? existing?.SubjectName);
        var kindWord = kind == LeadSubject.Role ? "role" : "person";
        if (action == LeadsAction.Add)
        {
            if (existing is not null)
            {
                return Answer(Context.Say($"{shown} is already a lead.", $"{shown} ya es coordinador."));
            }

            db.LeadGrants.Add(new LeadGrant
            {
                SubjectKind = kind, SubjectId = id, SubjectName = name, GrantedBy = Context.User.Id, GrantedAt = clock.GetUtcNow(),
            });
            audit.Record(Context.User, "lead.add", kindWord, (id, name));
            await db.SaveChangesAsync(cancellationToken);
            return Answer(kind == LeadSubject.Role
                ? Context.Say($"Everyone with the role {shown} can now use lead commands, starting with their next command.",
                    $"Todas las personas con el rol {shown} ya pueden usar los comandos de coordinador, desde su próximo comando.")
                : Context.Say($"{shown} is now a lead, starting with their next command.", $"{shown} ya es coordinador, desde su próximo comando."));
        }

        if (existing is null)
        {
            return CommandResult.NotFound(Context.Say(
                $"{shown} is not a lead (admins from the platform stay admins). `/coalition leads` lists the leads.",
                $"{shown} no es coordinador (los administradores de la plataforma lo siguen siendo). `/coalition leads` muestra la lista."));
        }

        db.LeadGrants.Remove(existing);
        audit.Record(Context.User, "lead.remove", kindWord, (id, existing.SubjectName ?? name));
        await db.SaveChangesAsync(cancellationToken);
        return Answer(Context.Say($"{shown} is no longer a lead, starting with their next command.", $"{shown} ya no es coordinador, desde su próximo comando."));
    }

    [Command("coalition audit", "Who changed which setting, and when", Role = Role.Admin,
        DescriptionEs = "Quién cambió qué configuración, y cuándo")]
    public async Task<CommandResult> AuditAsync(
        [Option("How many days back (default 30)", MinValue = 1, MaxValue = 365, DescriptionEs = "Cuántos días atrás (30 si no se indica)")] int days = 30,
        CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        var (entries, total) = await audit.SinceAsync(since, MaxAuditLines, cancellationToken);
        if (total == 0)
        {
            return Answer(Context.Say($"No changes in the last {days} day(s).", $"Ningún cambio en los últimos {days} día(s)."));
        }

        return new Reply
        {
            Title = Context.Say($"Changes in the last {days} day(s)", $"Cambios en los últimos {days} día(s)"),
            Bullets = entries.Select(DescribeEntry).ToList(),
            Footer = total > entries.Count
                ? Context.Say($"Showing the newest {entries.Count} of {total}; use fewer days to see older ones in smaller steps.",
                    $"Se muestran los {entries.Count} más recientes de {total}; use menos días para ver por partes.")
                : Context.Say($"Times in {Context.TimeZone.Id}.", $"Horas en {Context.TimeZone.Id}."),
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
            return Answer(Context.Say($"The time zone is already {id} (it's {time} there).", $"La zona horaria ya es {id} (allí son las {time})."));
        }

        var before = settings.TimeZone;
        settings.TimeZone = id;
        await SaveAsync(settings, "timezone.set", Change(before, id), cancellationToken);
        var reply = Context.Say(
            Markup.Format($"Time zone set to **{id}** (it's {time} there). Dates people type and reminders now use it."),
            Markup.Format($"Zona horaria: **{id}** (allí son las {time}). Las fechas que se escriben y los recordatorios la usan desde ahora."));
        return fromButton ? CommandResult.Update(new Reply { Text = reply, Ephemeral = true }) : Answer(reply);
    }

    private async Task<CommandResult> ListLeadsAsync(CancellationToken cancellationToken)
    {
        var leads = await db.LeadGrants.AsNoTracking().OrderBy(g => g.GrantedAt).ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return Answer(Context.Say(
                "No leads yet; only admins can use lead commands. Add one with `/coalition leads add @person` or `/coalition leads add @&role`.",
                "Aún no hay coordinadores; solo los administradores usan esos comandos. Agregue con `/coalition leads add @persona` o `/coalition leads add @&rol`."));
        }

        return new Reply
        {
            Title = Context.Say($"Leads ({leads.Count})", $"Coordinadores ({leads.Count})"),
            Bullets = leads.Select(g => Describe(g) + " · " + Context.Say("since ", "desde ") + Markup.Escape(Local(g.GrantedAt).ToString("d", Context.Culture))).ToList(),
            Footer = Context.Say("Admins come from the platform and are not listed. Remove a lead with `/coalition leads remove @person`.",
                "Los administradores vienen de la plataforma y no aparecen. Quite un coordinador con `/coalition leads remove @persona`."),
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
        var who = entry.ActorName ?? Context.Say("(name erased)", "(nombre borrado)");
        var subject = entry.SubjectId is null
            ? (entry.Action.StartsWith("lead.", StringComparison.Ordinal) ? Context.Say("(name erased)", "(nombre borrado)") : null)
            : ShowSubject(entry.Detail == "role" ? LeadSubject.Role : LeadSubject.User, entry.SubjectId, entry.SubjectName);
        var what = entry.Action switch
        {
            "timezone.set" => Context.Say("time zone: ", "zona horaria: ") + Markup.Escape(entry.Detail),
            "language.set" => Context.Say("language: ", "idioma: ") + Markup.Escape(entry.Detail),
            "channel.set" or "channel.clear" => Context.Say("channel ", "canal ") + EscapeKeepingChannels(entry.Detail),
            "lead.add" => Context.Say("made a lead: ", "nombró coordinador a: ") + subject,
            "lead.remove" => Context.Say("removed a lead: ", "quitó a un coordinador: ") + subject,
            "data.export" => Context.Say("exported the coalition's data", "exportó los datos de la coalición"),
            "personal-data.erase" => Context.Say("a member erased their personal data", "un miembro borró sus datos personales"),
            _ => Markup.Escape(entry.Action) + (entry.Detail is null ? string.Empty : ": " + Markup.Escape(entry.Detail)),
        };
        return $"{Markup.Escape(when)} — {Markup.Escape(who)} — {what}";
    }

    private static string Describe(LeadGrant grant) => ShowSubject(grant.SubjectKind, grant.SubjectId, grant.SubjectName);

    private static string ShowSubject(LeadSubject kind, string id, string? name) =>
        kind == LeadSubject.Role ? Markup.Escape($"@&{name ?? id}") : new UserRef(id).Mention;

    private string Shown(string? channelId) => channelId is null ? Context.Say("none", "ninguno") : new ChannelRef(channelId).Mention;

    private static string? Mention(string? channelId) => channelId is null ? null : new ChannelRef(channelId).Mention;

    /// <summary>An audit detail that reads the same in every language: <c>UTC → America/Chicago</c>, <c>– → es</c>.</summary>
    private static string Change(string? before, string? after) => $"{before ?? "–"} → {after ?? "–"}";

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Context.TimeZone);

    private string LanguageName(string code) => code == "es" ? Context.Say("Spanish (es)", "español (es)") : Context.Say("English (en)", "inglés (en)");

    private string ChannelTitle(CoalitionChannel purpose) => purpose switch
    {
        CoalitionChannel.Reminders => Context.Say("Reminders channel", "Canal de recordatorios"),
        CoalitionChannel.Digest => Context.Say("Digest channel", "Canal del resumen"),
        _ => Context.Say("Announcements channel", "Canal de anuncios"),
    };

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
