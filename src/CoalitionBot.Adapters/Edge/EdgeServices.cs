using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoalitionBot.Adapters.Edge;

/// <summary>Registers what every platform adapter shares at its edge, once however many adapters ask for it.</summary>
public static class EdgeServices
{
    /// <summary>Registers the background-work tracker (stopped with the host) and the duplicate-delivery guard.</summary>
    public static IServiceCollection AddAdapterEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<DeliveryGuard>();
        services.TryAddSingleton<BackgroundWork>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundWork>(sp => sp.GetRequiredService<BackgroundWork>()));
        return services;
    }
}
