namespace CoalitionBot.Plugins.Shared;

/// <summary>One occurrence of a meeting as other plugins see it.</summary>
/// <param name="Number">The meeting's short per-coalition number (<c>#4</c>).</param>
/// <param name="Title">The meeting's title.</param>
/// <param name="Start">When this occurrence starts.</param>
public sealed record CalendarMeeting(int Number, string Title, DateTimeOffset Start);

/// <summary>
/// The coalition's meetings as other plugins see them (the campaigns plugin shows the next one and counts targets met).
/// Implemented by the meetings plugin; not registered when that plugin is off, so take it as
/// <c>IEnumerable&lt;IMeetingCalendar&gt;</c>. Scoped: it works for the current command's coalition.
/// </summary>
public interface IMeetingCalendar
{
    /// <summary>The first occurrence starting at or after <paramref name="from"/> (within about a year), skipping cancelled meetings and dates; null when none.</summary>
    Task<CalendarMeeting?> NextAsync(DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>The meetings that took place between the two instants, each once with its first occurrence there; skipped dates and cancelled meetings did not take place.</summary>
    Task<IReadOnlyList<CalendarMeeting>> HeldAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
