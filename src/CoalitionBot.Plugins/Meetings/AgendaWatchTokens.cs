using Microsoft.AspNetCore.DataProtection;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Keeps Legistar tokens encrypted at rest with the host's data-protection keys.</summary>
public sealed class AgendaWatchTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CoalitionBot.Meetings.LegistarToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>The token in clear, or null (with a reason) when the keys that encrypted it are gone.</summary>
    public string? Unprotect(string stored, out CatalogText? error)
    {
        error = null;
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            error = new CatalogText("meetings.watch.token-unreadable");
            return null;
        }
    }
}
