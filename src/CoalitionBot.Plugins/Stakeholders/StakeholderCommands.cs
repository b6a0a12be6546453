using System.Globalization;
using System.Text.Json;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>/stakeholder …</c> for one person: look them up, add them, keep their card current, remove them.</summary>
public sealed class StakeholderCommands(
    StakeholderDirectory directory,
    TimeProvider clock,
    IEnumerable<IStakeholderCardSection> sections) : CommandModule
{
    private const int HistoryOnCard = 5;

    private const int MaxPicks = 5;

    [Command("stakeholder find", "Search the power map by name, office, place or tag")]
    public async Task<CommandResult> FindAsync(
        [Option("Words to look for, like: ruiz, sheriff, budget", Remainder = true, MaxLength = 100)] string query,
        CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(cancellationToken);
        var found = StakeholderNames.Search(query, all, StakeholderText.KindWords(Context));
        if (found.Count == 0)
        {
            return CommandResult.NotFound(Context.T("stakeholders.find.none", new { query }));
        }

        var shown = found.Take(10).ToList();
        return new Reply
        {
            Title = Context.T("stakeholders.find.title", new { count = found.Count }),
            Bullets = shown.Select(s => Context.T("stakeholders.find.line", new
            {
                name = s.Name,
                summary = new TrustedMarkup(StakeholderText.Summary(s, Context)),
                stance = new TrustedMarkup(StakeholderText.Stance(s.Stance).In(Context)),
            })).ToList(),
            // One button per line shown, so every person listed can be opened (not only the first few, which may all be template seats).
            Buttons = shown.Select(s => new ReplyButton("stakeholders.show", StakeholderText.PickLabel(s, Context), s.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            Footer = found.Count > shown.Count ? Context.T("stakeholders.find.more", new { shown = shown.Count }) : null,
            Ephemeral = true,
        };
    }

    [Command("stakeholder show", "Card of an official or organization: stance, contact, history")]
    public async Task<CommandResult> ShowAsync(
        [Option("Their name; titles and accents don't matter", Remainder = true, MaxLength = 100)] string name,
        CancellationToken cancellationToken)
    {
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Show, new PickPayload(), cancellationToken);
        return stakeholder is null ? answer! : await CardAsync(stakeholder, cancellationToken);
    }

    [Command("stakeholder add", "Add an official or organization (not community members)", Role = Role.Lead)]
    public async Task<CommandResult> AddAsync(
        [Option("Their name, like \"Ana Ruiz\"", MaxLength = StakeholderFields.NameMax)] string name,
        [Option("Fields, like kind:mayor jurisdiction:Springfield stance:neutral influence:high", Remainder = true)] string? details = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = StakeholderDetails.Parse(name, details);
        if (parsed.Error is { } error)
        {
            return CommandResult.Invalid(error.In(Context));
        }

        var nameValue = StakeholderFields.Name.Parse(parsed.Name);
        if (nameValue.Error is { } badName)
        {
            return CommandResult.Invalid(badName.In(Context));
        }

        var changes = parsed.Changes;
        if (changes.FirstOrDefault(c => c.Field == StakeholderFields.Name) is { Field: not null } rename)
        {
            nameValue = FieldValue.Ok(rename.Value);
            changes = changes.Where(c => c.Field != StakeholderFields.Name).ToList();
        }

        var fullName = (string)nameValue.Value!;
        if (await directory.NameTakenAsync(fullName, 0, cancellationToken))
        {
            return CommandResult.Invalid(Context.T("stakeholders.add.taken", new { name = fullName }));
        }

        var stakeholder = await directory.AddAsync([new(StakeholderFields.Name, fullName), .. changes], Context.User, note: null, cancellationToken);
        var card = await CardAsync(stakeholder, cancellationToken);
        return card.Reply with { Title = Context.T("stakeholders.add.title", new { name = new TrustedMarkup(stakeholder.Name) }) };
    }

    [Command("stakeholder update", "Change fields of a stakeholder, like phone:… office:…", Role = Role.Lead)]
    public async Task<CommandResult> UpdateAsync(
        // Not "name": that is a field (name:"Maria Chen" renames a template seat), so the option naming who to change is "who".
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax)] string who,
        [Option("Changes as field:value, like name:\"Ana Ruiz\" phone:555-0100 tags:budget,police", Remainder = true)] string changes,
        CancellationToken cancellationToken = default)
    {
        var parsed = StakeholderDetails.Parse(who, changes);
        if (parsed.Error is { } error)
        {
            return CommandResult.Invalid(error.In(Context));
        }

        if (parsed.Changes.Count == 0)
        {
            return CommandResult.Invalid(Context.T("stakeholders.update.nothing", new { fields = StakeholderDetails.ChatFieldNames }));
        }

        var payload = new PickPayload { Changes = parsed.Raw };
        var (stakeholder, answer) = await ResolveAsync(parsed.Name, PendingAction.Update, payload, cancellationToken);
        return stakeholder is null ? answer! : await ApplyUpdateAsync(stakeholder, parsed.Changes, cancellationToken);
    }

    [Command("stakeholder stance", "Set where someone stands on the spectrum of allies", Role = Role.Lead)]
    public async Task<CommandResult> StanceAsync(
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax)] string name,
        [Option("Where they stand now")] Stance stance,
        [Option("Why, or what happened", Remainder = true, MaxLength = StakeholderFields.NotesMax)] string? note = null,
        CancellationToken cancellationToken = default)
    {
        var payload = new PickPayload { Stance = Choices.Name(stance), Note = note };
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Stance, payload, cancellationToken);
        return stakeholder is null ? answer! : await ApplyStanceAsync(stakeholder, stance, note, cancellationToken);
    }

    [Command("stakeholder contact", "Log a call, meeting or email with a stakeholder")]
    public async Task<CommandResult> ContactAsync(
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax)] string name,
        [Option("What happened (about their office, not anyone's personal story)", Remainder = true, MaxLength = StakeholderFields.NotesMax)] string note,
        CancellationToken cancellationToken = default)
    {
        (name, note) = await ExtendNameAsync(name, note, cancellationToken);
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Contact, new PickPayload { Note = note }, cancellationToken);
        return stakeholder is null ? answer! : await ApplyContactAsync(stakeholder, note, cancellationToken);
    }

    [Command("stakeholder remove", "Remove someone from the power map (asks first)", Role = Role.Lead)]
    public async Task<CommandResult> RemoveAsync(
        [Option("Who", Remainder = true, MaxLength = StakeholderFields.NameMax)] string name,
        CancellationToken cancellationToken)
    {
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Remove, new PickPayload(), cancellationToken);
        return stakeholder is null ? answer! : ConfirmRemove(stakeholder);
    }

    [Button("stakeholders.show")]
    public async Task<CommandResult> ShowButtonAsync(string value, CancellationToken cancellationToken)
    {
        var stakeholder = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await directory.GetAsync(id, cancellationToken) : null;
        return stakeholder is null ? Gone() : await CardAsync(stakeholder, cancellationToken);
    }

    [Button("stakeholders.pick")]
    public async Task<CommandResult> PickAsync(string value, CancellationToken cancellationToken)
    {
        var parts = value.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pickId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stakeholderId))
        {
            return Expired();
        }

        var pick = await directory.FindPickAsync(pickId, cancellationToken);
        if (pick is null)
        {
            return Expired();
        }

        if (pick.UserId != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.T("stakeholders.pick.not-yours"));
        }

        if (pick.Action is PendingAction.Stance or PendingAction.Update or PendingAction.Remove && Context.Role < Role.Lead)
        {
            return CommandResult.Forbidden(Context.T("stakeholders.pick.leads-only"));
        }

        if (!pick.CandidateIds.Split(',').Contains(stakeholderId.ToString(CultureInfo.InvariantCulture)))
        {
            return Expired();
        }

        await directory.DeletePickAsync(pick, cancellationToken);
        var stakeholder = await directory.GetAsync(stakeholderId, cancellationToken);
        if (stakeholder is null)
        {
            return Gone();
        }

        var payload = JsonSerializer.Deserialize<PickPayload>(pick.Payload) ?? new PickPayload();
        var result = pick.Action switch
        {
            PendingAction.Stance when Choices.TryParse<Stance>(payload.Stance ?? string.Empty, out var stance) => await ApplyStanceAsync(stakeholder, stance, payload.Note, cancellationToken),
            PendingAction.Contact when !string.IsNullOrWhiteSpace(payload.Note) => await ApplyContactAsync(stakeholder, payload.Note, cancellationToken),
            PendingAction.Update => await ApplyUpdateAsync(stakeholder, StakeholderDetails.ReadChanges(payload.Changes), cancellationToken),
            PendingAction.Remove => ConfirmRemove(stakeholder),
            _ => await CardAsync(stakeholder, cancellationToken),
        };
        return result.IsSuccess ? result with { UpdatesOriginal = true } : result;
    }

    [Button("stakeholders.remove", Role = Role.Lead)]
    public async Task<CommandResult> ConfirmRemoveAsync(string value, CancellationToken cancellationToken)
    {
        var stakeholder = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await directory.GetAsync(id, cancellationToken) : null;
        if (stakeholder is null)
        {
            return Gone();
        }

        await directory.RemoveAsync(stakeholder, Context.User, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Text = Context.T("stakeholders.remove.done", new { name = stakeholder.Name }),
        });
    }

    [Button("stakeholders.cancel")]
    public CommandResult Cancel(string value) =>
        CommandResult.Update(new Reply { Text = Context.T("stakeholders.remove.cancelled"), Ephemeral = true });

    private async Task<CommandResult> CardAsync(Stakeholder stakeholder, CancellationToken cancellationToken)
    {
        var history = await directory.HistoryAsync(stakeholder.Id, HistoryOnCard, cancellationToken);
        var extra = new List<ReplyField>();
        foreach (var section in sections)
        {
            if (await section.DescribeAsync(new StakeholderRef(stakeholder.Id, stakeholder.Name), Context, cancellationToken) is { } field)
            {
                extra.Add(field);
            }
        }

        return StakeholderCards.Card(stakeholder, history, extra, clock.GetUtcNow(), Context);
    }

    private async Task<CommandResult> ApplyStanceAsync(Stakeholder stakeholder, Stance stance, string? note, CancellationToken cancellationToken)
    {
        var before = stakeholder.Stance;
        await directory.UpdateAsync(stakeholder, [new(StakeholderFields.Stance, stance)], Context.User, note, cancellationToken);
        var now = new TrustedMarkup(StakeholderText.Stance(stance).In(Context));
        var text = before == stance
            ? Context.T("stakeholders.stance.confirmed", new { name = stakeholder.Name, stance = now })
            : Context.T("stakeholders.stance.changed", new { name = stakeholder.Name, before = new TrustedMarkup(StakeholderText.Stance(before).In(Context)), after = now });
        return new Reply { Text = text, Footer = Context.T("stakeholders.stance.footer") };
    }

    private async Task<CommandResult> ApplyContactAsync(Stakeholder stakeholder, string note, CancellationToken cancellationToken)
    {
        await directory.LogContactAsync(stakeholder.Id, Context.User, note, cancellationToken);
        return new Reply
        {
            Text = Context.T("stakeholders.contact.logged", new { name = stakeholder.Name }),
        };
    }

    private async Task<CommandResult> ApplyUpdateAsync(Stakeholder stakeholder, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        if (changes.FirstOrDefault(c => c.Field == StakeholderFields.Name) is { Field: not null } rename
            && await directory.NameTakenAsync((string)rename.Value!, stakeholder.Id, cancellationToken))
        {
            return CommandResult.Invalid(Context.T("stakeholders.update.name-taken", new { name = (string)rename.Value! }));
        }

        var events = await directory.UpdateAsync(stakeholder, changes, Context.User, note: null, cancellationToken);
        if (events.Count == 0)
        {
            return new Reply { Text = Context.T("stakeholders.update.unchanged", new { name = stakeholder.Name }) };
        }

        var reader = Context.ReaderAt(clock.GetUtcNow());
        return new Reply
        {
            Title = Context.T("stakeholders.update.title", new { name = new TrustedMarkup(stakeholder.Name) }),
            Bullets = events.Select(e => StakeholderText.HistoryLine(e, reader, Context)).ToList(),
            Footer = Context.T("stakeholders.update.footer"),
        };
    }

    private CommandResult ConfirmRemove(Stakeholder stakeholder) => new Reply
    {
        Text = Context.T("stakeholders.remove.confirm", new { name = stakeholder.Name }),
        Buttons =
        [
            new("stakeholders.remove", Context.T("stakeholders.remove.button"), stakeholder.Id.ToString(CultureInfo.InvariantCulture), ButtonStyle.Danger),
            new("stakeholders.cancel", Context.T("stakeholders.remove.cancel")),
        ],
        Ephemeral = true,
    };

    /// <summary>The one stakeholder a name means; otherwise the answer to give: a pick list (buttons) or "not found".</summary>
    private async Task<(Stakeholder? Found, CommandResult? Answer)> ResolveAsync(string name, PendingAction action, PickPayload payload, CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(cancellationToken);
        var candidates = StakeholderNames.Resolve(name, all);
        if (candidates.Count == 1)
        {
            return (candidates[0], null);
        }

        if (candidates.Count == 0)
        {
            var similar = StakeholderNames.Search(name, all, StakeholderText.KindWords(Context)).Take(3).Select(s => s.Name).ToList();
            return (null, CommandResult.NotFound(similar.Count == 0
                ? Context.T("stakeholders.resolve.none", new { name })
                : Context.T("stakeholders.resolve.none-similar", new { name, similar = string.Join(", ", similar) })));
        }

        var offered = candidates.OrderBy(c => c.NameKey, StringComparer.Ordinal).Take(MaxPicks).ToList();
        var pickId = await directory.SavePickAsync(action, JsonSerializer.Serialize(payload), offered, Context.User, cancellationToken);
        return (null, CommandResult.Ok(new Reply
        {
            Text = candidates.Count > MaxPicks
                ? Context.T("stakeholders.resolve.several-more", new { name, shown = MaxPicks, count = candidates.Count })
                : Context.T("stakeholders.resolve.several", new { name }),
            Buttons = offered.Select(c => new ReplyButton(
                "stakeholders.pick", StakeholderText.PickLabel(c, Context), string.Create(CultureInfo.InvariantCulture, $"{pickId}:{c.Id}"))).ToList(),
            Ephemeral = true,
        }));
    }

    /// <summary>For an unquoted name that ran into the note ("contact Ana Ruiz called her office"): the longest name that finds someone.</summary>
    private async Task<(string Name, string Remaining)> ExtendNameAsync(string name, string rest, CancellationToken cancellationToken)
    {
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return (name, rest);
        }

        var all = await directory.ListAsync(cancellationToken);
        for (var take = Math.Min(4, words.Length - 1); take >= 1; take--)
        {
            var longer = $"{name} {string.Join(' ', words.Take(take))}";
            if (all.Any(s => s.NameKey == StakeholderNames.Key(longer) || StakeholderNames.StripTitles(s.NameKey).Core == StakeholderNames.StripTitles(StakeholderNames.Key(longer)).Core))
            {
                return (longer, string.Join(' ', words.Skip(take)));
            }
        }

        return (name, rest);
    }

    private CommandResult Expired() => CommandResult.Invalid(Context.T("stakeholders.pick.expired"));

    private CommandResult Gone() => CommandResult.NotFound(Context.T("stakeholders.gone"));

    /// <summary>What a pick list completes once the person picks: stored as JSON with the pick.</summary>
    private sealed record PickPayload
    {
        public string? Stance { get; init; }

        public string? Note { get; init; }

        /// <summary>For an update: field name → value as typed; read again when the pick is made.</summary>
        public IReadOnlyDictionary<string, string>? Changes { get; init; }
    }
}
