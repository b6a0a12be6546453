using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresTasksDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresTasksDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresTasksDbContext>
{
    public PostgresTasksDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TasksDbContext>("tasks", DatabaseProvider.Postgres), new TenantContext());
}
