using CoalitionBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

public class ScopedLazyTests
{
    [Fact]
    public void Lazy_ResolvesTheScopesOwnInstance_OnlyOnFirstUse()
    {
        using var services = new ServiceCollection().AddCoalitionBotCore().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = services.CreateScope();
        using var other = services.CreateScope();

        var lazy = scope.ServiceProvider.GetRequiredService<Lazy<TenantContext>>();

        lazy.IsValueCreated.Should().BeFalse();
        lazy.Value.Should().BeSameAs(scope.ServiceProvider.GetRequiredService<TenantContext>())
            .And.NotBeSameAs(other.ServiceProvider.GetRequiredService<TenantContext>());
        lazy.IsValueCreated.Should().BeTrue();
    }
}
