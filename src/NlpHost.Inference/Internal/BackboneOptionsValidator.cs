using Microsoft.Extensions.Options;

namespace NlpHost.Inference.Internal;

/// <summary>Checks what data annotations cannot: files exist, windows fit, CUDA is there when demanded.</summary>
internal sealed class BackboneOptionsValidator : IValidateOptions<BackboneOptions>
{
    public ValidateOptionsResult Validate(string? name, BackboneOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ModelPath) && !File.Exists(options.ResolvedModelPath))
        {
            failures.Add($"Backbone:ModelPath '{options.ResolvedModelPath}' not found; build the solution to extract the default model or point Backbone:ModelPath at an ONNX encoder");
        }

        if (!string.IsNullOrWhiteSpace(options.VocabPath) && !File.Exists(options.ResolvedVocabPath))
        {
            failures.Add($"Backbone:VocabPath '{options.ResolvedVocabPath}' not found; point it at the model's vocab.txt");
        }

        if (options.WindowStride > options.WindowTokens)
        {
            failures.Add($"Backbone:WindowStride ({options.WindowStride}) must not exceed Backbone:WindowTokens ({options.WindowTokens})");
        }

        if (options.WindowTokens > options.MaxSequenceLength - 2)
        {
            failures.Add($"Backbone:WindowTokens ({options.WindowTokens}) must leave room for [CLS] and [SEP] within Backbone:MaxSequenceLength ({options.MaxSequenceLength})");
        }

        if (options.Precision is "fp16" or "bf16")
        {
            failures.Add(options.ExecutionProvider == "cpu"
                ? $"Backbone:Precision {options.Precision} is not supported on the CPU execution provider; set Backbone:Precision to fp32 or int8"
                : $"Backbone:Precision {options.Precision} needs the CUDA execution provider and is not implemented in this release (no GPU was available to validate it); set Backbone:Precision to fp32 or int8");
        }

        if (options.ExecutionProvider == "cuda" && ExecutionProviders.ProbeCuda() is { } error)
        {
            failures.Add(ExecutionProviders.CudaMissingMessage(error));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
