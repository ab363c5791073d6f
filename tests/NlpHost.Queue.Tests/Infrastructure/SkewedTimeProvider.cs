namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>A host clock that is off by <paramref name="offset"/>; timers and timestamps run at the real rate.</summary>
internal sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
