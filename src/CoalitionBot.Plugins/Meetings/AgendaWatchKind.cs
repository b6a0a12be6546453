namespace CoalitionBot.Plugins.Meetings;

/// <summary>What an agenda watch follows.</summary>
public enum AgendaWatchKind
{
    /// <summary>Bodies' meetings: imported as meetings, their agenda items matched against keywords.</summary>
    Bodies = 0,

    /// <summary>One matter (<c>Res 31877</c>) across meetings: scheduling, status and votes.</summary>
    Matter = 1,
}
