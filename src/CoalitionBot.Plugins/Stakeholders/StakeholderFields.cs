using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The fields of a stakeholder as <c>/stakeholder update</c> and the CSV file name them, with their rules.</summary>
internal static partial class StakeholderFields
{
    public const int NameMax = 100;
    public const int ShortMax = 100;
    public const int PhoneMax = 40;
    public const int EmailMax = 254;
    public const int WebsiteMax = 300;
    public const int ListMax = 300;
    public const int NotesMax = 1000;

    private static readonly string[] ClearWords = ["-", "none", "ninguno", "ninguna", "nada"];

    public static StakeholderField Name { get; } = new()
    {
        Name = "name",
        Aliases = ["nombre"],
        Get = s => s.Name,
        Parse = ParseName,
        Set = (s, v) =>
        {
            s.Name = (string)v!;
            s.NameKey = StakeholderNames.Key(s.Name);
        },
    };

    public static StakeholderField Kind { get; } = Choice<StakeholderKind>("kind", ["type", "tipo"], s => s.Kind, (s, v) => s.Kind = v);

    public static StakeholderField Office { get; } = Text("office", ["seat", "cargo", "puesto"], ShortMax, s => s.Office, (s, v) => s.Office = v);

    public static StakeholderField Level { get; } = new()
    {
        Name = "level",
        Aliases = ["nivel"],
        Get = s => s.Level is { } level ? Choices.Name(level) : null,
        Parse = text => IsClear(text) ? FieldValue.Ok(null) : ParseChoice<JurisdictionLevel>("level", text),
        Set = (s, v) => s.Level = (JurisdictionLevel?)v,
    };

    public static StakeholderField Jurisdiction { get; } =
        Text("jurisdiction", ["jurisdiccion", "city", "county", "ciudad", "condado"], ShortMax, s => s.Jurisdiction, (s, v) => s.Jurisdiction = v);

    public static StakeholderField Stance { get; } = Choice<Stance>("stance", ["postura", "posicion"], s => s.Stance, (s, v) => s.Stance = v);

    public static StakeholderField Influence { get; } = Choice<Influence>("influence", ["influencia"], s => s.Influence, (s, v) => s.Influence = v);

    public static StakeholderField Phone { get; } = Text("phone", ["telefono", "tel"], PhoneMax, s => s.Phone, (s, v) => s.Phone = v,
        v => PhoneRule().IsMatch(v) ? null : "stakeholders.error.phone");

    public static StakeholderField Email { get; } = Text("email", ["correo", "e-mail"], EmailMax, s => s.Email, (s, v) => s.Email = v,
        v => EmailRule().IsMatch(v) ? null : "stakeholders.error.email");

    public static StakeholderField Website { get; } = new()
    {
        Name = "website",
        Aliases = ["web", "url", "sitio", "sitio-web"],
        Get = s => s.Website,
        Parse = ParseWebsite,
        Set = (s, v) => s.Website = (string?)v,
    };

    public static StakeholderField NextElection { get; } = new()
    {
        Name = "next-election",
        Aliases = ["term-ends", "term", "election", "eleccion", "proxima-eleccion"],
        Get = s => s.NextElection?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Parse = text => IsClear(text)
            ? FieldValue.Ok(null)
            : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? FieldValue.Ok(date)
                : FieldValue.Bad("stakeholders.error.next-election", new { text }),
        Set = (s, v) => s.NextElection = (DateOnly?)v,
    };

    public static StakeholderField Committees { get; } = List("committees", ["committee", "comites", "comite"], s => s.Committees, (s, v) => s.Committees = v);

    public static StakeholderField Tags { get; } = List("tags", ["tag", "etiquetas", "etiqueta"], s => s.Tags, (s, v) => s.Tags = v);

    public static StakeholderField Notes { get; } = Text("notes", ["note", "notas", "nota"], NotesMax, s => s.Notes, (s, v) => s.Notes = v);

    public static StakeholderField Owner { get; } = new()
    {
        Name = "owner",
        Aliases = ["responsable"],
        Get = s => s.OwnerId is null ? null : $"{s.OwnerName ?? s.OwnerId} ({s.OwnerId})",
        Parse = text => IsClear(text)
            ? FieldValue.Ok(null)
            : ValueParsers.ParseUser(text) is { } user
                ? FieldValue.Ok(user)
                : FieldValue.Bad("stakeholders.error.owner", new { text }),
        Set = (s, v) =>
        {
            var user = (UserRef?)v;
            s.OwnerId = user?.Id;
            s.OwnerName = user?.Name;
        },
    };

    public static StakeholderField LastContact { get; } = Instant("last-contact", s => s.LastContactAt, (s, v) => s.LastContactAt = v);

    public static StakeholderField LastAssessed { get; } = Instant("last-assessed", s => s.LastAssessedAt, (s, v) => s.LastAssessedAt = v);

    /// <summary>Every field, in the order of the card and the CSV columns.</summary>
    public static IReadOnlyList<StakeholderField> All { get; } =
    [
        Name, Kind, Office, Level, Jurisdiction, Stance, Influence, Phone, Email, Website, NextElection, Committees, Tags, Notes, Owner, LastContact, LastAssessed,
    ];

    public static StakeholderField? Find(string name) => All.FirstOrDefault(f => f.Matches(name));

    /// <summary>True for a field name that asks for something the map never stores (immigration status, citizenship).</summary>
    public static bool IsForbidden(string name)
    {
        var key = StakeholderField.FieldKey(name);
        return key.Contains("status", StringComparison.Ordinal) || key.Contains("estatus", StringComparison.Ordinal)
            || key.Contains("immigra", StringComparison.Ordinal) || key.Contains("inmigra", StringComparison.Ordinal)
            || key.Contains("citizen", StringComparison.Ordinal) || key.Contains("ciudadan", StringComparison.Ordinal)
            || key.Contains("papeles", StringComparison.Ordinal) || key.Contains("document", StringComparison.Ordinal);
    }

    public static Message ForbiddenMessage { get; } = new("stakeholders.error.forbidden");

    public static bool IsClear(string text) => string.IsNullOrWhiteSpace(text) || ClearWords.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    private static FieldValue ParseName(string text)
    {
        var name = Collapse(text);
        if (name.Length == 0 || !name.Any(char.IsLetter))
        {
            return FieldValue.Bad("stakeholders.error.name-letter");
        }

        return name.Length > NameMax
            ? FieldValue.Bad("stakeholders.error.name-long", new { max = NameMax })
            : FieldValue.Ok(name);
    }

    private static FieldValue ParseWebsite(string text)
    {
        if (IsClear(text))
        {
            return FieldValue.Ok(null);
        }

        var trimmed = text.Trim();
        var candidate = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
        if (candidate.Length > WebsiteMax || !Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return FieldValue.Bad("stakeholders.error.website", new { text });
        }

        return FieldValue.Ok(candidate);
    }

    private static StakeholderField Text(
        string name, string[] aliases, int max, Func<Stakeholder, string?> get, Action<Stakeholder, string?> set, Func<string, string?>? validate = null) => new()
    {
        Name = name,
        Aliases = aliases,
        Get = get,
        Parse = text =>
        {
            if (IsClear(text))
            {
                return FieldValue.Ok(null);
            }

            var value = name == "notes" ? text.Trim() : Collapse(text);
            if (value.Length > max)
            {
                return FieldValue.Bad("stakeholders.error.too-long", new { field = name, max, length = value.Length });
            }

            // The validator names the key of what is wrong; its sentence names the field.
            return validate?.Invoke(value) is { } problem
                ? FieldValue.Bad(problem, new { field = name })
                : FieldValue.Ok(value);
        },
        Set = (s, v) => set(s, (string?)v),
    };

    private static StakeholderField List(string name, string[] aliases, Func<Stakeholder, string?> get, Action<Stakeholder, string?> set) => new()
    {
        Name = name,
        Aliases = aliases,
        Get = get,
        Parse = text =>
        {
            if (IsClear(text))
            {
                return FieldValue.Ok(null);
            }

            var items = text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Collapse).Where(i => i.Length > 0).DistinctBy(i => StakeholderNames.Key(i)).ToList();
            var joined = string.Join(", ", items);
            if (joined.Length > ListMax)
            {
                return FieldValue.Bad("stakeholders.error.list-long", new { field = name, max = ListMax });
            }

            return FieldValue.Ok(joined.Length == 0 ? null : joined);
        },
        Set = (s, v) => set(s, (string?)v),
    };

    private static StakeholderField Choice<TEnum>(string name, string[] aliases, Func<Stakeholder, TEnum> get, Action<Stakeholder, TEnum> set)
        where TEnum : struct, Enum => new()
    {
        Name = name,
        Aliases = aliases,
        Get = s => Choices.Name(get(s)),
        Parse = text => ParseChoice<TEnum>(name, text),
        Set = (s, v) => set(s, (TEnum)v!),
    };

    private static FieldValue ParseChoice<TEnum>(string name, string text)
        where TEnum : struct, Enum =>
        Choices.TryParse<TEnum>(text, out var value)
            ? FieldValue.Ok(value)
            : FieldValue.Bad("stakeholders.error.choice", new { field = name, text = text.Trim(), choices = Choices.Names<TEnum>() });

    private static StakeholderField Instant(string name, Func<Stakeholder, DateTimeOffset?> get, Action<Stakeholder, DateTimeOffset?> set) => new()
    {
        Name = name,
        InChat = false,
        Get = s => get(s)?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        Parse = text => IsClear(text)
            ? FieldValue.Ok(null)
            : DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? FieldValue.Ok(at)
                : FieldValue.Bad("stakeholders.error.instant", new { field = name, text }),
        Set = (s, v) => set(s, (DateTimeOffset?)v),
    };

    private static string Collapse(string text) => WhiteSpace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"^[0-9+()\-. x]{3,40}$")]
    private static partial Regex PhoneRule();

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex EmailRule();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
