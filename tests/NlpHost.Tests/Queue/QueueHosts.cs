using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>
/// The host tests of the queue run one at a time and alone (each starts several processes, on as few as 2 cores), which
/// also keeps their build of tests/Fixtures from racing another fixture's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QueueHosts : ICollectionFixture<FixturePlugins>
{
    public const string Name = "queue hosts";
}
