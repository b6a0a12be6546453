using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>What kind of official or organization a stakeholder is.</summary>
public enum StakeholderKind
{
    [Choice("mayor", "alcalde", "alcaldesa")]
    Mayor,

    [Choice("city-council-member", "council-member", "concejal", "concejala")]
    CityCouncilMember,

    [Choice("county-commissioner", "commissioner", "comisionado", "comisionada")]
    CountyCommissioner,

    [Choice("sheriff", "alguacil")]
    Sheriff,

    [Choice("police-chief", "jefe-de-policia", "jefa-de-policia")]
    PoliceChief,

    [Choice("district-attorney", "da", "fiscal")]
    DistrictAttorney,

    [Choice("city-attorney", "abogado-de-la-ciudad", "abogada-de-la-ciudad")]
    CityAttorney,

    [Choice("state-legislator", "legislator", "legislador", "legisladora")]
    StateLegislator,

    [Choice("union", "sindicato")]
    Union,

    [Choice("faith-community", "faith", "comunidad-de-fe", "iglesia")]
    FaithCommunity,

    [Choice("business", "negocio", "empresa")]
    Business,

    [Choice("community-organization", "organization", "organizacion", "organizacion-comunitaria")]
    CommunityOrganization,

    [Choice("media", "medios", "prensa")]
    Media,

    [Choice("other", "otro", "otra")]
    Other,
}
