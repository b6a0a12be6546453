using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One default checklist item of the organizing toolkit.</summary>
internal sealed record DefaultItem(string Key, CampaignStep Step, Text2 Text);

/// <summary>The six steps' names and the toolkit's default checklist, in English and Spanish.</summary>
internal static class CampaignSteps
{
    public static readonly IReadOnlyList<CampaignStep> All = Enum.GetValues<CampaignStep>();

    public static Text2 Name(CampaignStep step) => step switch
    {
        CampaignStep.InformationGathering => new("Information gathering", "Recopilación de información"),
        CampaignStep.Education => new("Education", "Educación"),
        CampaignStep.PersonalCommitment => new("Personal commitment", "Compromiso personal"),
        CampaignStep.Negotiation => new("Negotiation", "Negociación"),
        CampaignStep.DirectAction => new("Nonviolent direct action", "Acción directa no violenta"),
        _ => new("Reconciliation", "Reconciliación"),
    };

    /// <summary>"Step 4: Negotiation".</summary>
    public static string Label(CampaignStep step, bool spanish) =>
        (spanish ? "Paso " : "Step ") + (int)step + ": " + Name(step).In(spanish);

    /// <summary>The toolkit's checklist every new campaign starts with; leads edit it per campaign.</summary>
    public static readonly IReadOnlyList<DefaultItem> Defaults =
    [
        new("1.decision-makers", CampaignStep.InformationGathering, new(
            "Map the decision makers (who votes, who signs, who enforces)",
            "Mapear a quienes deciden (quién vota, quién firma, quién hace cumplir)")),
        new("1.practice", CampaignStep.InformationGathering, new(
            "Learn current practice: 287(g) agreement? Detainers honored? ICE access to the jail? Fingerprint and information sharing?",
            "Conocer la práctica actual: ¿hay acuerdo 287(g)? ¿Se cumplen las solicitudes de retención (detainers)? ¿Tiene ICE acceso a la cárcel? ¿Se comparten huellas dactilares e información?")),
        new("1.data", CampaignStep.InformationGathering, new(
            "Gather data (public records requests, budgets, jail bookings)",
            "Reunir datos (solicitudes de información pública, presupuestos, registros de ingreso a la cárcel)")),
        new("1.deadlines", CampaignStep.InformationGathering, new(
            "Find the deadlines: votes, budget decisions, contract renewals, elections",
            "Identificar las fechas clave: votaciones, presupuesto, renovación de contratos, elecciones")),
        new("1.stories", CampaignStep.InformationGathering, new(
            "Collect stories of people affected, only with their consent",
            "Recoger testimonios de personas afectadas, solo con su consentimiento")),
        new("2.talking-points", CampaignStep.Education, new(
            "Talking points ready for each audience (see /tp)",
            "Mensajes clave listos para cada público (vea /tp)")),
        new("2.community-meetings", CampaignStep.Education, new(
            "Community meetings held",
            "Reuniones comunitarias realizadas")),
        new("2.allies", CampaignStep.Education, new(
            "Allies briefed",
            "Aliados informados")),
        new("2.media", CampaignStep.Education, new(
            "Media and social media plan",
            "Plan de medios y redes sociales")),
        new("3.pledges", CampaignStep.PersonalCommitment, new(
            "Volunteers and pledges counted",
            "Conteo de voluntarios y compromisos")),
        new("3.roles", CampaignStep.PersonalCommitment, new(
            "Roles assigned",
            "Roles asignados")),
        new("3.nonviolence", CampaignStep.PersonalCommitment, new(
            "Commitment to nonviolence made",
            "Compromiso con la no violencia asumido")),
        new("4.one-on-ones", CampaignStep.Negotiation, new(
            "One-on-one meeting with each target",
            "Reunión individual con cada persona que decide")),
        new("4.demands", CampaignStep.Negotiation, new(
            "Policy demands presented",
            "Demandas de política presentadas")),
        new("4.responses", CampaignStep.Negotiation, new(
            "Responses recorded",
            "Respuestas registradas")),
        new("5.petition", CampaignStep.DirectAction, new(
            "Petition launched with a signature goal",
            "Petición lanzada con una meta de firmas")),
        new("5.public-comment", CampaignStep.DirectAction, new(
            "Public comment at council meetings",
            "Comentario público en las sesiones del concejo municipal")),
        new("5.rallies", CampaignStep.DirectAction, new(
            "Rallies held",
            "Manifestaciones realizadas")),
        new("5.tactics", CampaignStep.DirectAction, new(
            "Tactics chosen (see /campaign tactics)",
            "Tácticas elegidas (vea /campaign tactics)")),
        new("6.policy", CampaignStep.Reconciliation, new(
            "Policy passed or agreement reached",
            "Política aprobada o acuerdo alcanzado")),
        new("6.monitoring", CampaignStep.Reconciliation, new(
            "Implementation monitored",
            "Seguimiento de la implementación")),
        new("6.relationships", CampaignStep.Reconciliation, new(
            "Relationships with former opponents rebuilt",
            "Relaciones con antiguos opositores reconstruidas")),
    ];

    private static readonly Dictionary<string, DefaultItem> ByKey = Defaults.ToDictionary(d => d.Key, StringComparer.Ordinal);

    /// <summary>The item's text for a reader: a seeded item in their language, a typed one as typed.</summary>
    public static string TextOf(CampaignItem item, bool spanish) =>
        item.SeedKey is { } key && ByKey.TryGetValue(key, out var seeded) ? seeded.Text.In(spanish) : item.Text;

    /// <summary>Every text the item is known by (both languages for seeded items), for matching what people type.</summary>
    public static IEnumerable<string> TextsOf(CampaignItem item) =>
        item.SeedKey is { } key && ByKey.TryGetValue(key, out var seeded) ? [seeded.Text.En, seeded.Text.Es] : [item.Text];
}
