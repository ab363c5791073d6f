using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Backbone;

using NlpHost.Testing;

namespace NlpHost.Inference.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Backbone:ExecutionProvider", "tpu")]
    [InlineData("Backbone:ModelPath", "models/nowhere/model.onnx")]
    [InlineData("Backbone:VocabPath", "models/nowhere/vocab.txt")]
    [InlineData("Backbone:MaxSequenceLength", "4096")]
    [InlineData("Backbone:MaxBatchSize", "0")]
    public void Invalid_setting_fails_start_up_naming_the_key(string key, string value)
    {
        using var services = RealBackbone.BuildServices(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task Registering_does_not_load_the_model()
    {
        await using var services = RealBackbone.BuildServices(new Dictionary<string, string?> { ["Backbone:ModelPath"] = "models/nowhere/model.onnx" });

        Assert.NotNull(services.GetRequiredService<IBackbone>());
    }

    [Fact]
    public void Cuda_without_cuda_fails_start_up_with_a_clear_message()
    {
        using var services = RealBackbone.BuildServices(new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "cuda" });
        var error = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());
        if (error is null)
        {
            Assert.Equal("cuda", services.GetRequiredService<IBackbone>().Info.ExecutionProvider);
            return;
        }

        Assert.Contains("Backbone:ExecutionProvider is 'cuda' but the CUDA execution provider cannot be loaded", error.Message);
        Assert.Contains("'auto' or 'cpu'", error.Message);
    }

    [Fact]
    public async Task Auto_falls_back_to_the_cpu_with_one_log_line()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = RealBackbone.BuildServices(
            new Dictionary<string, string?> { ["Backbone:ExecutionProvider"] = "auto" },
            s => s.AddLogging(b => b.AddProvider(logs)));
        var backbone = services.GetRequiredService<IBackbone>();

        var vector = (await backbone.EmbedAsync(["fallback works"], CancellationToken.None))[0];
        backbone.OpenModel("models/backbone/model.onnx");

        Assert.Equal(backbone.Info.HiddenSize, vector.Length);
        // The fallback is expected, not a fault: one information line, no warning.
        Assert.DoesNotContain(logs.Messages, m => m.Level >= LogLevel.Warning);
        var cuda = logs.Messages.Where(m => m.Text.Contains("CUDA", StringComparison.Ordinal)).ToList();
        if (backbone.Info.ExecutionProvider == "cpu")
        {
            var line = Assert.Single(cuda);
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.StartsWith("CUDA not available (", line.Text, StringComparison.Ordinal);
            Assert.EndsWith("): using CPU", line.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(cuda);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add((logLevel, formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }
}
