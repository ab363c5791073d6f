using NlpHost.Tasks.Sdk.Models;

namespace NlpHost.Tasks.Sdk.Tests.Models;

public sealed class ModelCacheTests
{
    [Fact]
    public async Task A_model_is_loaded_once_per_key_and_disposed_with_the_cache()
    {
        var cache = new ModelCache<Model>();
        var loads = 0;

        var first = cache.Get("a", () => new Model(Interlocked.Increment(ref loads)));
        var again = cache.Get("a", () => new Model(Interlocked.Increment(ref loads)));
        var other = cache.Get("b", () => new Model(Interlocked.Increment(ref loads)));
        await cache.DisposeAsync();

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, loads);
        Assert.True(first.Disposed && other.Disposed);
    }

    [Fact]
    public void A_failed_load_is_not_kept_so_the_next_call_loads_again()
    {
        var cache = new ModelCache<Model>();
        var missing = true;
        Model Load() => missing ? throw new FileNotFoundException("head.onnx not found") : new Model(1);

        var error = Assert.Throws<FileNotFoundException>(() => cache.Get("a", Load));
        Assert.Equal(0, cache.Count);
        missing = false;
        var model = cache.Get("a", Load);

        Assert.Equal("head.onnx not found", error.Message);
        Assert.Equal(1, model.Id);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Concurrent_callers_of_one_key_share_one_load()
    {
        var cache = new ModelCache<Model>();
        var loads = 0;
        using var gate = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.Get("a", () =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return new Model(Interlocked.Increment(ref loads));
        }))).ToList();
        gate.Set();
        var models = await Task.WhenAll(callers);

        Assert.Equal(1, loads);
        Assert.All(models, m => Assert.Same(models[0], m));
    }

    private sealed class Model(int id) : IDisposable
    {
        public int Id { get; } = id;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
