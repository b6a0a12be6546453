using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

/// <summary>Start-up builds the core context's model alongside other work; the first command then uses that model.</summary>
public sealed class ModelWarmUpTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=unreachable;Timeout=1")]
    public async Task WarmUpCoreModelAsync_LaterContexts_UseTheWarmedModel(DatabaseProvider provider, string connectionString)
    {
        await using var services = TestDatabase.AllContexts(provider, connectionString);

        var warmed = await services.WarmUpCoreModelAsync();

        warmed.Should().NotBeNull("building a model opens no connection, so even an unreachable server allows it");
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Model.Should().BeSameAs(warmed, "the first command must not build another");
    }

    [Fact]
    public async Task WarmUpCoreModelAsync_ProviderAlreadyDisposed_ReturnsNullWithoutThrowing()
    {
        var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, "Data Source=:memory:");
        await services.DisposeAsync();

        var warmed = await services.WarmUpCoreModelAsync();

        warmed.Should().BeNull();
    }
}
