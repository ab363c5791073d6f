using System.ComponentModel.DataAnnotations;

namespace NlpHost.Inference;

/// <summary>Settings of the shared encoder, bound from the <c>Backbone</c> configuration section.</summary>
public sealed class BackboneOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Backbone";

    /// <summary>
    /// Directory that relative <see cref="ModelPath"/> and <see cref="VocabPath"/> are resolved against; unset means the
    /// current directory, which is the nlphost host's content root.
    /// </summary>
    public string? BaseDirectory { get; set; }

    /// <summary>ONNX export of a BERT-family encoder (inputs <c>input_ids</c>, <c>attention_mask</c>, optional <c>token_type_ids</c>).</summary>
    [Required(ErrorMessage = "Backbone:ModelPath is required (e.g. models/backbone/model.onnx)")]
    public string ModelPath { get; set; } = "models/backbone/model.onnx";

    /// <summary>The model's WordPiece <c>vocab.txt</c>.</summary>
    [Required(ErrorMessage = "Backbone:VocabPath is required (e.g. models/backbone/vocab.txt)")]
    public string VocabPath { get; set; } = "models/backbone/vocab.txt";

    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cuda</c> (fail when CUDA is missing) or <c>cpu</c>.</summary>
    [Required(ErrorMessage = "Backbone:ExecutionProvider is required: auto, cuda or cpu")]
    [RegularExpression("^(auto|cuda|cpu)$", ErrorMessage = "Backbone:ExecutionProvider must be auto, cuda or cpu")]
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>The default <see cref="Precision"/>.</summary>
    public const string PrecisionFp32 = "fp32";

    /// <summary>Dynamic int8 quantization of the encoder's weight MatMuls, derived from the fp32 model at load time.</summary>
    public const string PrecisionInt8 = "int8";

    /// <summary>
    /// Numeric precision of the encoder: <c>fp32</c> (the model as shipped), <c>int8</c> (its MatMuls quantized
    /// dynamically, see docs/benchmarks.md for what it gives), <c>fp16</c> or <c>bf16</c> (refused: they need CUDA and
    /// are not implemented). Heads that read hidden states declare the precisions they were validated for.
    /// </summary>
    [RegularExpression("^(fp32|int8|fp16|bf16)$", ErrorMessage = "Backbone:Precision must be fp32, int8, fp16 or bf16")]
    public string Precision { get; set; } = PrecisionFp32;

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    [Range(0, 1024, ErrorMessage = "Backbone:IntraOpThreads must be between 0 (automatic) and 1024")]
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime choose.</summary>
    [Range(0, 1024, ErrorMessage = "Backbone:InterOpThreads must be between 0 (automatic) and 1024")]
    public int InterOpThreads { get; set; }

    /// <summary>ONNX Runtime graph optimizations: <c>disable</c>, <c>basic</c>, <c>extended</c> or <c>all</c>.</summary>
    [RegularExpression("^(disable|basic|extended|all)$", ErrorMessage = "Backbone:GraphOptimizationLevel must be disable, basic, extended or all")]
    public string GraphOptimizationLevel { get; set; } = "all";

    /// <summary>Most tokens per sequence, special tokens included; 256 suits all-MiniLM-L6-v2, BERT position embeddings cap it at 512.</summary>
    [Range(8, 512, ErrorMessage = "Backbone:MaxSequenceLength must be between 8 and 512")]
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>Lowercase and strip accents before WordPiece (uncased models).</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>Most sequences run together in one encoder call.</summary>
    [Range(1, 1024, ErrorMessage = "Backbone:MaxBatchSize must be between 1 and 1024")]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long a partial batch waits for more concurrent requests, once requests are arriving concurrently.</summary>
    [Range(0, 1000, ErrorMessage = "Backbone:MaxBatchWaitMilliseconds must be between 0 and 1000")]
    public int MaxBatchWaitMilliseconds { get; set; } = 2;

    /// <summary>Window size used by <c>TokenizeWindows</c> when a caller passes 0 or less.</summary>
    [Range(1, 510, ErrorMessage = "Backbone:WindowTokens must be between 1 and 510")]
    public int WindowTokens { get; set; } = 254;

    /// <summary>Window stride used by <c>TokenizeWindows</c> when a caller passes 0 or less.</summary>
    [Range(1, 510, ErrorMessage = "Backbone:WindowStride must be between 1 and 510")]
    public int WindowStride { get; set; } = 128;

    /// <summary><see cref="ModelPath"/> made absolute against <see cref="BaseDirectory"/>.</summary>
    public string ResolvedModelPath => Resolve(ModelPath);

    /// <summary><see cref="VocabPath"/> made absolute against <see cref="BaseDirectory"/>.</summary>
    public string ResolvedVocabPath => Resolve(VocabPath);

    /// <summary>Makes a relative path absolute against <see cref="BaseDirectory"/> (or the current directory).</summary>
    public string Resolve(string path) => Path.GetFullPath(path, BaseDirectory ?? Environment.CurrentDirectory);
}
