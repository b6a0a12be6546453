using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>/stakeholder …</c> for the whole map: the spectrum of allies, who has gone stale, and a city's or county's seats to fill in.</summary>
public sealed class StakeholderMapCommands(
    StakeholderDirectory directory,
    StakeholdersSettings settings,
    TimeProvider clock) : CommandModule
{
    [Command("stakeholder map", "The spectrum of allies: who stands where, who to move next")]
    public async Task<CommandResult> MapAsync(
        [Option("Only this city, county or state", Remainder = true, MaxLength = 100)] string? jurisdiction = null,
        CancellationToken cancellationToken = default)
    {
        var all = await directory.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return CommandResult.NotFound(EmptyMap());
        }

        var people = all;
        string? shown = null;
        if (!string.IsNullOrWhiteSpace(jurisdiction))
        {
            var words = StakeholderNames.Key(jurisdiction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            people = all.Where(s => words.All(w => StakeholderNames.HasWord(StakeholderNames.Key(s.Jurisdiction).Split(' '), w))).ToList();
            if (people.Count == 0)
            {
                var known = string.Join(", ", all.Select(s => s.Jurisdiction).Where(j => !string.IsNullOrWhiteSpace(j)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
                return CommandResult.NotFound(Context.T("stakeholders.map.no-jurisdiction", new { jurisdiction, known = known.Length == 0 ? "—" : known }));
            }

            shown = people.Select(p => p.Jurisdiction).First(j => !string.IsNullOrWhiteSpace(j));
        }

        return StakeholderCards.Map(people, shown, settings.StaleDays, clock.GetUtcNow(), Context);
    }

    [Command("stakeholder stale", "Who has not been contacted or re-assessed lately")]
    public async Task<CommandResult> StaleAsync(
        [Option("Days without contact or re-assessment (default 30)", MinValue = 1, MaxValue = 3650)] int? days = null,
        CancellationToken cancellationToken = default)
    {
        var window = days ?? settings.StaleDays;
        var now = clock.GetUtcNow();
        var reader = Context.ReaderAt(now);
        var cutoff = now.AddDays(-window);
        var all = await directory.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return CommandResult.NotFound(EmptyMap());
        }

        var stale = all
            .Where(s => s.LastTouchedAt is null || s.LastTouchedAt < cutoff)
            .OrderBy(s => s.LastTouchedAt ?? DateTimeOffset.MinValue).ThenBy(s => s.NameKey, StringComparer.Ordinal)
            .ToList();
        if (stale.Count == 0)
        {
            return new Reply { Text = Context.T("stakeholders.stale.none", new { days = window }) };
        }

        const int Shown = 25;
        return new Reply
        {
            Title = Context.T("stakeholders.stale.title", new { days = window, count = stale.Count }),
            Bullets = stale.Take(Shown).Select(s => Context.T("stakeholders.stale.line", new
            {
                name = s.Name,
                stance = new TrustedMarkup(StakeholderText.Stance(s.Stance).In(Context)),
                contact = new TrustedMarkup(StakeholderText.Ago(s.LastContactAt, reader)),
                assessed = new TrustedMarkup(StakeholderText.Ago(s.LastAssessedAt, reader)),
            })).ToList(),
            Footer = stale.Count > Shown
                ? Context.T("stakeholders.stale.more", new { count = stale.Count - Shown })
                : Context.T("stakeholders.stale.footer"),
        };
    }

    [Command("stakeholder template", "Add a city's or county's decision makers as placeholders", Role = Role.Lead)]
    public async Task<CommandResult> TemplateAsync(
        [Option("city or county")] TemplateKind kind,
        [Option("The city's or county's name", Remainder = true, MaxLength = 60)] string name,
        CancellationToken cancellationToken = default)
    {
        var place = StakeholderFields.Jurisdiction.Parse(name);
        if (place.Error is not null || place.Value is not string jurisdiction)
        {
            return CommandResult.Invalid(Context.T("stakeholders.template.no-name"));
        }

        var level = kind == TemplateKind.City ? JurisdictionLevel.City : JurisdictionLevel.County;
        var added = new List<string>();
        var skipped = new List<string>();
        foreach (var (roleName, roleKind, influence) in Seats(kind, jurisdiction))
        {
            if (await directory.NameTakenAsync(roleName, 0, cancellationToken))
            {
                skipped.Add(roleName);
                continue;
            }

            await directory.AddAsync(
                [
                    new(StakeholderFields.Name, roleName), new(StakeholderFields.Kind, roleKind), new(StakeholderFields.Level, level),
                    new(StakeholderFields.Jurisdiction, jurisdiction), new(StakeholderFields.Influence, influence),
                ],
                Context.User,
                Context.T("stakeholders.template.note"),
                cancellationToken);
            added.Add(roleName);
        }

        return new Reply
        {
            Title = Context.T("stakeholders.template.title", new { jurisdiction = new TrustedMarkup(jurisdiction), count = added.Count }),
            Bullets = added.Select(Markup.Escape).ToList(),
            Text = skipped.Count == 0 ? null : Context.T("stakeholders.template.skipped", new { names = string.Join(", ", skipped) }),
            Footer = Context.T("stakeholders.template.footer"),
        };
    }

    /// <summary>The seats of a city's or county's decision makers, named for <paramref name="jurisdiction"/> in the caller's language.</summary>
    private IEnumerable<(string Name, StakeholderKind Kind, Influence Influence)> Seats(TemplateKind kind, string jurisdiction)
    {
        var seatNumbers = Enumerable.Range(1, settings.TemplateSeats);
        return kind == TemplateKind.City
            ?
            [
                (Seat("mayor", jurisdiction), StakeholderKind.Mayor, Influence.High),
                .. seatNumbers.Select(i => (Seat("council", jurisdiction, i), StakeholderKind.CityCouncilMember, Influence.Medium)),
                (Seat("police-chief", jurisdiction), StakeholderKind.PoliceChief, Influence.High),
                (Seat("city-attorney", jurisdiction), StakeholderKind.CityAttorney, Influence.Medium),
            ]
            :
            [
                (Seat("sheriff", jurisdiction), StakeholderKind.Sheriff, Influence.High),
                (Seat("district-attorney", jurisdiction), StakeholderKind.DistrictAttorney, Influence.High),
                .. seatNumbers.Select(i => (Seat("commissioner", jurisdiction, i), StakeholderKind.CountyCommissioner, Influence.Medium)),
            ];
    }

    /// <summary>A seat's name (stored as the stakeholder's name, so plain text): "Council seat 2 (Springfield)".</summary>
    private string Seat(string seat, string jurisdiction, int number = 0) =>
        Context.T($"stakeholders.template.seat.{seat}", new { jurisdiction = new TrustedMarkup(jurisdiction), number });

    private string EmptyMap() => Context.T("stakeholders.map.empty");
}
