using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Plugins;

/// <summary>
/// What a service gets when it asks for <see cref="Lazy{T}"/>: the service from the same scope, resolved on first use.
/// </summary>
/// <remarks>
/// For a dependency that a command needs only sometimes, above all a <c>DbContext</c> behind an in-memory cache:
/// constructing one costs more than answering a cached read, so a command that never touches it should not build it.
/// </remarks>
public sealed class ScopedLazy<T>(IServiceProvider services) : Lazy<T>(services.GetRequiredService<T>, LazyThreadSafetyMode.ExecutionAndPublication)
    where T : notnull;
