using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// Builds each job's pipeline: retry (transient faults, exponential backoff with jitter) → the circuit breaker shared
/// by all jobs of this worker (it guards the backbone) → a timeout per attempt. Pipelines are built once per (retries,
/// timeout) and shared; what is per job (its retry bookkeeping) travels in the execution's <see cref="ResilienceContext"/>.
/// </summary>
internal sealed class JobPipelines
{
    private readonly WorkerOptions _options;
    private readonly ResiliencePipeline _breaker;
    private readonly CircuitBreakerStateProvider _breakerState = new();

    private readonly FaultClassifier _faults;
    private readonly ConcurrentDictionary<(int Retries, TimeSpan Timeout), ResiliencePipeline> _built = new();

    public JobPipelines(IOptions<WorkerOptions> options, FaultClassifier faults)
    {
        _options = options.Value;
        _faults = faults;
        _breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && _faults.IsTransient(e)),
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = BreakDuration,
                StateProvider = _breakerState,
            })
            .Build();
    }

    public TimeSpan BreakDuration => TimeSpan.FromSeconds(_options.BreakerBreakSeconds);

    public bool IsCircuitOpen => _breakerState.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Set on a job's <see cref="ResilienceContext"/>: runs before each retry of that job (records the attempt).</summary>
    public static ResiliencePropertyKey<Func<OnRetryArguments<object>, ValueTask>> OnRetry { get; } = new("nlphost.job.onRetry");

    /// <param name="retries">In-process retries left to this job; each counts as an attempt.</param>
    /// <param name="timeout">Longest one attempt may run.</param>
    public ResiliencePipeline Get(int retries, TimeSpan timeout) => _built.GetOrAdd((retries, timeout), key => Create(key.Retries, key.Timeout));

    private ResiliencePipeline Create(int retries, TimeSpan timeout)
    {
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && _faults.IsTransient(e)),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(_options.BackoffBaseSeconds),
                MaxDelay = TimeSpan.FromSeconds(_options.BackoffMaxSeconds),
                OnRetry = args => args.Context.Properties.TryGetValue(OnRetry, out var onRetry) ? onRetry(args) : ValueTask.CompletedTask,
            });
        }

        return builder
            .AddPipeline(_breaker)
            .AddTimeout(timeout)
            .Build();
    }

    /// <summary>Queue-level backoff for faults the pipeline does not retry: base × 2^(attempt−1), capped, with equal jitter.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BackoffBaseSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, _options.BackoffMaxSeconds);
        return TimeSpan.FromSeconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
