using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class TasksDbContextDesignFactory : IDesignTimeDbContextFactory<TasksDbContext>
{
    public TasksDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TasksDbContext>("tasks"), new TenantContext());
}
